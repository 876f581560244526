import { TICKET_ACTIONS, TicketActionInput } from '@meihao/contracts'
import { describe, expect, it } from 'vitest'
import { ACTION_FIELDS, toActionInput } from './actionInput'

const photo = { fileName: 'a.jpg', contentType: 'image/jpeg' as const, dataBase64: 'AAAA' }
const filled = {
  note: ' 已更换水龙头 ',
  reason: '等配件',
  assigneeId: '3f1c2f0e-8a49-4a8e-9d0a-2b2f0c5d8e11',
  amount: '19.99',
  photos: [photo],
  satisfaction: 5,
  rating: 4,
  comment: '很及时',
  duplicateOf: '6b7f3d0e-2c11-4a2e-8f0a-9d3e2c1b0a55',
}

describe('ticket action input', () => {
  it('builds a valid contract input for every action from a filled dialog', () => {
    for (const type of TICKET_ACTIONS) {
      const input = toActionInput(type, filled)
      expect(input.type).toBe(type)
      expect(TicketActionInput.safeParse(input).success, type).toBe(true)
    }
  })

  it('sends the quote in integer fen read from the typed yuan', () => {
    expect(toActionInput('quote', { amount: '19.99' })).toMatchObject({ amountFen: 1999 })
    expect(toActionInput('quote', { amount: '0.29' })).toMatchObject({ amountFen: 29 })
  })

  it('trims words and leaves empty optional ones out', () => {
    expect(toActionInput('resolve', { note: '  修好了 ' })).toEqual({
      type: 'resolve',
      note: '修好了',
      photos: [],
    })
    expect(toActionInput('accept', { note: '   ' })).toEqual({ type: 'accept', note: undefined })
    expect(toActionInput('follow_up', {})).toEqual({
      type: 'follow_up',
      satisfaction: undefined,
      note: undefined,
    })
  })

  it('asks for every field the contract requires', () => {
    expect(ACTION_FIELDS.hold.reason).toBe('required')
    expect(ACTION_FIELDS.resolve.note).toBe('required')
    expect(ACTION_FIELDS.assign.assignee).toBe(true)
    expect(ACTION_FIELDS.cancel_duplicate.duplicate).toBe(true)
    expect(ACTION_FIELDS.quote.amount).toBe(true)
  })
})
