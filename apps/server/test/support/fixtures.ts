import { provisionTenant } from '../../src/modules/iam/provisioning'
import { ApiClient, type TestApp } from './app'

let phoneCounter = 0
/** Distinct, valid mobile numbers for one test process. */
export const nextPhone = () =>
  `139${String(process.pid % 10_000).padStart(4, '0')}${String(++phoneCounter).padStart(4, '0')}`

export const PASSWORD = 'Meihao#2026'

export interface Company {
  tenantId: string
  adminUserId: string
  code: string
  admin: ApiClient
  adminPhone: string
  roleIds: Record<string, string>
  groupOrgUnitId: string
}

/** A company with its administrator signed in. */
export async function createCompany(app: TestApp, code: string): Promise<Company> {
  const adminPhone = nextPhone()
  const provisioned = await provisionTenant(app.db, app.deps.pii, {
    code,
    name: `${code} 物业服务有限公司`,
    admin: { name: `${code} 管理员`, phone: adminPhone, password: PASSWORD },
  })
  const admin = new ApiClient(app.server)
  const res = await admin.login(adminPhone, PASSWORD, code)
  if (res.status !== 200) throw new Error(`admin login failed: ${JSON.stringify(res.body)}`)
  return { ...provisioned, code, admin, adminPhone }
}

export interface SmallEstate {
  communityId: string
  buildingIds: string[]
  unitIds: string[]
  ownerPartyId: string
  ownerPhone: string
}

/** One community, two buildings, four units, and one owner of the first unit — through the API. */
export async function createSmallEstate(company: Company, code = 'c1'): Promise<SmallEstate> {
  const api = company.admin
  const community = await api.post('/api/v1/communities', {
    code,
    name: `${code} 花园`,
    divisionCode: '310115',
  })
  if (community.status !== 201) throw new Error(JSON.stringify(community.body))
  const communityId = community.body.id as string
  const buildingIds: string[] = []
  const unitIds: string[] = []
  for (const b of ['1', '2']) {
    const building = await api.post(`/api/v1/communities/${communityId}/buildings`, {
      code: b,
      name: `${b}号楼`,
      floors: 18,
    })
    buildingIds.push(building.body.id)
    for (const u of ['101', '102']) {
      const unit = await api.post('/api/v1/units', {
        buildingId: building.body.id,
        code: `${b}-${u}`,
        floor: 1,
        buildingArea: '89.37',
        exclusiveArea: '72.10',
      })
      if (unit.status !== 201) throw new Error(JSON.stringify(unit.body))
      unitIds.push(unit.body.id)
    }
  }
  const ownerPhone = nextPhone()
  const party = await api.post('/api/v1/parties', {
    name: '张三',
    phone: ownerPhone,
    idNumber: '11010119800101123X',
  })
  await api.post(`/api/v1/units/${unitIds[0]}/ownerships`, {
    partyId: party.body.id,
    startDate: '2014-06-01',
  })
  return { communityId, buildingIds, unitIds, ownerPartyId: party.body.id, ownerPhone }
}

/** The small estate's owner (张三) as a resident-app user linked to their party, signed in. */
export async function signInOwner(app: TestApp, company: Company, estate: SmallEstate): Promise<ApiClient> {
  await company.admin.post('/api/v1/iam/users', {
    name: '张三',
    phone: estate.ownerPhone,
    password: PASSWORD,
    roles: [{ roleId: company.roleIds.owner }],
  })
  const account = await app.db.owner
    .selectFrom('accounts')
    .select('id')
    .where('phone_hash', '=', app.deps.pii.lookupHash('phone', estate.ownerPhone))
    .executeTakeFirstOrThrow()
  await app.db.owner
    .updateTable('parties')
    .set({ account_id: account.id })
    .where('id', '=', estate.ownerPartyId)
    .execute()
  const owner = new ApiClient(app.server)
  const login = await owner.login(estate.ownerPhone, PASSWORD, company.code)
  if (login.status !== 200) throw new Error(JSON.stringify(login.body))
  return owner
}
