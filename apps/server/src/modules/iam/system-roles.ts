import { type DataScope, PERMISSIONS, type Permission } from '@meihao/contracts'

/** Permissions of residents, committees and regulators: the company administrator holds every other one. */
const NOT_FOR_STAFF: readonly Permission[] = ['resident.self', 'committee.read', 'authority.supervise']
/** Taking tickets as a handler is a technician's job: an administrator is not dispatched work. */
const NOT_FOR_ADMIN: readonly Permission[] = [...NOT_FOR_STAFF, 'tickets.handle']

/** The roles every company starts with (DESIGN §2.1). Codes are stable; names are shown in zh-CN. */
export const SYSTEM_ROLES: ReadonlyArray<{
  code: string
  name: string
  dataScope: DataScope
  permissions: Permission[]
}> = [
  {
    code: 'company_admin',
    name: '公司管理员',
    dataScope: 'company',
    permissions: PERMISSIONS.filter((p) => !NOT_FOR_ADMIN.includes(p)),
  },
  {
    code: 'project_manager',
    name: '项目经理',
    dataScope: 'org_unit',
    permissions: [
      'iam.org.read',
      'estate.read',
      'estate.manage',
      'estate.import',
      'estate.export',
      'pii.reveal',
      'governance.read',
      'tickets.read',
      'tickets.create',
      'tickets.dispatch',
      'tickets.manage',
      'tickets.configure',
      'billing.read',
      'billing.arrears',
      'disclosure.read',
      'disclosure.manage',
    ],
  },
  {
    code: 'service_desk',
    name: '客服',
    dataScope: 'community',
    permissions: ['estate.read', 'tickets.read', 'tickets.create', 'tickets.dispatch'],
  },
  {
    code: 'technician',
    name: '维修工',
    dataScope: 'community',
    permissions: ['estate.read', 'tickets.read', 'tickets.handle'],
  },
  {
    code: 'finance',
    name: '财务',
    dataScope: 'company',
    permissions: [
      'estate.read',
      'estate.export',
      'billing.read',
      'billing.configure',
      'billing.run',
      'billing.collect',
      'billing.refund',
      'billing.approve',
      'billing.ledger',
      'billing.arrears',
      'disclosure.read',
      'disclosure.finance',
    ],
  },
  { code: 'owner', name: '业主', dataScope: 'own', permissions: ['resident.self'] },
  {
    code: 'committee_member',
    name: '业委会成员',
    dataScope: 'community',
    permissions: [
      'resident.self',
      'committee.read',
      'governance.read',
      'governance.manage',
      'disclosure.read',
    ],
  },
]

/** Regulators sign in to an authority, not a company: their permissions come from the membership. */
export const AUTHORITY_PERMISSIONS: Permission[] = ['authority.supervise']
export const AUTHORITY_ROLE_NAME = '监管人员'
