import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import type { OrgUnit, Role, RoleAssignment } from '@meihao/contracts'
import { Button, Flex, Form, Select, Typography } from 'antd'
import { useI18n } from '../../i18n/I18nProvider'
import { BuildingSelect } from '../BuildingSelect'
import { CommunitySelect } from '../CommunitySelect'
import { OrgUnitSelect } from './OrgUnitSelect'

/** One row of the roles list as the form holds it (communityId also helps pick a building). */
export interface AssignmentValue {
  roleId?: string
  orgUnitId?: string | null
  communityId?: string | null
  buildingId?: string | null
}

/** What the API takes: only the scope target the role's data scope needs. */
export function toAssignments(
  values: AssignmentValue[] | undefined,
  roles: readonly Role[],
): RoleAssignment[] {
  return (values ?? []).flatMap((v) => {
    const role = roles.find((r) => r.id === v.roleId)
    if (!role) return []
    switch (role.dataScope) {
      case 'org_unit':
        return [{ roleId: role.id, orgUnitId: v.orgUnitId ?? null }]
      case 'community':
        return [{ roleId: role.id, communityId: v.communityId ?? null }]
      case 'building':
        return [{ roleId: role.id, buildingId: v.buildingId ?? null }]
      default:
        return [{ roleId: role.id }]
    }
  })
}

function AssignmentRow({
  name,
  roles,
  orgUnits,
  onRemove,
}: {
  name: number
  roles: readonly Role[]
  orgUnits: readonly OrgUnit[]
  onRemove: () => void
}) {
  const { t } = useI18n()
  const form = Form.useFormInstance()
  const roleId: string | undefined = Form.useWatch(['roles', name, 'roleId'], form)
  const communityId: string | null | undefined = Form.useWatch(['roles', name, 'communityId'], form)
  const scope = roles.find((r) => r.id === roleId)?.dataScope
  const clearTargets = () => {
    for (const field of ['orgUnitId', 'communityId', 'buildingId'])
      form.setFieldValue(['roles', name, field], null)
  }

  return (
    <Flex gap={8} align="start" wrap data-testid="role-assignment">
      <Form.Item
        name={[name, 'roleId']}
        rules={[{ required: true, message: t('iam.roleRequired') }]}
        style={{ minWidth: 200, flex: '1 1 200px', marginBottom: 8 }}
      >
        <Select
          placeholder={t('iam.pickRole')}
          onChange={clearTargets}
          options={roles.map((r) => ({
            value: r.id,
            label: t('common.nameWithNote', { name: r.name, note: t(`scope.${r.dataScope}`) }),
          }))}
          data-testid="role-assignment-role"
        />
      </Form.Item>
      {scope === 'org_unit' ? (
        <Form.Item
          name={[name, 'orgUnitId']}
          rules={[{ required: true, message: t('iam.scopeOrgRequired') }]}
          style={{ minWidth: 220, flex: '1 1 220px', marginBottom: 8 }}
        >
          <OrgUnitSelect units={orgUnits} testId="role-assignment-org" />
        </Form.Item>
      ) : null}
      {scope === 'community' || scope === 'building' ? (
        <Form.Item
          name={[name, 'communityId']}
          rules={scope === 'community' ? [{ required: true, message: t('iam.scopeCommunityRequired') }] : []}
          style={{ minWidth: 200, flex: '1 1 200px', marginBottom: 8 }}
        >
          <CommunitySelect
            testId="role-assignment-community"
            onChange={() => form.setFieldValue(['roles', name, 'buildingId'], null)}
          />
        </Form.Item>
      ) : null}
      {scope === 'building' ? (
        <Form.Item
          name={[name, 'buildingId']}
          rules={[{ required: true, message: t('iam.scopeBuildingRequired') }]}
          style={{ minWidth: 160, flex: '1 1 160px', marginBottom: 8 }}
        >
          <BuildingSelect communityId={communityId ?? null} testId="role-assignment-building" />
        </Form.Item>
      ) : null}
      {scope === 'company' || scope === 'own' ? (
        <Typography.Text type="secondary" style={{ lineHeight: '32px', flex: '1 1 200px' }}>
          {t(`scopeHint.${scope}`)}
        </Typography.Text>
      ) : null}
      <Button icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('common.remove')} />
    </Flex>
  )
}

/** Form.List "roles": each row a role and, by its data scope, the org unit / community / building. */
export function RoleAssignmentsField({
  roles,
  orgUnits,
}: {
  roles: readonly Role[]
  orgUnits: readonly OrgUnit[]
}) {
  const { t } = useI18n()
  return (
    <Form.List name="roles">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <AssignmentRow
              key={field.key}
              name={field.name}
              roles={roles}
              orgUnits={orgUnits}
              onRemove={() => remove(field.name)}
            />
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({})}
            data-testid="role-assignment-add"
          >
            {t('iam.addRole')}
          </Button>
        </>
      )}
    </Form.List>
  )
}
