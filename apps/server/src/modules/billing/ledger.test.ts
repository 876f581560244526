import { describe, expect, it } from 'vitest'
import {
  ACCOUNT_CODES,
  accountBalance,
  type BillRef,
  billIssued,
  CHART_OF_ACCOUNTS,
  clearingAccount,
  depositBalance,
  depositCollected,
  depositRefunded,
  emptyLedger,
  type Journal,
  type LedgerState,
  maintenanceFundDeposited,
  openBills,
  overchargeRefunded,
  type PostResult,
  paymentReceived,
  post,
  prepaidApplied,
  prepaidBalance,
  prepaidRefunded,
  publicRevenueReceived,
  reversalOf,
  trialBalance,
} from './ledger'

const UNIT = 'A-101'
const CAP = { monthlyFen: 25_024, maxMonthsAhead: 12 }
const bill = (id: string, period: string, feeItem = 'mgmt', itemOrder = 0, unit = UNIT): BillRef => ({
  id,
  unit,
  feeItem,
  period,
  itemOrder,
})

function posted(result: PostResult): LedgerState {
  if (result.status !== 'posted') throw new Error(`expected posted, got ${JSON.stringify(result)}`)
  return result.state
}

function postAll(state: LedgerState, journals: readonly Journal[]): LedgerState {
  return journals.reduce((s, j) => posted(post(s, j)), state)
}

function reason(result: PostResult): string {
  return result.status === 'refused' ? result.reason : result.status
}

/** 2025-04: management 250.24 元 (2.80 × 89.37 m²) and parking 300.00 元; 2025-05: management 250.24 元. */
function billed(): LedgerState {
  return postAll(emptyLedger(), [
    billIssued({ key: 'bill-m4', bill: bill('m4', '2025-04'), amountFen: 25_024 }),
    billIssued({ key: 'bill-p4', bill: bill('p4', '2025-04', 'parking', 1), amountFen: 30_000 }),
    billIssued({ key: 'bill-m5', bill: bill('m5', '2025-05'), amountFen: 25_024 }),
  ])
}

function pay(state: LedgerState, key: string, amountFen: number, extra: object = {}) {
  const plan = paymentReceived(state, {
    key,
    unit: UNIT,
    channel: 'wechatpay',
    amountFen,
    prepaymentCap: CAP,
    ...extra,
  })
  if (!plan.ok) throw new Error('payment refused')
  return { plan, state: posted(post(state, plan.journal)) }
}

describe('chart of accounts', () => {
  it('names every account in Chinese and English, asset debit-normal and the rest credit-normal', () => {
    for (const code of ACCOUNT_CODES) {
      const a = CHART_OF_ACCOUNTS[code]
      expect(a.code).toBe(code)
      expect(a.nameZh).not.toBe('')
      expect(a.nameEn).not.toBe('')
      expect(a.normalSide).toBe(a.kind === 'asset' ? 'debit' : 'credit')
    }
    expect(CHART_OF_ACCOUNTS['2241-MF'].kind).toBe('liability')
    expect(CHART_OF_ACCOUNTS['2241-PR'].kind).toBe('liability')
  })

  it('clears cash in the till, bank transfers in the bank and online channels per channel', () => {
    expect(clearingAccount('cash')).toEqual({ account: '1001', subKey: '' })
    expect(clearingAccount('bank')).toEqual({ account: '1002', subKey: '' })
    expect(clearingAccount('pos')).toEqual({ account: '1012', subKey: 'pos' })
    expect(clearingAccount('wechatpay')).toEqual({ account: '1012', subKey: 'wechatpay' })
    expect(clearingAccount('alipay')).toEqual({ account: '1012', subKey: 'alipay' })
    expect(() => clearingAccount('cheque' as never)).toThrow(RangeError)
  })
})

