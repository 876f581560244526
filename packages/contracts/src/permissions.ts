import { z } from 'zod'

/**
 * Every permission the platform knows. Routes declare one of these (or `public` / `authenticated`);
 * roles are sets of them. The console builds its menu from the caller's list.
 */
export const PERMISSIONS = [
  'iam.org.read',
  'iam.org.manage',
  'iam.users.read',
  'iam.users.manage',
  'iam.roles.read',
  'iam.roles.manage',
  'iam.apikeys.manage',
  'audit.read',
  'estate.read',
  'estate.manage',
  'estate.import',
  'estate.export',
  'pii.reveal',
  'governance.read',
  'governance.manage',
  'tickets.read',
  'tickets.create',
  'tickets.handle',
  'tickets.dispatch',
  'tickets.manage',
  'tickets.configure',
  'billing.read',
  'billing.configure',
  'billing.run',
  'billing.collect',
  'billing.refund',
  'billing.approve',
  'billing.ledger',
  'billing.arrears',
  'disclosure.read',
  'disclosure.manage',
  'disclosure.finance',
  'resident.self',
  'committee.read',
  'authority.supervise',
] as const
export const Permission = z.enum(PERMISSIONS)
export type Permission = z.infer<typeof Permission>

/** How far a role assignment reaches inside a company. */
export const DATA_SCOPES = ['company', 'org_unit', 'community', 'building', 'own'] as const
export const DataScope = z.enum(DATA_SCOPES)
export type DataScope = z.infer<typeof DataScope>
