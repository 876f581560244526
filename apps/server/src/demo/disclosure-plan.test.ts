import { describe, expect, it } from 'vitest'
import { quarterDates } from '../modules/disclosure/fund-math'
import { findPersonalData } from '../modules/disclosure/personal-data'
import {
  gainYears,
  interestBasisPoints,
  lastHalfYear,
  planItems,
  planPublicRevenue,
  rateCodeOf,
  yuanText,
} from './disclosure'
import { demoPdf } from './pdf'

/** Days across a year and its edges: the first and last day of quarters, leap day, new year. */
const DAYS = [
  '2026-11-28',
  '2026-10-01',
  '2026-09-30',
  '2027-01-01',
  '2026-12-31',
  '2028-02-29',
  '2026-07-01',
]

describe('the demo public revenue', () => {
  it.each(DAYS)(
    'on %s: four ended quarters, three closed, and the current one, nothing in the future',
    (today) => {
      const quarters = planPublicRevenue(today)
      expect(quarters).toHaveLength(5)
      expect(quarters.map((q) => q.ended)).toEqual([true, true, true, true, false])
      expect(quarters.map((q) => q.close)).toEqual([true, true, true, false, false])
      expect(quarters[3]!.to < today).toBe(true)
      expect(quarters[4]!.from <= today && today <= quarters[4]!.to).toBe(true)
      for (const q of quarters) {
        expect(q.entries.length).toBeGreaterThan(0)
        for (const e of q.entries) {
          expect(e.occurredOn <= today).toBe(true)
          expect(e.occurredOn >= q.from && e.occurredOn <= q.to).toBe(true)
          expect(Number.isSafeInteger(e.amountFen) && e.amountFen > 0).toBe(true)
          expect(findPersonalData(e.summary, e.counterparty, e.contractRef)).toBeNull()
          if (e.kind === 'cost') expect(e.evidence?.fileName).toMatch(/\.pdf$/)
        }
        if (q.ended) {
          const income = q.entries.filter((e) => e.kind === 'income').reduce((s, e) => s + e.amountFen, 0)
          const cost = q.entries.filter((e) => e.kind === 'cost').reduce((s, e) => s + e.amountFen, 0)
          expect(new Set(q.entries.filter((e) => e.kind === 'income').map((e) => e.source)).size).toBe(5)
          expect(q.entries.filter((e) => e.kind === 'cost')).toHaveLength(3)
          // The costs are reasonable: well under a quarter of the income.
          expect(cost * 4).toBeLessThan(income)
        }
      }
      // A later run tells the entries it finds by their summary: unique over the whole ledger.
      const summaries = quarters.flatMap((q) => q.entries.map((e) => e.summary))
      expect(new Set(summaries).size).toBe(summaries.length)
    },
  )

  it('is the same on every run, and a quarter’s figures do not depend on the day they are planned', () => {
    expect(planPublicRevenue('2026-11-28')).toEqual(planPublicRevenue('2026-11-28'))
    // Only whether it is closed yet changes: the last ended quarter is left open.
    const q3 = planPublicRevenue('2026-11-28').find((q) => q.quarter === '2026-Q3')
    expect(q3?.close).toBe(false)
    expect(planPublicRevenue('2027-02-01').find((q) => q.quarter === '2026-Q3')).toEqual({
      ...q3,
      close: true,
    })
  })

  it('taxes 5.6 % of the quarter’s income, rounded down to the fen', () => {
    const q = planPublicRevenue('2026-11-28')[0]!
    const income = q.entries.filter((e) => e.kind === 'income').reduce((s, e) => s + e.amountFen, 0)
    const tax = q.entries.find((e) => e.summary.includes('增值税'))!
    expect(tax.amountFen).toBe(Math.floor((income * 56) / 1000))
    expect(tax.occurredOn).toBe(quarterDates(q.quarter).to)
  })
})