describe('bills', () => {
  it('posts Dr receivable[unit] / Cr revenue[fee item], both on the bill', () => {
    const state = billed()
    expect(state.byKey.get('bill-m4')!.lines).toEqual([
      { account: '1122', subKey: UNIT, debitFen: 25_024, creditFen: 0, billId: 'm4' },
      { account: '6001', subKey: 'mgmt', debitFen: 0, creditFen: 25_024, billId: 'm4' },
    ])
    expect(accountBalance(state, '1122', UNIT)).toEqual({
      debitFen: 80_048,
      creditFen: 0,
      balanceFen: 80_048,
    })
    expect(accountBalance(state, '6001', 'mgmt').balanceFen).toBe(50_048)
    expect(accountBalance(state, '6001', 'parking').balanceFen).toBe(30_000)
    expect(openBills(state, UNIT)).toEqual([
      { id: 'm4', period: '2025-04', itemOrder: 0, openFen: 25_024 },
      { id: 'p4', period: '2025-04', itemOrder: 1, openFen: 30_000 },
      { id: 'm5', period: '2025-05', itemOrder: 0, openFen: 25_024 },
    ])
  })

  it('refuses a second bill with the same id, a malformed bill and a zero amount', () => {
    const state = billed()
    expect(reason(post(state, billIssued({ key: 'again', bill: bill('m4', '2025-06'), amountFen: 1 })))).toBe(
      'bad_bill',
    )
    expect(reason(post(state, billIssued({ key: 'bad', bill: bill('x', '2025-13'), amountFen: 1 })))).toBe(
      'bad_bill',
    )
    expect(() => billIssued({ key: 'zero', bill: bill('z', '2025-06'), amountFen: 0 })).toThrow(RangeError)
  })
})

describe('payments', () => {
  it('allocates oldest first, then fee item order; a partial payment leaves the rest on the oldest unpaid bill', () => {
    const { plan, state } = pay(billed(), 'wx-1', 30_000)
    expect(plan).toMatchObject({ ok: true, prepaidFen: 0, alreadyPosted: false })
    expect(state.byKey.get('wx-1')!.lines).toEqual([
      { account: '1012', subKey: 'wechatpay', debitFen: 30_000, creditFen: 0 },
      { account: '1122', subKey: UNIT, debitFen: 0, creditFen: 25_024, billId: 'm4' },
      { account: '1122', subKey: UNIT, debitFen: 0, creditFen: 4_976, billId: 'p4' },
    ])
    expect(openBills(state, UNIT).map((b) => [b.id, b.openFen])).toEqual([
      ['p4', 25_024],
      ['m5', 25_024],
    ])
  })

  it('pays only the chosen bills when asked', () => {
    const { plan } = pay(billed(), 'wx-1', 30_000, { chosenBillIds: ['m5', 'p4'] })
    expect(plan.ok && plan.allocations).toEqual([{ billId: 'p4', fen: 30_000 }])
  })

  it('puts an overpayment on the unit’s prepaid balance', () => {
    const { plan, state } = pay(billed(), 'wx-1', 100_000)
    expect(plan.ok && plan.prepaidFen).toBe(19_952)
    expect(state.byKey.get('wx-1')!.lines.at(-1)).toEqual({
      account: '2203',
      subKey: UNIT,
      debitFen: 0,
      creditFen: 19_952,
    })
    expect(prepaidBalance(state, UNIT)).toBe(19_952)
    expect(accountBalance(state, '1122', UNIT).balanceFen).toBe(0)
  })

  it('refuses, without posting, money beyond the prepayment cap', () => {
    const state = billed()
    const plan = paymentReceived(state, {
      key: 'wx-big',
      unit: UNIT,
      channel: 'bank',
      amountFen: 100_000,
      prepaymentCap: { monthlyFen: 1_000, maxMonthsAhead: 1 },
    })
    expect(plan).toEqual({ ok: false, reason: 'exceeds_prepayment_cap', excessFen: 18_952 })
  })

  it('applies a notification once however often it arrives', () => {
    const { state } = pay(billed(), 'wx-1', 100_000)
    for (let i = 0; i < 4; i++) {
      // Re-planned against the new state the money would all be prepayment — and beyond a tighter cap.
      const again = paymentReceived(state, {
        key: 'wx-1',
        unit: UNIT,
        channel: 'wechatpay',
        amountFen: 100_000,
        prepaymentCap: { monthlyFen: 0, maxMonthsAhead: 0 },
      })
      expect(again).toMatchObject({ ok: true, alreadyPosted: true, prepaidFen: 19_952 })
      const result = post(state, again.ok ? again.journal : (undefined as never))
      expect(result).toMatchObject({ status: 'duplicate', conflict: false })
      expect(result.state).toBe(state)
    }
  })

  it('flags a replay whose lines differ from what was posted, and still changes nothing', () => {
    const { state } = pay(billed(), 'wx-1', 30_000)
    const forged = publicRevenueReceived({ key: 'wx-1', channel: 'wechatpay', amountFen: 1 })
    const result = post(state, forged)
    expect(result).toMatchObject({ status: 'duplicate', conflict: true })
    expect(result.state).toBe(state)
    const garbled = post(state, { key: 'wx-1', kind: 'payment_received', lines: undefined as never })
    expect(garbled).toMatchObject({ status: 'duplicate', conflict: true })
    expect(garbled.state).toBe(state)
  })
})

