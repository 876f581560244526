import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { queryTemplate, slot } from './query-template'

interface Tables {
  units: { tenant_id: string; id: string; code: string; floor: number }
}

// Compiling needs a dialect, not a connection: the pool is never asked for one.
const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: new pg.Pool({ max: 1 }) }) })

const unitQuery = (tenantId: string, id: string, floors: number[]) =>
  db
    .selectFrom('units')
    .select(['code', sql<number>`floor + ${1}`.as('next_floor')])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('floor', '=', sql<number>`any(${floors})`)

describe('queryTemplate', () => {
  it('fills to exactly what building the query with the values compiles to', () => {
    const template = queryTemplate(unitQuery(slot('tenant'), slot('id'), [3, 4]))
    const filled = template.fill({ tenant: 't-1', id: 'u-9' }).compile()
    const direct = unitQuery('t-1', 'u-9', [3, 4]).compile()
    expect(filled.sql).toBe(direct.sql)
    expect(filled.parameters).toEqual(direct.parameters)
  })

  it('keeps each fill separate and refuses a missing value', () => {
    const template = queryTemplate(unitQuery('t-1', slot('id'), [1]))
    const a = template.fill({ id: 'a' }).compile()
    const b = template.fill({ id: 'b' }).compile()
    expect([a.parameters, b.parameters]).toEqual([
      [1, 't-1', 'a', [1]],
      [1, 't-1', 'b', [1]],
    ])
    expect(() => template.fill({} as { id: string })).toThrow(/no value for slot "id"/)
  })
})
