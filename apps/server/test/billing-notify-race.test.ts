import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { paymentProviders } from '../src/modules/billing/payment-providers'
import { uuidv7 } from '../src/platform/ids'
import { startTestApp, type TestApp } from './support/app'
import { type Company, createCompany, createSmallEstate, type SmallEstate } from './support/fixtures'

/**
 * Providers redeliver notifications for about a day, and deliveries of one trade can arrive together:
 * 1,000 paid orders, each notified 1–5 times (signed by the sandbox exactly as the provider signs), 50
 * deliveries in flight at once through the public notify routes → every trade applied exactly once.
 */
let app: TestApp
let company: Company
let estate: SmallEstate
const TRADES = 1000
const IN_FLIGHT = 50

beforeAll(async () => {
  app = await startTestApp()
  company = await createCompany(app, 'race')
  estate = await createSmallEstate(company, 'r1')
})
afterAll(() => app?.close())

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

it('applies each of 1,000 trades exactly once, however often and however concurrently notified', async () => {
  const next = random(20261127)
  const orders = Array.from({ length: TRADES }, (_, i) => {
    const id = uuidv7()
    return {
      id,
      outTradeNo: `MH${id.replaceAll('-', '').slice(0, 30)}`,
      unitId: estate.unitIds[i % estate.unitIds.length]!,
      provider: i % 3 === 0 ? ('alipay' as const) : ('wechatpay' as const),
      amountFen: 1 + Math.floor(next() * 50_000),
      tradeNo: `T${String(i).padStart(8, '0')}`,
      deliveries: 1 + Math.floor(next() * 5),
    }
  })
  await app.db.owner
    .insertInto('payment_orders')
    .values(
      orders.map((o) => ({
        tenant_id: company.tenantId,
        id: o.id,
        out_trade_no: o.outTradeNo,
        community_id: estate.communityId,
        unit_id: o.unitId,
        provider: o.provider,
        bill_ids: [],
        amount_fen: String(o.amountFen),
      })),
    )
    .execute()

  const sandbox = paymentProviders(app.deps.config).sandbox!
  const deliveries = orders.flatMap((o) => Array.from({ length: o.deliveries }, () => o))
  // Shuffled: copies of one trade arrive interleaved with others and with each other.
  for (let i = deliveries.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    ;[deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!]
  }
  const deliver = async (o: (typeof orders)[number]) => {
    const trade = { outTradeNo: o.outTradeNo, amountFen: o.amountFen, providerTradeNo: o.tradeNo }
    if (o.provider === 'wechatpay') {
      const signed = sandbox.wechatpay.signNotification(trade)
      const res = await app.server.inject({
        method: 'POST',
        url: `/api/v1/pay/notify/${company.tenantId}/wechatpay`,
        headers: { ...signed.headers, 'content-type': 'application/json' },
        payload: signed.body,
      })
      expect(res.statusCode, res.body).toBe(200)
    } else {
      const res = await app.server.inject({
        method: 'POST',
        url: `/api/v1/pay/notify/${company.tenantId}/alipay`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(sandbox.alipay.signNotification(trade)).toString(),
      })
      expect(res.body).toBe('success')
    }
  }
  let cursor = 0
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (cursor < deliveries.length) await deliver(deliveries[cursor++]!)
    }),
  )

  const db = app.db.owner
  const payments = await sql<{ n: string; fen: string; trades: string }>`
    select count(*) as n, sum(amount_fen) as fen, count(distinct provider_trade_no) as trades from payments`.execute(
    db,
  )
  const expectedFen = orders.reduce((sum, o) => sum + o.amountFen, 0)
  expect(payments.rows[0]).toEqual({ n: String(TRADES), fen: String(expectedFen), trades: String(TRADES) })
  const log = await sql<{ outcome: string; n: string }>`
    select outcome, count(*) as n from payment_notifications group by outcome order by outcome`.execute(db)
  expect(Object.fromEntries(log.rows.map((r) => [r.outcome, Number(r.n)]))).toEqual({
    applied: TRADES,
    duplicate: deliveries.length - TRADES,
  })
  // Nothing was owed: every fen went to the units' prepaid balances, to the fen.
  for (const unitId of estate.unitIds) {
    const { rows } = await sql<{ prepaid: string }>`
      select prepaid_fen as prepaid from unit_accounts where unit_id = ${unitId}`.execute(db)
    const expected = orders.filter((o) => o.unitId === unitId).reduce((sum, o) => sum + o.amountFen, 0)
    expect(Number(rows[0]?.prepaid)).toBe(expected)
  }
  // Receipts numbered 1…1000 without a gap or a repeat.
  const receipts = await sql<{ n: string; lo: number; hi: number }>`
    select count(distinct seq) as n, min(seq) as lo, max(seq) as hi from receipts`.execute(db)
  expect(receipts.rows[0]).toEqual({ n: String(TRADES), lo: 1, hi: TRADES })
  const ledger = await sql<{ d: string; c: string }>`
    select sum(debit_fen) as d, sum(credit_fen) as c from ledger_lines`.execute(db)
  expect(ledger.rows[0]!.d).toBe(ledger.rows[0]!.c)
  expect(
    await sql`select 1 from payment_orders where status <> 'paid'`.execute(db).then((r) => r.rows),
  ).toEqual([])
}, 600_000)
