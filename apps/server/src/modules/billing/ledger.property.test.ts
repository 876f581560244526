import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type ACCOUNT_CODES,
  accountBalance,
  billIssued,
  CHANNELS,
  CHART_OF_ACCOUNTS,
  depositBalance,
  depositCollected,
  emptyLedger,
  type LedgerState,
  maintenanceFundDeposited,
  openBills,
  overchargeRefunded,
  paymentReceived,
  post,
  prepaidApplied,
  prepaidBalance,
  prepaidRefunded,
  publicRevenueReceived,
  reversalOf,
  trialBalance,
} from './ledger'

const RUNS = { numRuns: 300 }
const UNITS = ['A-101', 'B-201']
const ITEMS = ['mgmt', 'parking', 'water']
const PERIODS = ['2025-01', '2025-02', '2025-03', '2025-04']

const unitArb = fc.constantFrom(...UNITS)
const channelArb = fc.constantFrom(...CHANNELS)
const fenArb = fc.integer({ min: 1, max: 60_000 })

/** Commands draw bills and journals by index (`pick`), so every one of them refers to something that exists. */
const commandArb = fc.oneof(
  {
    arbitrary: fc.record({
      t: fc.constant('issue' as const),
      unit: unitArb,
      item: fc.nat({ max: ITEMS.length - 1 }),
      period: fc.constantFrom(...PERIODS),
      amountFen: fenArb,
      settle: fc.boolean(),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('pay' as const),
      unit: unitArb,
      channel: channelArb,
      // Up to about 3.5 bills: often an overpayment.
      amountFen: fc.integer({ min: 1, max: 200_000 }),
      deliveries: fc.integer({ min: 1, max: 5 }),
      chooseOne: fc.option(fc.nat(), { nil: undefined }),
      // Mostly room to prepay; now and then none, or a cap a payment can break through.
      cap: fc.record({
        monthlyFen: fc.integer({ min: 0, max: 30_000 }),
        maxMonthsAhead: fc.constantFrom(0, 1, 12, 12, 12),
      }),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('refund' as const),
      pick: fc.nat(),
      channel: channelArb,
      shareBp: fc.integer({ min: 1, max: 10_000 }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({ t: fc.constant('reverse' as const), pick: fc.nat(), recent: fc.boolean() }),
    weight: 2,
  },
  // A provider redelivering an old notification, hours and many postings later.
  { arbitrary: fc.record({ t: fc.constant('redeliver' as const), pick: fc.nat() }), weight: 1 },
  {
    arbitrary: fc.record({
      t: fc.constant('overcharge' as const),
      pick: fc.nat(),
      shareBp: fc.integer({ min: 1, max: 12_000 }),
      channel: channelArb,
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('deposit' as const),
      unit: unitArb,
      channel: channelArb,
      amountFen: fenArb,
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('owners' as const),
      unit: unitArb,
      channel: channelArb,
      amountFen: fenArb,
    }),
    weight: 1,
  },
)

const seen = new Set<string>()
const share = (fen: number, bp: number) => Math.floor((fen * bp) / 10_000)
const openTotal = (state: LedgerState, unit: string) =>
  openBills(state, unit).reduce((s, b) => s + b.openFen, 0)

/** Everything that must hold after every step. */
function checkInvariants(state: LedgerState): void {
  // Balanced journals, and balances recomputed from them alone agree with the state's running totals.
  // Hot loops collect offenders and assert once: an expect per journal per step is too slow for 300 runs.
  const recomputed = new Map<string, number>()
  const unbalanced = state.journals.filter(
    (j) => j.lines.reduce((s, l) => s + l.debitFen - l.creditFen, 0) !== 0,
  )
  expect(unbalanced).toEqual([])
  for (const journal of state.journals) {
    for (const l of journal.lines) {
      const key = `${l.account}|${l.subKey}`
      recomputed.set(key, (recomputed.get(key) ?? 0) + l.debitFen - l.creditFen)
    }
  }
  for (const [key, net] of recomputed) {
    const [code, subKey] = key.split('|') as [(typeof ACCOUNT_CODES)[number], string]
    const normal = CHART_OF_ACCOUNTS[code].normalSide === 'debit' ? net : 0 - net
    expect(accountBalance(state, code, subKey).balanceFen).toBe(normal)
  }

  const tb = trialBalance(state)
  expect(tb.totalDebitFen).toBe(tb.totalCreditFen)
  expect(tb.debitBalancesFen).toBe(tb.creditBalancesFen)

  // Nobody owes less than nothing: overpayments sit in prepaid, and each unit's receivable is its open bills.
  for (const unit of UNITS) {
    const receivable = accountBalance(state, '1122', unit).balanceFen
    expect(receivable).toBeGreaterThanOrEqual(0)
    expect(receivable).toBe(openTotal(state, unit))
    expect(prepaidBalance(state, unit)).toBeGreaterThanOrEqual(0)
    expect(depositBalance(state, unit)).toBeGreaterThanOrEqual(0)
  }
  for (const bill of state.bills.values()) {
    expect(bill.openFen).toBeGreaterThanOrEqual(0)
    expect(bill.chargedFen).toBeGreaterThanOrEqual(0)
  }
  expect(accountBalance(state, '2241-PR').balanceFen).toBeGreaterThanOrEqual(0)

  // Replaying anything already posted — as posted, or as a fresh copy off the wire — changes nothing.
  const changed = state.journals.filter((journal) =>
    [journal, structuredClone(journal)].some((replay) => {
      const result = post(state, replay)
      return result.status !== 'duplicate' || result.conflict || result.state !== state
    }),
  )
  expect(changed).toEqual([])
}

describe('ledger under random sequences of bills, payments, redeliveries, refunds and reversals', () => {
  it('stays balanced, never lets a receivable go negative, and ignores every replay', () => {
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 30, size: 'max' }), (commands) => {
        let state = emptyLedger()
        let n = 0
        const notifications: Parameters<typeof paymentReceived>[1][] = []
        const key = (prefix: string) => `${prefix}-${n++}`
        for (const c of commands) {
          const before = state
          const snapshot = structuredClone(before)
          switch (c.t) {
            case 'issue': {
              const id = key('bill')
              const bill = { id, unit: c.unit, feeItem: ITEMS[c.item]!, period: c.period, itemOrder: c.item }
              state = expectPosted(post(state, billIssued({ key: id, bill, amountFen: c.amountFen })))
              if (c.settle) {
                const settle = prepaidApplied(state, { key: key('settle'), unit: c.unit })
                if (settle) state = expectPosted(post(state, settle))
                // Settling leaves either no prepaid balance or no open bill.
                expect(prepaidBalance(state, c.unit) === 0 || openTotal(state, c.unit) === 0).toBe(true)
              }
              break
            }
            case 'pay': {
              const open = openBills(state, c.unit)
              const chosen =
                c.chooseOne === undefined || open.length === 0
                  ? undefined
                  : [open[c.chooseOne % open.length]!]
              const input = {
                key: key('notify'),
                unit: c.unit,
                channel: c.channel,
                amountFen: c.amountFen,
                prepaymentCap: c.cap,
                ...(chosen ? { chosenBillIds: chosen.map((b) => b.id) } : {}),
              }
              const owed = (chosen ?? open).reduce((s, b) => s + b.openFen, 0)
              const plan = paymentReceived(state, input)
              if (!plan.ok) {
                expect(plan.excessFen).toBeGreaterThan(0)
                seen.add('excess refused')
                break
              }
              notifications.push(input)
              if (c.amountFen > owed) seen.add('overpaid')
              const prepaidBefore = prepaidBalance(state, c.unit)
              state = expectPosted(post(state, plan.journal))
              // What the bills could not take is prepayment, to the fen.
              expect(prepaidBalance(state, c.unit) - prepaidBefore).toBe(Math.max(0, c.amountFen - owed))
              for (let i = 1; i < c.deliveries; i++) {
                const again = paymentReceived(state, input)
                expect(again).toMatchObject({ ok: true, alreadyPosted: true })
                const result = post(state, again.ok ? again.journal : plan.journal)
                expect(result.status).toBe('duplicate')
                expect(result.state).toBe(state)
              }
              break
            }
            case 'refund': {
              const holders = UNITS.filter((u) => prepaidBalance(state, u) > 0)
              if (holders.length === 0) break
              const unit = holders[c.pick % holders.length]!
              const amountFen = share(prepaidBalance(state, unit), c.shareBp)
              if (amountFen === 0) break
              const refund = {
                key: key('refund'),
                unit,
                channel: c.channel,
                amountFen,
                approvedBy: 'f',
              }
              state = expectPosted(post(state, prepaidRefunded(refund)))
              break
            }
            case 'reverse': {
              const candidates = state.journals.filter(
                (j) => j.kind !== 'reversal' && !state.reversedBy.has(j.key),
              )
              if (candidates.length === 0) break
              // Half the time one of the last few, so what was just posted gets corrected too.
              const index = c.recent
                ? candidates.length - 1 - (c.pick % Math.min(3, candidates.length))
                : c.pick
              const target = candidates[index % candidates.length]!
              const result = post(state, reversalOf(target, key('rev')))
              if (result.status === 'refused') {
                // Only when it would unpay a paid bill or spend prepaid money already used or refunded.
                expect(result.reason).toBe('overdrawn')
                expect(result.state).toBe(state)
                seen.add('reversal refused')
                break
              }
              state = expectPosted(result)
              seen.add(`reversed ${target.kind}`)
              const twice = post(state, reversalOf(target, key('rev')))
              expect(twice).toMatchObject({ status: 'refused', reason: 'already_reversed' })
              break
            }
            case 'overcharge': {
              const bills = [...state.bills.values()].filter((b) => b.chargedFen > 0)
              if (bills.length === 0) break
              const bill = bills[c.pick % bills.length]!
              const amountFen = share(bill.chargedFen, c.shareBp)
              if (amountFen === 0) break
              const input = {
                key: key('oc'),
                billId: bill.id,
                amountFen,
                channel: c.channel,
                approvedBy: 'm',
              }
              const result = post(state, overchargeRefunded(state, input))
              if (amountFen > bill.chargedFen)
                expect(result).toMatchObject({ status: 'refused', reason: 'overdrawn' })
              else expect(result.status).toBe('posted')
              if (result.status === 'posted' && result.journal.lines.length === 4)
                seen.add('overcharge paid back')
              state = result.state
              break
            }
            case 'redeliver': {
              if (notifications.length === 0) break
              const again = paymentReceived(state, notifications[c.pick % notifications.length]!)
              expect(again).toMatchObject({ ok: true, alreadyPosted: true })
              const result = post(state, again.ok ? again.journal : (undefined as never))
              expect(result.status).toBe('duplicate')
              expect(result.state).toBe(state)
              seen.add('redelivered')
              break
            }
            case 'deposit':
              state = expectPosted(post(state, depositCollected({ key: key('dep'), ...c })))
              break
            case 'owners': {
              const pr = publicRevenueReceived({ key: key('pr'), channel: c.channel, amountFen: c.amountFen })
              const mf = maintenanceFundDeposited({ key: key('mf'), unit: c.unit, amountFen: c.amountFen })
              const revenue = accountBalance(state, '6001')
              state = expectPosted(post(expectPosted(post(state, pr)), mf))
              expect(accountBalance(state, '6001')).toEqual(revenue)
              break
            }
          }
          // Posting never changed the state it was given.
          expect(before).toEqual(snapshot)
          checkInvariants(state)
        }
      }),
      RUNS,
    )
    // The generator reaches every path the properties are about.
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        'excess refused',
        'overcharge paid back',
        'overpaid',
        'redelivered',
        'reversal refused',
        'reversed bill_issued',
        'reversed overcharge_refunded',
        'reversed payment_received',
        'reversed prepaid_applied',
        'reversed prepaid_refunded',
      ]),
    )
  }, 60_000)
})

function expectPosted(result: ReturnType<typeof post>): LedgerState {
  expect(result.status).toBe('posted')
  return result.state
}
