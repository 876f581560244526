import type { Community, OrgUnit, User } from '@meihao/contracts'
import { Space, Tag } from 'antd'
import { useI18n } from '../../i18n/I18nProvider'

type Assignment = User['roles'][number]

/** A user's roles, each with the org unit / community / building it reaches when names are known. */
export function AssignmentTags({
  roles,
  orgUnits,
  communities,
}: {
  roles: Assignment[]
  orgUnits: ReadonlyMap<string, OrgUnit>
  communities: ReadonlyMap<string, Community>
}) {
  const { t } = useI18n()
  if (roles.length === 0) return <span>—</span>
  const target = (a: Assignment): string | null => {
    if (a.orgUnitId) return orgUnits.get(a.orgUnitId)?.name ?? t('scope.org_unit')
    if (a.communityId) return communities.get(a.communityId)?.name ?? t('scope.community')
    if (a.buildingId) return t('scope.building')
    return null
  }
  return (
    <Space size={[4, 4]} wrap>
      {roles.map((a) => {
        const where = target(a)
        return (
          <Tag
            key={`${a.roleId}|${a.orgUnitId ?? ''}|${a.communityId ?? ''}|${a.buildingId ?? ''}`}
            color="geekblue"
          >
            {where ? t('common.nameWithNote', { name: a.roleName, note: where }) : a.roleName}
          </Tag>
        )
      })}
    </Space>
  )
}