describe('the demo fund', () => {
  it('takes the high-rise rate above eleven floors', () => {
    expect([33, 18, 12, 11, 6].map(rateCodeOf)).toEqual([
      'highrise',
      'highrise',
      'highrise',
      'yangfang',
      'yangfang',
    ])
  })

  it('allocates interest for every full year since delivery, at modest rates', () => {
    expect(gainYears('2026-11-28')).toEqual([
      2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025,
    ])
    expect(gainYears('2027-01-01')).toContain(2026)
    expect(gainYears('2026-12-31')).not.toContain(2026)
    for (let y = 2015; y < 2035; y++) {
      expect(interestBasisPoints(y)).toBeGreaterThan(0)
      expect(interestBasisPoints(y)).toBeLessThanOrEqual(150)
    }
  })

  it('states the last half-year that has ended', () => {
    expect(lastHalfYear('2026-11-28')).toEqual({ periodFrom: '2026-01-01', periodTo: '2026-06-30' })
    expect(lastHalfYear('2026-07-01')).toEqual({ periodFrom: '2026-01-01', periodTo: '2026-06-30' })
    expect(lastHalfYear('2026-06-30')).toEqual({ periodFrom: '2025-07-01', periodTo: '2025-12-31' })
    for (const today of DAYS) expect(lastHalfYear(today).periodTo < today).toBe(true)
  })

  it('writes yuan exactly', () => {
    expect(yuanText(123_860_000)).toBe('1,238,600.00')
    expect(yuanText(5)).toBe('0.05')
    expect(yuanText(100_000_001)).toBe('1,000,000.01')
  })
})

describe('the demo disclosures', () => {
  const decision = {
    id: '0190f000-0000-7000-8000-000000000001',
    title: '2025 年业主大会',
    closedAt: new Date('2026-11-18T00:00:00Z'),
    topics: [{ id: '0190f000-0000-7000-8000-000000000002', seq: 1, title: '续聘', item: 4, passed: true }],
  }

  it('carry staff phones only on the responsible-people item, and periods where a report needs one', () => {
    const items = planItems('2026-11-28', decision)
    for (const item of items)
      expect(findPersonalData(item.title, item.body), item.title).toBe(
        item.type === 'responsible_people' ? 'mobile' : null,
      )
    for (const item of items.filter((i) => ['performance_report', 'audit'].includes(i.type)))
      expect([item.periodFrom, item.periodTo]).toEqual(['2025-01-01', '2025-12-31'])
    expect(items.filter((i) => !i.publish).map((i) => i.type)).toEqual(['notice'])
    expect(items.find((i) => i.type === 'assembly_decision')?.decisionId).toBe(decision.id)
    expect(planItems('2026-11-28', undefined).some((i) => i.type === 'assembly_decision')).toBe(false)
  })
})

describe('the demo evidence', () => {
  it('is a PDF whose cross-reference table points at its objects', () => {
    const pdf = demoPdf('翠湖苑公共收益支出凭证', ['金额：人民币 2,400.00 元', 'Voucher CHY-PR-2026Q3-01'])
    const text = pdf.toString('latin1')
    expect(text.startsWith('%PDF-')).toBe(true)
    expect(text.endsWith('%%EOF\n')).toBe(true)
    const startxref = Number(/startxref\n(\d+)\n/.exec(text)![1])
    expect(text.slice(startxref, startxref + 4)).toBe('xref')
    const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]))
    expect(offsets).toHaveLength(7)
    expect(offsets.map((offset) => text.slice(offset, text.indexOf('\n', offset)))).toEqual(
      offsets.map((_, i) => `${i + 1} 0 obj`),
    )
    const stream = /<< \/Length (\d+) >>\nstream\n/.exec(text)!
    const start = stream.index + stream[0].length
    expect(text.slice(start + Number(stream[1]), start + Number(stream[1]) + 10)).toBe('\nendstream')
    expect(pdf.length).toBeLessThan(4096)
    // The same text makes the same file (stored once, by its hash).
    expect(demoPdf('翠湖苑公共收益支出凭证', ['x']).equals(demoPdf('翠湖苑公共收益支出凭证', ['x']))).toBe(
      true,
    )
  })
})