describe('prepaid balances', () => {
  it('settle a new bill automatically: Dr prepaid / Cr receivable', () => {
    let state = pay(billed(), 'wx-1', 100_000).state
    state = posted(
      post(state, billIssued({ key: 'bill-m6', bill: bill('m6', '2025-06'), amountFen: 25_024 })),
    )
    const journal = prepaidApplied(state, { key: 'pre-m6', unit: UNIT })!
    expect(journal.lines).toEqual([
      { account: '2203', subKey: UNIT, debitFen: 19_952, creditFen: 0 },
      { account: '1122', subKey: UNIT, debitFen: 0, creditFen: 19_952, billId: 'm6' },
    ])
    state = posted(post(state, journal))
    expect(prepaidBalance(state, UNIT)).toBe(0)
    expect(openBills(state, UNIT)).toEqual([{ id: 'm6', period: '2025-06', itemOrder: 0, openFen: 5_072 }])
    expect(prepaidApplied(state, { key: 'pre-again', unit: UNIT })).toBeNull()
    expect(prepaidApplied(state, { key: 'pre-m6', unit: UNIT })).toBe(state.byKey.get('pre-m6'))
  })

  it('are refunded with approval, never beyond the balance', () => {
    const state = pay(billed(), 'wx-1', 100_000).state
    const refund = (amountFen: number, approvedBy = 'finance-1') =>
      prepaidRefunded({ key: `r-${amountFen}`, unit: UNIT, channel: 'cash', amountFen, approvedBy })
    const after = posted(post(state, refund(10_000)))
    expect(after.byKey.get('r-10000')!.lines).toEqual([
      { account: '2203', subKey: UNIT, debitFen: 10_000, creditFen: 0 },
      { account: '1001', subKey: '', debitFen: 0, creditFen: 10_000 },
    ])
    expect(prepaidBalance(after, UNIT)).toBe(9_952)
    expect(reason(post(after, refund(9_953)))).toBe('overdrawn')
    expect(reason(post(after, refund(9_952, '')))).toBe('unapproved')
    expect(prepaidBalance(posted(post(after, refund(9_952))), UNIT)).toBe(0)
  })
})

