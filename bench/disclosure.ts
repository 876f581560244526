import { PERMISSIONS } from '@meihao/contracts'
import { sql } from 'kysely'
import { apportion } from '../apps/server/src/modules/disclosure/apportionment'
import { localDate, rulesOfCommunity } from '../apps/server/src/modules/disclosure/community-rules'
import { addDays } from '../apps/server/src/modules/disclosure/completeness'
import {
  createProject,
  projectApportionment,
  settleProject,
  takeFirstDeposits,
} from '../apps/server/src/modules/disclosure/fund-service'
import {
  fundStatementContent,
  publishFundStatement,
} from '../apps/server/src/modules/disclosure/fund-statement'
import { putSettings } from '../apps/server/src/modules/disclosure/settings-service'
import type { DisclosureTables } from '../apps/server/src/modules/disclosure/tables'
import { fundUnits } from '../apps/server/src/modules/estate/published'
import { createPiiCipher, newPiiKey } from '../apps/server/src/platform/crypto/pii'
import type { Database } from '../apps/server/src/platform/db/database'
import { withTenant } from '../apps/server/src/platform/db/tenancy'
import type { RequestContext } from '../apps/server/src/platform/http/context'
import { uuidv7 } from '../apps/server/src/platform/ids'
import { ENGINE_NAMES, type ScratchDatabase } from './lib/databases'
import { step } from './lib/progress'
import { seedEstate } from './lib/seed'
import { fmtInt, fmtMs, type ResultRow } from './lib/table'

export interface DisclosurePlan {
  units: number
  /** Repetitions of the read-only figures (apportionment preview, statement); the median is reported. */
  runs: number
}
export const DISCLOSURE_PLAN: DisclosurePlan = { units: 20_000, runs: 5 }
export const DISCLOSURE_QUICK_PLAN: DisclosurePlan = { units: 2_000, runs: 3 }

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now()
  const value = await fn()
  return { ms: performance.now() - started, value }
}

/** The company administrator as the services see a signed-in caller: every permission, company-wide. */
function adminContext(db: Database, tenantId: string): RequestContext {
  const permissions = PERMISSIONS.filter(
    (p) => !['resident.self', 'committee.read', 'authority.supervise'].includes(p),
  )
  return {
    db,
    requestId: `bench-${uuidv7()}`,
    lang: 'zh-CN',
    ip: '127.0.0.1',
    actor: {
      kind: 'user',
      accountId: null,
      userId: null,
      apiKeyId: null,
      tenantId,
      authorityId: null,
      permissions: new Set(permissions),
      grants: [{ permissions, scope: 'company', targetId: null }],
      csrfToken: null,
      sessionId: null,
      mustChangePassword: false,
    },
  }
}

/**
 * The maintenance fund at the size of a large community (one engine, a fresh database): first deposits for
 * every unit, a project shared by all of them (its apportionment preview, then its settlement), and the
 * fund's statement. Each figure beside what bounds it in the same run:
 * - the preview beside the pure `apportion()` over the same units and balances (no database);
 * - the settlement beside one transaction of the schema owner writing the same rows it writes (journal
 *   lines, entries, shares, account updates) with `INSERT … SELECT FROM unnest` and no checks in code;
 * - the statement beside `fundStatementContent` alone (its three SELECTs, in a transaction of the owner),
 *   i.e. without RLS, the version bookkeeping and the owners' messages.
 */
