import { describe, expect, it } from 'vitest'
import { MENU, menuKeyOf, menuTree } from './menu'

describe('menu', () => {
  it('puts a location under the entry with the longest matching path', () => {
    expect(menuKeyOf('/tickets')).toBe('tickets')
    expect(menuKeyOf('/tickets/6b7f3d0e-2c11-4a2e-8f0a-9d3e2c1b0a55')).toBe('tickets')
    expect(menuKeyOf('/tickets/dispatch')).toBe('dispatch')
    expect(menuKeyOf('/tickets/settings')).toBe('ticket-settings')
    expect(menuKeyOf('/tickets/report')).toBe('ticket-report')
    expect(menuKeyOf('/tasks/abc')).toBe('tasks')
    expect(menuKeyOf('/units/u1')).toBe('estate')
    expect(menuKeyOf('/decisions/d1')).toBe('decisions')
    expect(menuKeyOf('/nowhere')).toBeUndefined()
  })

  it('finds the billing pages, their records included', () => {
    expect(menuKeyOf('/billing/fee-items')).toBe('billing-fee-items')
    expect(menuKeyOf('/billing/runs')).toBe('billing-runs')
    expect(menuKeyOf('/billing/counter')).toBe('billing-counter')
    expect(menuKeyOf('/billing/bills')).toBe('billing-bills')
    expect(menuKeyOf('/billing/receipts/6b7f3d0e-2c11-4a2e-8f0a-9d3e2c1b0a55')).toBe('billing-receipts')
    expect(menuKeyOf('/billing/shifts/s1')).toBe('billing-shifts')
    expect(menuKeyOf('/billing/refunds')).toBe('billing-refunds')
    expect(menuKeyOf('/billing/arrears')).toBe('billing-arrears')
    expect(menuKeyOf('/billing/report')).toBe('billing-report')
    expect(menuKeyOf('/billing/ledger')).toBe('billing-ledger')
    expect(menuKeyOf('/billing')).toBeUndefined()
  })

  it('gates every billing page by a billing permission', () => {
    const billing = MENU.filter((m) => m.group === 'billing')
    expect(billing.map((m) => m.key)).toEqual([
      'billing-fee-items',
      'billing-runs',
      'billing-counter',
      'billing-bills',
      'billing-receipts',
      'billing-shifts',
      'billing-refunds',
      'billing-arrears',
      'billing-report',
      'billing-ledger',
    ])
    for (const m of billing) expect(m.permission.startsWith('billing.'), m.key).toBe(true)
    expect(billing.find((m) => m.key === 'billing-counter')?.permission).toBe('billing.collect')
    expect(billing.find((m) => m.key === 'billing-runs')?.permission).toBe('billing.run')
    expect(billing.find((m) => m.key === 'billing-ledger')?.permission).toBe('billing.ledger')
  })

  it('gathers a group in one submenu where its first visible entry stands, and drops an empty one', () => {
    const all = menuTree(MENU)
    const keys = all.map((n) => (n.kind === 'entry' ? n.entry.key : `group:${n.group.key}`))
    expect(keys.filter((k) => k === 'group:billing')).toHaveLength(1)
    expect(keys.indexOf('group:billing')).toBe(keys.indexOf('decisions') + 1)
    const group = all.find((n) => n.kind === 'group')
    expect(group?.kind === 'group' ? group.entries.length : 0).toBe(10)
    expect(keys.indexOf('group:disclosure')).toBe(keys.indexOf('group:billing') + 1)

    // A cashier sees the counter and what billing.read shows, nothing of the ledger or runs.
    const cashier = new Set(['billing.read', 'billing.collect'])
    const visible = menuTree(MENU.filter((m) => cashier.has(m.permission)))
    expect(visible).toHaveLength(1)
    const only = visible[0]
    expect(only?.kind).toBe('group')
    if (only?.kind === 'group') {
      expect(only.entries.map((e) => e.key)).not.toContain('billing-ledger')
      expect(only.entries.map((e) => e.key)).not.toContain('billing-runs')
      expect(only.entries.map((e) => e.key)).toContain('billing-counter')
    }

    const noBilling = menuTree(MENU.filter((m) => m.permission === 'estate.read'))
    expect(noBilling.every((n) => n.kind === 'entry')).toBe(true)
  })

  it('finds the disclosure pages, an item under 公示', () => {
    expect(menuKeyOf('/disclosure')).toBe('disclosure-items')
    expect(menuKeyOf('/disclosure/items/6b7f3d0e-2c11-4a2e-8f0a-9d3e2c1b0a55')).toBe('disclosure-items')
    expect(menuKeyOf('/disclosure/revenue')).toBe('disclosure-revenue')
    expect(menuKeyOf('/disclosure/fund')).toBe('disclosure-fund')
  })

  it('opens every disclosure page with disclosure.read, in a group of its own', () => {
    const disclosure = MENU.filter((m) => m.group === 'disclosure')
    expect(disclosure.map((m) => m.key)).toEqual([
      'disclosure-items',
      'disclosure-revenue',
      'disclosure-fund',
    ])
    for (const m of disclosure) expect(m.permission, m.key).toBe('disclosure.read')
    // A committee member (disclosure.read, no billing) sees the disclosure group alone.
    const visible = menuTree(MENU.filter((m) => m.permission === 'disclosure.read'))
    expect(visible).toHaveLength(1)
    const only = visible[0]
    expect(only?.kind === 'group' ? only.group.key : null).toBe('disclosure')
  })
})