describe('overcharge refunds', () => {
  it('reduce revenue on the bill and pay back what was paid (Dr 6001 / Cr 1122, Dr 1122 / Cr clearing)', () => {
    let state = pay(billed(), 'wx-1', 55_024).state // m4 and p4 paid in full
    const journal = overchargeRefunded(state, {
      key: 'oc-p4',
      billId: 'p4',
      amountFen: 5_000,
      channel: 'alipay',
      approvedBy: 'manager',
    })
    expect(journal.lines).toEqual([
      { account: '6001', subKey: 'parking', debitFen: 5_000, creditFen: 0, billId: 'p4' },
      { account: '1122', subKey: UNIT, debitFen: 0, creditFen: 5_000, billId: 'p4' },
      { account: '1122', subKey: UNIT, debitFen: 5_000, creditFen: 0, billId: 'p4' },
      { account: '1012', subKey: 'alipay', debitFen: 0, creditFen: 5_000 },
    ])
    state = posted(post(state, journal))
    expect(state.bills.get('p4')).toMatchObject({ chargedFen: 25_000, openFen: 0 })
    expect(accountBalance(state, '6001', 'parking').balanceFen).toBe(25_000)
    expect(accountBalance(state, '1012', 'alipay').balanceFen).toBe(-5_000)
  })

  it('cancel the unpaid part of a bill and pay back only the rest', () => {
    let state = pay(billed(), 'wx-1', 35_024).state // m4 paid, p4 10000 of 30000 paid
    const journal = overchargeRefunded(state, {
      key: 'oc-p4',
      billId: 'p4',
      amountFen: 24_976,
      channel: 'cash',
      approvedBy: 'manager',
    })
    expect(journal.lines.slice(2)).toEqual([
      { account: '1122', subKey: UNIT, debitFen: 4_976, creditFen: 0, billId: 'p4' },
      { account: '1001', subKey: '', debitFen: 0, creditFen: 4_976 },
    ])
    state = posted(post(state, journal))
    expect(state.bills.get('p4')).toMatchObject({ chargedFen: 5_024, openFen: 0 })
  })

  it('refuse more than the bill’s charge and an unknown bill', () => {
    const state = billed()
    const input = { key: 'oc', billId: 'm4', amountFen: 25_025, channel: 'cash' as const, approvedBy: 'm' }
    expect(reason(post(state, overchargeRefunded(state, input)))).toBe('overdrawn')
    expect(() => overchargeRefunded(state, { ...input, billId: 'nope' })).toThrow(RangeError)
  })
})

describe('reversals', () => {
  it('swap the sides of every line, reopen the bills and are posted at most once', () => {
    const start = billed()
    const { state } = pay(start, 'wx-1', 100_000)
    const reversal = reversalOf(state.byKey.get('wx-1')!, 'rev-wx-1')
    expect(reversal.reverses).toBe('wx-1')
    expect(reversal.lines[0]).toEqual({
      account: '1012',
      subKey: 'wechatpay',
      debitFen: 0,
      creditFen: 100_000,
    })
    const after = posted(post(state, reversal))
    expect(openBills(after, UNIT)).toEqual(openBills(start, UNIT))
    expect(prepaidBalance(after, UNIT)).toBe(0)
    expect(accountBalance(after, '1012').balanceFen).toBe(0)
    expect(after.reversedBy.get('wx-1')).toBe('rev-wx-1')
    expect(reason(post(after, reversalOf(state.byKey.get('wx-1')!, 'rev-2')))).toBe('already_reversed')
    expect(reason(post(after, reversalOf(reversal, 'rev-rev')))).toBe('reverses_reversal')
  })

  it('refuse an unknown target, a partial mirror, and reversing a bill that has been paid', () => {
    const { state } = pay(billed(), 'wx-1', 30_000)
    const ghost = publicRevenueReceived({ key: 'ghost', channel: 'cash', amountFen: 1 })
    expect(reason(post(state, reversalOf(ghost, 'rev-ghost')))).toBe('unknown_target')
    const m5 = reversalOf(state.byKey.get('bill-m5')!, 'rev-m5')
    const half: Journal = {
      ...m5,
      lines: m5.lines.map((l) => ({ ...l, debitFen: l.debitFen / 2, creditFen: l.creditFen / 2 })),
    }
    expect(reason(post(state, half))).toBe('not_a_mirror')
    expect(reason(post(state, reversalOf(state.byKey.get('bill-m4')!, 'rev-m4')))).toBe('overdrawn')
    // An unpaid bill can be voided.
    expect(posted(post(state, m5)).bills.get('m5')).toMatchObject({ openFen: 0, chargedFen: 0 })
  })

  it('refuse a prepayment reversal once the prepaid money has been used', () => {
    let state = pay(billed(), 'wx-1', 100_000).state
    state = posted(
      post(state, billIssued({ key: 'bill-m6', bill: bill('m6', '2025-06'), amountFen: 25_024 })),
    )
    state = posted(post(state, prepaidApplied(state, { key: 'pre-m6', unit: UNIT })!))
    expect(reason(post(state, reversalOf(state.byKey.get('wx-1')!, 'rev')))).toBe('overdrawn')
  })
})