export async function disclosureFigures(
  scratch: ScratchDatabase,
  plan: DisclosurePlan,
): Promise<ResultRow[]> {
  const engine = ENGINE_NAMES[scratch.kind]
  const db = await scratch.open()
  try {
    step(`disclosure (${engine}): seeding ${fmtInt(plan.units)} units`)
    const pii = createPiiCipher(newPiiKey())
    const estate = await seedEstate(db, pii, plan.units)
    const ctx = adminContext(db, estate.tenantId)
    const buildingRates = Object.fromEntries([...estate.buildingIds.values()].map((id) => [id, 'std']))
    await putSettings(ctx, estate.communityId, {
      fundRates: [{ code: 'std', name: '标准', fenPerM2: 12_000 }],
      buildingRates,
    })
    const today = localDate(new Date(), 'Asia/Shanghai')
    step(`disclosure (${engine}): first deposits`)
    const deposits = await timed(() =>
      takeFirstDeposits(ctx, {
        communityId: estate.communityId,
        unitIds: [],
        occurredOn: addDays(today, -400),
      }),
    )
    const costFen = 360_000_000
    const created = await createProject(ctx, {
      communityId: estate.communityId,
      title: '全小区电梯更新',
      description: '',
      buildingIds: [...estate.buildingIds.values()],
      unitIds: [],
      costFen,
      emergencyCategory: 'lift_stopped',
      decisionId: null,
      topicId: null,
    })
    const projectId = created.project.id
    step(`disclosure (${engine}): apportionment preview × ${plan.runs}`)
    const previews: number[] = []
    const pure: number[] = []
    for (let i = 0; i < plan.runs; i++) {
      previews.push((await timed(() => projectApportionment(ctx, projectId, 'staff'))).ms)
      const inputs = await withTenant<DisclosureTables, Parameters<typeof apportion>[1]>(
        db,
        estate.tenantId,
        async (tx) => {
          const units = await fundUnits(tx, estate.tenantId, estate.communityId)
          const { rows } = await sql<{ unit_id: string; balance_fen: string; first_deposit_fen: string }>`
          select unit_id, balance_fen, first_deposit_fen from fund_unit_accounts where tenant_id = ${estate.tenantId}`.execute(
            tx,
          )
          const byUnit = new Map(rows.map((r) => [r.unit_id, r]))
          return units.map((u) => ({
            ...u,
            balanceFen: Number(byUnit.get(u.id)!.balance_fen),
            firstDepositFen: Number(byUnit.get(u.id)!.first_deposit_fen),
          }))
        },
      )
      pure.push((await timed(async () => apportion(costFen, inputs))).ms)
    }
    step(`disclosure (${engine}): settlement`)
    const settle = await timed(() => settleProject(ctx, projectId))
    const settleCeiling = await rawSettlement(db, estate.tenantId, estate.communityId, estate.unitIds)
    step(`disclosure (${engine}): statement × ${plan.runs}`)
    const statements: number[] = []
    const contents: number[] = []
    let contentBytes = 0
    for (let i = 0; i < plan.runs; i++) {
      const period = {
        communityId: estate.communityId,
        periodFrom: addDays(today, -500),
        periodTo: addDays(today, -1),
      }
      statements.push((await timed(() => publishFundStatement(ctx, period))).ms)
      const content = await timed(() =>
        db.owner.transaction().execute(async (tx) => {
          const rules = await rulesOfCommunity(tx as never, estate.tenantId, estate.communityId)
          return fundStatementContent(tx as never, estate.tenantId, rules, period.periodFrom, period.periodTo)
        }),
      )
      contents.push(content.ms)
      contentBytes = JSON.stringify(content.value).length
    }
    const units = `${fmtInt(plan.units)} units · ${engine}`
    return [
      {
        figure: `fund first deposits · ${units}`,
        value: `${fmtMs(deposits.ms)} (${fmtInt(deposits.value.units)} sub-accounts, one journal)`,
        ceiling: '—',
        ratio: '—',
        target: 'info',
      },
      {
        figure: `apportion a project over ${units} · preview (median of ${plan.runs})`,
        value: fmtMs(median(previews)),
        ceiling: `${fmtMs(median(pure))} (pure apportion() on the same units, no database)`,
        ratio: `${(median(previews) / median(pure)).toFixed(1)}×`,
        target: 'info',
      },
      {
        figure: `settle that project · ${units}`,
        value: `${fmtMs(settle.ms)} (${fmtInt(settle.value.units)} shares, ${fmtInt(settle.value.topUpUnits)} flagged for top-up)`,
        ceiling: `${fmtMs(settleCeiling)} (owner: the same rows by INSERT … FROM unnest, one transaction)`,
        ratio: `${(settle.ms / settleCeiling).toFixed(1)}×`,
        target: 'info',
      },
      {
        figure: `fund statement, whole community · ${units} (median of ${plan.runs})`,
        value: `${fmtMs(median(statements))} (content ${fmtInt(contentBytes)} bytes)`,
        ceiling: `${fmtMs(median(contents))} (its SELECTs alone, owner, no RLS or publishing)`,
        ratio: `${(median(statements) / median(contents)).toFixed(1)}×`,
        target: 'info',
      },
    ]
  } finally {
    await db.close()
  }
}

/** The rows a settlement writes, written by the owner in bulk: its ceiling. Rolled back afterwards. */
async function rawSettlement(
  db: Database,
  tenantId: string,
  communityId: string,
  unitIds: readonly string[],
) {
  const started = performance.now()
  await db.owner
    .transaction()
    .execute(async (tx) => {
      const projectId = uuidv7()
      const journalId = uuidv7()
      await sql`insert into fund_projects (tenant_id, id, community_id, title, building_ids, unit_ids, emergency_category, cost_fen)
                values (${tenantId}::uuid, ${projectId}::uuid, ${communityId}::uuid, 'ceiling', '{}', '{}', 'lift_stopped', 100)`.execute(
        tx,
      )
      await sql`insert into ledger_journals (tenant_id, id, key, kind, community_id, memo)
                values (${tenantId}::uuid, ${journalId}::uuid, ${`ceiling:${journalId}`}, 'maintenance_fund_spent', ${communityId}::uuid, '')`.execute(
        tx,
      )
      const ids = `{${unitIds.join(',')}}`
      await sql`insert into ledger_lines (tenant_id, journal_id, line_no, community_id, account, sub_key, debit_fen, credit_fen)
                select ${tenantId}::uuid, ${journalId}::uuid, n, ${communityId}::uuid, '2241-MF', u::text, 1, 0
                  from unnest(${ids}::uuid[]) with ordinality as v(u, n)
                union all select ${tenantId}::uuid, ${journalId}::uuid, ${unitIds.length + 1}, ${communityId}::uuid, '1002', '', 0, ${unitIds.length}`.execute(
        tx,
      )
      await sql`insert into fund_entries (tenant_id, id, community_id, unit_id, kind, amount_fen, balance_after_fen, project_id, journal_id, occurred_on)
                select ${tenantId}::uuid, gen_random_uuid(), ${communityId}::uuid, u, 'spend', -1, 0, ${projectId}::uuid, ${journalId}::uuid, current_date
                  from unnest(${ids}::uuid[]) as v(u)`.execute(tx)
      await sql`insert into fund_project_shares (tenant_id, project_id, unit_id, exclusive_area, developer_held, share_fen, from_fund_fen, shortfall_fen)
                select ${tenantId}::uuid, ${projectId}::uuid, u, 1, false, 1, 1, 0 from unnest(${ids}::uuid[]) as v(u)`.execute(
        tx,
      )
      await sql`update fund_unit_accounts set spent_fen = spent_fen + 1, balance_fen = balance_fen - 1, updated_at = now()
                 where tenant_id = ${tenantId} and unit_id = any(${ids}::uuid[]) and balance_fen > 0`.execute(
        tx,
      )
      throw new RollbackCeiling()
    })
    .catch((error) => {
      if (!(error instanceof RollbackCeiling)) throw error
    })
  return performance.now() - started
}

class RollbackCeiling extends Error {}
