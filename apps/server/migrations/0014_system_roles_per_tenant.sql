-- 0008, 0010 and 0012 gave the system roles of existing companies their new permissions with a plain
-- UPDATE. Row level security is forced on roles, so a schema owner that is neither superuser nor
-- BYPASSRLS updated no row at all. Grant them again company by company (as 0005 does); a permission a
-- role holds already is not added twice.
DO $$
DECLARE
  t record;
  grant_ record;
BEGIN
  FOR t IN SELECT id FROM tenants LOOP
    PERFORM set_config('app.tenant_id', t.id::text, true);
    FOR grant_ IN
      SELECT * FROM (VALUES
        ('company_admin', ARRAY['tickets.read', 'tickets.create', 'tickets.dispatch', 'tickets.manage',
          'tickets.configure', 'billing.read', 'billing.configure', 'billing.run', 'billing.collect',
          'billing.refund', 'billing.approve', 'billing.ledger', 'billing.arrears', 'disclosure.read',
          'disclosure.manage', 'disclosure.finance']),
        ('project_manager', ARRAY['tickets.read', 'tickets.create', 'tickets.dispatch', 'tickets.manage',
          'tickets.configure', 'billing.read', 'billing.arrears', 'disclosure.read', 'disclosure.manage']),
        ('service_desk', ARRAY['tickets.read', 'tickets.create', 'tickets.dispatch']),
        ('technician', ARRAY['tickets.read', 'tickets.handle']),
        ('finance', ARRAY['billing.read', 'billing.configure', 'billing.run', 'billing.collect', 'billing.refund',
          'billing.approve', 'billing.ledger', 'billing.arrears', 'disclosure.read', 'disclosure.finance']),
        ('committee_member', ARRAY['disclosure.read'])
      ) AS g (code, permissions)
    LOOP
      UPDATE roles
         SET permissions = permissions || ARRAY(SELECT unnest(grant_.permissions) EXCEPT SELECT unnest(permissions))
       WHERE is_system AND code = grant_.code AND NOT (grant_.permissions <@ permissions);
    END LOOP;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END
$$;
