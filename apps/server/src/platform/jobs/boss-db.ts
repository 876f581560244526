import type pg from 'pg'
import type PgBoss from 'pg-boss'

type Row = Record<string, unknown>
export type SqlRunner = (text: string, values: unknown[]) => Promise<{ rows: Row[] }>

/** What pg-boss is given as its `db`, plus a way to wait for the statements it left running. */
export interface BossDb extends PgBoss.Db {
  /** Statements running right now. */
  readonly inFlight: number
  /**
   * Resolves once no statement has been running for one turn of the event loop, or after
   * `timeoutMs`. pg-boss fires some statements without awaiting them (completing a cron batch,
   * maintenance ticks), so its stop() can return while they still run; closing the pool under
   * them would fail them.
   */
  idle(timeoutMs: number): Promise<void>
}

export function trackedBossDb(run: SqlRunner): BossDb {
  let inFlight = 0
  let waiters: Array<() => void> = []
  const settle = () => {
    inFlight--
    if (inFlight === 0) {
      for (const wake of waiters) wake()
      waiters = []
    }
  }
  return {
    get inFlight() {
      return inFlight
    },
    async executeSql(text: string, values?: unknown[]) {
      inFlight++
      try {
        return await run(text, values ?? [])
      } finally {
        settle()
      }
    },
    async idle(timeoutMs: number) {
      const deadline = Date.now() + timeoutMs
      do {
        if (inFlight > 0) {
          const left = deadline - Date.now()
          if (left <= 0) return
          await new Promise<void>((resolve) => {
            waiters.push(resolve)
            setTimeout(resolve, left).unref()
          })
        }
        // A statement chained on the one that just ended starts within this turn.
        await new Promise((resolve) => setImmediate(resolve))
      } while (inFlight > 0 && Date.now() < deadline)
    },
  }
}

/** pg-boss on its own pool (PostgreSQL server): parameterless multi-statement SQL uses the simple protocol. */
export function poolBossDb(pool: pg.Pool): BossDb {
  return trackedBossDb(async (text, values) => {
    const result = (await pool.query(text, values)) as pg.QueryResult<Row> | pg.QueryResult<Row>[]
    // A multi-statement text answers one result per statement; pg-boss reads only single statements.
    return { rows: Array.isArray(result) ? (result.at(-1)?.rows ?? []) : result.rows }
  })
}
