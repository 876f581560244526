import { describe, expect, it } from 'vitest'
import { CommunityUpdate, UnitUpdate } from './estate'

describe('PATCH bodies', () => {
  it('leave out what was not sent, instead of filling in the create defaults', () => {
    expect(CommunityUpdate.parse({ name: '新名字' })).toEqual({ name: '新名字' })
    expect(UnitUpdate.parse({ buildingArea: '90.00' })).toEqual({ buildingArea: '90.00' })
  })

  it('still validate what was sent', () => {
    expect(CommunityUpdate.safeParse({ serviceGrade: 4 }).success).toBe(false)
    expect(UnitUpdate.safeParse({ sold: 'yes' }).success).toBe(false)
    expect(UnitUpdate.parse({ sold: false })).toEqual({ sold: false })
  })
})
