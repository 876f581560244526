import { DATA_SCOPES, PERMISSIONS } from '@meihao/contracts'
import { describe, expect, it } from 'vitest'
import { enUS } from './en-US'
import { translate } from './translate'
import { type MessageKey, zhCN } from './zh-CN'

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('console catalogs', () => {
  it('name the same placeholders in both languages', () => {
    for (const key of Object.keys(zhCN) as MessageKey[]) {
      expect(placeholders(enUS[key]), key).toEqual(placeholders(zhCN[key]))
    }
  })

  it('label every permission and data scope of the contracts', () => {
    for (const p of PERMISSIONS) expect(zhCN[`perm.${p}`]).toBeTruthy()
    for (const s of DATA_SCOPES) expect(enUS[`scope.${s}`]).toBeTruthy()
  })

  it('fills parameters and leaves unknown ones visible', () => {
    expect(translate('zh-CN', 'estate.communityCounts', { buildings: 12, units: 1085 })).toBe(
      '12 栋 · 1085 户',
    )
    expect(translate('en-US', 'iam.lockedUntil', {})).toBe('Locked until {time}')
  })
})