describe('deposits and owners’ money', () => {
  it('hold deposits as a liability to the unit and refund them with approval', () => {
    let state = posted(
      post(emptyLedger(), depositCollected({ key: 'd1', unit: UNIT, channel: 'pos', amountFen: 200_000 })),
    )
    expect(state.byKey.get('d1')!.lines).toEqual([
      { account: '1012', subKey: 'pos', debitFen: 200_000, creditFen: 0 },
      { account: '2241', subKey: UNIT, debitFen: 0, creditFen: 200_000 },
    ])
    const refund = (amountFen: number) =>
      depositRefunded({ key: `dr-${amountFen}`, unit: UNIT, channel: 'bank', amountFen, approvedBy: 'mgr' })
    expect(reason(post(state, refund(200_001)))).toBe('overdrawn')
    state = posted(post(state, refund(200_000)))
    expect(depositBalance(state, UNIT)).toBe(0)
    expect(accountBalance(state, '1002').balanceFen).toBe(-200_000)
  })

  it('keep public revenue and the maintenance fund out of revenue', () => {
    const state = postAll(emptyLedger(), [
      publicRevenueReceived({ key: 'pr-1', channel: 'bank', amountFen: 120_000 }),
      maintenanceFundDeposited({ key: 'mf-1', unit: UNIT, amountFen: 893_700 }),
    ])
    expect(state.byKey.get('pr-1')!.lines).toEqual([
      { account: '1002', subKey: '', debitFen: 120_000, creditFen: 0 },
      { account: '2241-PR', subKey: '', debitFen: 0, creditFen: 120_000 },
    ])
    expect(state.byKey.get('mf-1')!.lines).toEqual([
      { account: '1002', subKey: '', debitFen: 893_700, creditFen: 0 },
      { account: '2241-MF', subKey: UNIT, debitFen: 0, creditFen: 893_700 },
    ])
    expect(accountBalance(state, '6001')).toEqual({ debitFen: 0, creditFen: 0, balanceFen: 0 })
    expect(accountBalance(state, '2241-PR').balanceFen).toBe(120_000)
    expect(accountBalance(state, '2241-MF', UNIT).balanceFen).toBe(893_700)
  })
})

