import { describe, expect, it } from 'vitest'
import type { ChainedEvent } from './chain'
import { ballotsOf } from './results'

const event = (seq: number, voter: string, choices: Record<string, string>): ChainedEvent => ({
  decisionId: 'd',
  seq,
  voter,
  castBy: `${voter}-member`,
  channel: 'online',
  choices,
  castAt: new Date(Date.UTC(2026, 0, seq)).toISOString(),
  effectiveAt: new Date(Date.UTC(2026, 0, seq)).toISOString(),
  evidence: [],
  prevHash: '',
  hash: '',
})

describe('ballotsOf: what the count takes from the chain', () => {
  it('takes each voter’s last ballot whole: a topic left blank there is not voted', () => {
    const ballots = ballotsOf([
      event(1, 'V1', { t1: 'agree', t2: 'agree' }),
      event(2, 'V2', { t1: 'oppose' }),
      event(3, 'V1', { t2: 'oppose' }),
    ])
    expect(ballots).toEqual([
      { voter: 'V1-member', topic: 't2', choice: 'oppose' },
      { voter: 'V2-member', topic: 't1', choice: 'oppose' },
    ])
  })

  it('orders a voter’s ballots by when they were cast: a paper ballot signed earlier, keyed in later, loses', () => {
    const online = { ...event(1, 'V1', { t1: 'oppose' }), effectiveAt: '2026-01-05T00:00:00.000Z' }
    const paper = {
      ...event(2, 'V1', { t1: 'agree' }),
      channel: 'paper' as const,
      effectiveAt: '2026-01-02T00:00:00.000Z',
    }
    expect(ballotsOf([online, paper])).toEqual([{ voter: 'V1-member', topic: 't1', choice: 'oppose' }])
  })
})
