import { randomInt } from 'node:crypto'
import { Phone, type RoleAssignment } from '@meihao/contracts'
import type { Command } from 'commander'
import type { Transaction } from 'kysely'
import { createDeps, openAndMigrate } from '../app'
import type { EstateTables } from '../modules/estate/tables'
import { addUser, resetUserPassword } from '../modules/iam/admin-service'
import type { IamTables } from '../modules/iam/tables'
import { maskPhone } from '../platform/crypto/mask'
import { withoutTenant, withTenant } from '../platform/db/tenancy'
import type { Deps } from '../platform/deps'
import { AppError } from '../platform/errors'
import { translate } from '../platform/i18n/catalog'
import { uuidv7 } from '../platform/ids'
import { configOrExit } from './config'
import '../modules/iam/messages'

type Tables = IamTables & EstateTables
type Tx = Transaction<Tables>
type Scope = Pick<RoleAssignment, 'orgUnitId' | 'communityId' | 'buildingId'>

export interface ShellUserCreate {
  tenant: string
  phone: string
  name: string
  role: string
  password?: string | undefined
  orgUnit?: string | undefined
  community?: string | undefined
  building?: string | undefined
}

export interface ShellPasswordReset {
  tenant: string
  phone: string
  password?: string | undefined
}

const MIN_PASSWORD = 8
const SCOPE_NAMES: Record<string, string> = { org_unit: '组织', community: '小区', building: '楼栋' }
const PASSWORD_CLASSES = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '@#%+=?!']

/** 16 characters with every class (about 95 bits), without look-alikes such as O/0 and l/1. */
export function generatePassword(length = 16): string {
  const all = PASSWORD_CLASSES.join('')
  const chars = PASSWORD_CLASSES.map((set) => set[randomInt(set.length)]!)
  while (chars.length < length) chars.push(all[randomInt(all.length)]!)
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[chars[i], chars[j]] = [chars[j]!, chars[i]!]
  }
  return chars.join('')
}

function checkCredentials(phone: string, password: string | undefined) {
  if (!Phone.safeParse(phone).success)
    throw new Error(`手机号须为 1 开头的 11 位数字 Not a mobile number: ${phone}`)
  if (password !== undefined && password.length < MIN_PASSWORD) {
    throw new Error(`密码至少 ${MIN_PASSWORD} 位 The password needs at least ${MIN_PASSWORD} characters`)
  }
}

async function tenantIdOf(deps: Deps, code: string): Promise<string> {
  const tenant = await withoutTenant<IamTables, { id: string } | undefined>(deps.db, (tx) =>
    tx.selectFrom('tenants').select('id').where('code', '=', code).executeTakeFirst(),
  )
  if (!tenant) throw new Error(`没有编码为“${code}”的物业公司 No company with code ${code}`)
  return tenant.id
}

/** The org unit, community or building a role of this data scope reaches, from the command's options. */
async function scopeOf(
  tx: Tx,
  tenantId: string,
  role: { name: string; data_scope: string },
  input: ShellUserCreate,
): Promise<Scope> {
  const scope: Scope = { orgUnitId: null, communityId: null, buildingId: null }
  const scopeName = SCOPE_NAMES[role.data_scope] ?? role.data_scope
  const missing = (option: string) =>
    new Error(
      `${translate('zh-CN', 'IAM_SCOPE_TARGET_REQUIRED', { role: role.name, scope: scopeName })}（${option}）`,
    )
  if (role.data_scope === 'org_unit') {
    if (!input.orgUnit) throw missing('--org-unit')
    const byId = /^[0-9a-f-]{36}$/i.test(input.orgUnit)
    const units = await tx
      .selectFrom('org_units')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where(byId ? 'id' : 'name', '=', input.orgUnit)
      .execute()
    if (units.length !== 1)
      throw new Error(`找不到唯一的组织“${input.orgUnit}” No single org unit ${input.orgUnit}`)
    scope.orgUnitId = units[0]!.id
  }
  if (role.data_scope === 'community' || role.data_scope === 'building') {
    if (!input.community) throw missing('--community')
    const community = await tx
      .selectFrom('communities')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('code', '=', input.community)
      .executeTakeFirst()
    if (!community) throw new Error(`没有编码为“${input.community}”的小区 No community ${input.community}`)
    if (role.data_scope === 'community') scope.communityId = community.id
    else {
      if (!input.building) throw missing('--building')
      const building = await tx
        .selectFrom('buildings')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('community_id', '=', community.id)
        .where('code', '=', input.building)
        .executeTakeFirst()
      if (!building) throw new Error(`小区中没有楼栋“${input.building}” No building ${input.building}`)
      scope.buildingId = building.id
    }
  }
  return scope
}

/**
 * Adds a user with one role to a company. `password` is what the user signs in with, or null when the
 * number already had an account (it keeps its password, as through the API).
 */
