import { describe, expect, it } from 'vitest'
import { plainArray, textArray } from './pg-arrays'

describe('array literals', () => {
  it('writes ids, dates and integers as they are, null as NULL', () => {
    expect(plainArray(['018f0000-0000-7000-8000-000000000001', null])).toBe(
      '{018f0000-0000-7000-8000-000000000001,NULL}',
    )
    expect(plainArray([1, -2, 30000000000n])).toBe('{1,-2,30000000000}')
    expect(plainArray([])).toBe('{}')
  })

  it('quotes text, escaping backslashes and double quotes; empty text stays an element', () => {
    expect(textArray(['', 'a,b', '{x}', 'say "hi"', 'C:\\dir', null, '89.37 m² × 2.80 元'])).toBe(
      '{"","a,b","{x}","say \\"hi\\"","C:\\\\dir",NULL,"89.37 m² × 2.80 元"}',
    )
  })
})

describe('array literals read back by PostgreSQL', () => {
  it('gives back the same values', async () => {
    const { PGlite } = await import('@electric-sql/pglite')
    const db = new PGlite()
    const texts = ['', 'a,b', '{x}', 'say "hi"', 'C:\\dir', null, 'NULL', '89.37 m² × 2.80 元', ' spaced ']
    const ids = ['018f0000-0000-7000-8000-000000000001', null]
    const { rows } = await db.query<{ t: (string | null)[]; u: (string | null)[]; n: string[]; d: string[] }>(
      'select $1::text[] as t, $2::uuid[] as u, $3::bigint[]::text[] as n, $4::date[]::text[] as d',
      [textArray(texts), plainArray(ids), plainArray([0, -5, 30000000000n]), plainArray(['2026-02-28'])],
    )
    expect(rows[0]).toEqual({ t: texts, u: ids, n: ['0', '-5', '30000000000'], d: ['2026-02-28'] })
    await db.close()
  })
})
