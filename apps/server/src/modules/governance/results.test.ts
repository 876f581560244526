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
})
