import { createHash } from 'node:crypto'
import pg from 'pg'
import { APP_ROLE } from './database'

/** The role switch and the tenant, local to the (implicit or explicit) transaction they run in. */
const SET_TENANT = `select set_config('role', $1, true), set_config('app.tenant_id', $2, true)`

/** The parts of pg's connection a custom submittable writes the extended protocol with. */
interface ProtocolConnection {
  stream: { cork?: () => void; uncork?: () => void }
  parse(config: { text: string; name?: string }): void
  bind(config: { statement?: string; values: unknown[]; valueMapper?: (value: unknown) => unknown }): void
  close(config: { type: 'S'; name: string }): void
  describe(config: { type: 'P'; name: string }): void
  execute(config: object): void
  sync(): void
}

/**
 * Planning the hot SELECTs costs PostgreSQL more than running them (≈0.6 ms against ≈0.15 ms for the
 * unit detail), so each connection keeps them prepared. The names are ours, not pg's (pg only knows the
 * unnamed statements of this query), so pg's own prepared-statement bookkeeping cannot disagree with us.
 */
const MAX_PREPARED_PER_CONNECTION = 100
/** PostgreSQL's answer when a prepared statement's result columns changed under it (a migration). */
export const PLAN_CHANGED = 'cached plan must not change result type'
const prepared = new WeakMap<object, Map<string, 'ready' | 'uncertain'>>()
const statementNames = new Map<string, string>()

/**
 * Parses `text` under its name on this connection unless the connection already holds it, and answers
 * the name to Bind; '' (unnamed, parsed now) once the connection holds MAX_PREPARED_PER_CONNECTION.
 */
function prepareOn(con: ProtocolConnection, text: string): string {
  let statements = prepared.get(con)
  if (!statements) {
    statements = new Map()
    prepared.set(con, statements)
  }
  const name = statementName(text)
  const state = statements.get(name)
  if (state === 'ready') return name
  if (!state && statements.size >= MAX_PREPARED_PER_CONNECTION) {
    con.parse({ text })
    return ''
  }
  // After an error we cannot tell whether the Parse got through; closing a missing name is no error.
  if (state === 'uncertain') con.close({ type: 'S', name })
  con.parse({ text, name })
  statements.set(name, 'ready')
  return name
}

/**
 * After an error in a pipeline that used `name`: parse it afresh next time. When a migration changed
 * a table under the connection's plans, all of them are suspect, not only this one.
 */
function forgetPrepared(con: unknown, name: string, error: Error): void {
  const statements = prepared.get(con as object)
  if (!statements) return
  if (error.message.includes(PLAN_CHANGED))
    for (const known of statements.keys()) statements.set(known, 'uncertain')
  else if (name) statements.set(name, 'uncertain')
}

function statementName(text: string): string {
  let name = statementNames.get(text)
  if (!name) {
    name = `mh_read_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`
    if (statementNames.size < 10_000) statementNames.set(text, name)
  }
  return name
}

/** What pg.Query does with the backend's answers; declared here because @types/pg leaves it out. */
interface QueryHandlers {
  handleError(error: Error, connection: unknown): void
  handleDataRow(msg: unknown): void
  handleCommandComplete(msg: unknown, connection: unknown): void
}

// pg's own mapping of JS values to wire text (dates, arrays, JSON), as its Query uses for Bind.
const { prepareValue } = (pg as unknown as { utils: { prepareValue(value: unknown): unknown } }).utils

/**
 * One SELECT under Row Level Security in a single round trip: the tenant statement and the query are
 * pipelined in the extended protocol before one Sync, so PostgreSQL runs both in one implicit
 * transaction (the settings are `is_local` and end with it, even on error). pg's own submittable
 * interface (as pg-cursor uses it); the prelude's rows and completions are dropped, so the result is
 * exactly the query's. The query itself runs as a named prepared statement (see above).
 *
 * With `begin`, an explicit BEGIN goes first: the transaction stays open after the Sync for the
 * statements that follow (the first statement of a withTenant transaction, see app-pool.ts).
 */
export class TenantReadQuery<R extends pg.QueryResultRow> extends pg.Query<R> {
  /** Commands to complete before the query's own: the settings, and BEGIN when asked for. */
  private preludeLeft: number
  private statement = ''
  private connection: unknown

  constructor(
    private readonly tenantId: string,
    private readonly sqlText: string,
    private readonly parameters: readonly unknown[],
    callback: (error: Error | undefined, result: pg.ResultBuilder<R>) => void,
    private readonly options: { begin: boolean } = { begin: false },
  ) {
    super({ text: sqlText, values: [...parameters] }, callback)
    this.preludeLeft = options.begin ? 2 : 1
  }

  // A field, not a method, because @types/pg declares `submit` as one.
  override submit = (connection: pg.Connection): Error | undefined => {
    const con = connection as unknown as ProtocolConnection
    // Mapped before anything is written: a value pg cannot send (a BigInt in JSON) then fails this
    // query alone (pg reports a returned error), instead of leaving a pipeline without its Sync.
    let values: unknown[]
    try {
      values = this.parameters.map((value) => prepareValue(value))
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error))
    }
    con.stream.cork?.()
    try {
      if (this.options.begin) {
        con.parse({ text: 'begin' })
        con.bind({ values: [] })
        con.execute({})
      }
      con.parse({ text: SET_TENANT })
      con.bind({ values: [APP_ROLE, this.tenantId] })
      con.execute({})
      this.connection = con
      this.statement = prepareOn(con, this.sqlText)
      con.bind({ statement: this.statement, values })
      con.describe({ type: 'P', name: '' })
      con.execute({})
      con.sync()
    } finally {
      con.stream.uncork?.()
    }
    return undefined
  }

  handleError(error: Error, connection: unknown): void {
    forgetPrepared(this.connection, this.statement, error)
    ;(pg.Query.prototype as unknown as QueryHandlers).handleError.call(this, error, connection)
  }

  handleDataRow(msg: unknown): void {
    if (this.preludeLeft === 0) (pg.Query.prototype as unknown as QueryHandlers).handleDataRow.call(this, msg)
  }

  handleCommandComplete(msg: unknown, connection: unknown): void {
    if (this.preludeLeft > 0) {
      this.preludeLeft -= 1
      return
    }
    ;(pg.Query.prototype as unknown as QueryHandlers).handleCommandComplete.call(this, msg, connection)
  }
}
