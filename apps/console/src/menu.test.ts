import { describe, expect, it } from 'vitest'
import { menuKeyOf } from './menu'

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
})