describe('post refuses malformed journals', () => {
  const l = (account: string, subKey: string, debitFen: number, creditFen: number, billId?: string) =>
    ({ account, subKey, debitFen, creditFen, ...(billId ? { billId } : {}) }) as Journal['lines'][number]
  const j = (...lines: Journal['lines']): Journal => ({ key: 'k', kind: 'public_revenue_received', lines })
  const cases: [string, Journal][] = [
    ['no_key', { ...j(l('1001', '', 1, 0), l('2241-PR', '', 0, 1)), key: '' }],
    ['no_lines', j()],
    ['bad_kind', { ...j(l('1001', '', 1, 0), l('2241-PR', '', 0, 1)), kind: 'gift' as never }],
    ['unbalanced', j(l('1001', '', 100, 0), l('2241-PR', '', 0, 99))],
    ['bad_amount', j(l('1001', '', -1, 0), l('2241-PR', '', 0, -1))],
    ['bad_amount', j(l('1001', '', 0.5, 0), l('2241-PR', '', 0, 0.5))],
    ['both_sides', j(l('1001', '', 5, 5), l('2241-PR', '', 0, 0))],
    ['empty_line', j(l('1001', '', 0, 0), l('2241-PR', '', 1, 0), l('2241-PR', '', 0, 1))],
    ['unknown_account', j(l('9999', '', 1, 0), l('2241-PR', '', 0, 1))],
    ['unknown_account', j(l('toString', '', 1, 0), l('2241-PR', '', 0, 1))],
    ['bad_sub_key', j(l('1001', 'till-2', 1, 0), l('2241-PR', '', 0, 1))],
    ['bad_sub_key', j(l('1012', 'bank', 1, 0), l('2241-PR', '', 0, 1))],
    ['bad_sub_key', j(l('1001', '', 1, 0), l('2203', '', 0, 1))],
    ['bad_bill', j(l('1001', '', 1, 0), l('1122', UNIT, 0, 1))],
    ['bad_bill', j(l('1001', '', 1, 0), l('1122', 'B-202', 0, 1, 'm4'))],
    ['overdrawn', j(l('1001', '', 1, 0), l('1122', UNIT, 0, 1, 'm4'))],
    ['not_a_mirror', { ...j(l('1001', '', 1, 0), l('2241-PR', '', 0, 1)), reverses: 'bill-m4' }],
    ['unapproved', { ...j(l('2203', UNIT, 1, 0), l('1001', '', 0, 1)), kind: 'prepaid_refunded' }],
  ]
  it.each(cases)('%s', (expected, journal) => {
    const state = pay(billed(), 'wx-1', 25_024).state
    const result = post(state, journal)
    expect(reason(result)).toBe(expected)
    expect(result.state).toBe(state)
  })
})

describe('immutability', () => {
  it('never changes an earlier state, and a posted journal cannot be changed afterwards', () => {
    const before = billed()
    const snapshot = structuredClone(before)
    const journal = billIssued({ key: 'bill-m6', bill: bill('m6', '2025-06'), amountFen: 25_024 })
    const after = posted(post(before, journal))
    expect(before).toEqual(snapshot)
    ;(journal.lines[0] as { debitFen: number }).debitFen = 1
    expect(after.byKey.get('bill-m6')!.lines[0]!.debitFen).toBe(25_024)
    expect(Object.isFrozen(after.byKey.get('bill-m6')!.lines[0])).toBe(true)
  })
})

describe('trial balance', () => {
  it('lists each account in chart order with equal grand totals', () => {
    let state = pay(billed(), 'wx-1', 100_000).state
    state = postAll(state, [
      prepaidRefunded({ key: 'r1', unit: UNIT, channel: 'cash', amountFen: 9_952, approvedBy: 'f' }),
      publicRevenueReceived({ key: 'pr-1', channel: 'bank', amountFen: 120_000 }),
      maintenanceFundDeposited({ key: 'mf-1', unit: UNIT, amountFen: 893_700 }),
    ])
    const tb = trialBalance(state)
    expect(tb.rows.map((r) => [r.code, r.debitFen, r.creditFen, r.balanceFen, r.balanceSide])).toEqual([
      ['1001', 0, 9_952, 9_952, 'credit'],
      ['1002', 1_013_700, 0, 1_013_700, 'debit'],
      ['1012', 100_000, 0, 100_000, 'debit'],
      ['1122', 80_048, 80_048, 0, 'debit'],
      ['2203', 9_952, 19_952, 10_000, 'credit'],
      ['2241-PR', 0, 120_000, 120_000, 'credit'],
      ['2241-MF', 0, 893_700, 893_700, 'credit'],
      ['6001', 0, 80_048, 80_048, 'credit'],
    ])
    expect(tb.totalDebitFen).toBe(1_203_700)
    expect(tb.totalCreditFen).toBe(1_203_700)
    expect(tb.debitBalancesFen).toBe(1_113_700)
    expect(tb.creditBalancesFen).toBe(1_113_700)
  })

  it('is empty for an empty ledger', () => {
    expect(trialBalance(emptyLedger())).toEqual({
      rows: [],
      totalDebitFen: 0,
      totalCreditFen: 0,
      debitBalancesFen: 0,
      creditBalancesFen: 0,
    })
  })
})