export async function createUserFromShell(
  deps: Deps,
  input: ShellUserCreate,
): Promise<{ userId: string; roleName: string; password: string | null }> {
  checkCredentials(input.phone, input.password)
  const tenantId = await tenantIdOf(deps, input.tenant)
  const password = input.password ?? generatePassword()
  return withTenant<Tables, { userId: string; roleName: string; password: string | null }>(
    deps.db,
    tenantId,
    async (tx) => {
      const roles = await tx
        .selectFrom('roles')
        .select(['id', 'code', 'name', 'data_scope'])
        .where('tenant_id', '=', tenantId)
        .execute()
      const role = roles.find((r) => r.code === input.role)
      if (!role) {
        throw new Error(
          `没有角色“${input.role}” No role ${input.role}; roles: ${roles.map((r) => r.code).join(', ')}`,
        )
      }
      const scope = await scopeOf(tx, tenantId, role, input)
      const known = await tx
        .selectFrom('accounts')
        .select('id')
        .where('phone_hash', '=', deps.pii.lookupHash('phone', input.phone))
        .executeTakeFirst()
      // The same transaction, seen through iam's tables only (Kysely's schema types do not widen).
      const iam = tx as unknown as Transaction<IamTables>
      const user = await asShellError(
        addUser(iam, deps, tenantId, shellAudit(), {
          name: input.name,
          phone: input.phone,
          password,
          orgUnitId: scope.orgUnitId,
          roles: [{ roleId: role.id, ...scope }],
        }),
      )
      return { userId: user.id, roleName: role.name, password: known ? null : password }
    },
  )
}

/**
 * Sets a new password for a user of the company: the lock is lifted, every session ends, and the user must
 * change it at the next sign-in (as an administrator's reset through the API).
 */
export async function resetPasswordFromShell(
  deps: Deps,
  input: ShellPasswordReset,
): Promise<{ password: string }> {
  checkCredentials(input.phone, input.password)
  const tenantId = await tenantIdOf(deps, input.tenant)
  const password = input.password ?? generatePassword()
  await withTenant<IamTables, void>(deps.db, tenantId, async (tx) => {
    const user = await tx
      .selectFrom('users as u')
      .innerJoin('accounts as a', 'a.id', 'u.account_id')
      .select(['u.id'])
      .where('u.tenant_id', '=', tenantId)
      .where('a.phone_hash', '=', deps.pii.lookupHash('phone', input.phone))
      .executeTakeFirst()
    if (!user)
      throw new Error(`该公司没有手机号为 ${maskPhone(input.phone)} 的用户 No such user in ${input.tenant}`)
    await asShellError(resetUserPassword(tx, tenantId, shellAudit(), user.id, password))
  })
  return { password }
}

/** Shell commands act as the system, under a request id of their own. */
const shellAudit = () => ({ actor: null, requestId: `cli-${uuidv7()}` })

/** The service's coded errors, as the Chinese sentence a person at the shell can read. */
async function asShellError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (error instanceof AppError) throw new Error(translate('zh-CN', error.code, error.params))
    throw error
  }
}

async function withDeps(run: (deps: Deps) => Promise<void>) {
  const config = configOrExit()
  const db = await openAndMigrate(config)
  try {
    await run(createDeps(config, db))
  } finally {
    await db.close()
  }
}

const showPassword = (label: string, password: string) =>
  console.log(`${label} (shown once, store it now): ${password}`)

export function registerUserCommand(program: Command) {
  const user = program.command('user').description('Manage logins from the shell (用户与密码)')
  user
    .command('create')
    .description('Add a user with one role to a company; a generated password is printed once')
    .requiredOption('--tenant <code>', 'company code')
    .requiredOption('--phone <phone>', 'mobile number the user signs in with')
    .requiredOption('--name <name>', 'name shown in the console')
    .requiredOption(
      '--role <roleCode>',
      'role code: company_admin, project_manager, service_desk, technician, finance, …',
    )
    .option(
      '--password <password>',
      `initial password (at least ${MIN_PASSWORD} characters); generated when omitted`,
    )
    .option('--org-unit <idOrName>', 'org unit, for roles scoped to one (项目经理)')
    .option('--community <code>', 'community code, for roles scoped to a community or a building')
    .option('--building <code>', 'building code in --community, for roles scoped to a building')
    .action((options: ShellUserCreate) =>
      withDeps(async (deps) => {
        const created = await createUserFromShell(deps, options)
        console.log(
          `已创建用户 Created ${options.name} (${maskPhone(options.phone)}) in ${options.tenant}: ${created.roleName}`,
        )
        if (created.password === null)
          console.log(
            '该手机号已有账号，沿用原密码 The number already had an account: its password is unchanged',
          )
        else if (options.password === undefined) showPassword('初始密码 Password', created.password)
      }),
    )
  user
    .command('reset-password')
    .description(
      'Set a new password (generated when omitted, printed once); sessions end, the lock is lifted',
    )
    .requiredOption('--tenant <code>', 'company code')
    .requiredOption('--phone <phone>', 'mobile number of the user')
    .option(
      '--password <password>',
      `new password (at least ${MIN_PASSWORD} characters); generated when omitted`,
    )
    .action((options: ShellPasswordReset) =>
      withDeps(async (deps) => {
        const { password } = await resetPasswordFromShell(deps, options)
        console.log(
          `已重置密码 Password reset for ${maskPhone(options.phone)} in ${options.tenant}; it must be changed at next sign-in`,
        )
        if (options.password === undefined) showPassword('新密码 New password', password)
      }),
    )
}
