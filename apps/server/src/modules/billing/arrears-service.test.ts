import { describe, expect, it } from 'vitest'
import {
  addDays,
  BUCKET_DAYS,
  bucketOfDays,
  dunningSmsText,
  escapeHtml,
  renderNoticeHtml,
  yuan,
} from './arrears-service'
import { AGING_BUCKETS, agingBucket } from './fee-math'

describe('aging buckets in SQL agree with fee-math', () => {
  it('gives the same bucket for every day count, around every boundary and far beyond', () => {
    for (let days = -400; days <= 2000; days++)
      expect(bucketOfDays(days), `${days} days`).toBe(agingBucket(days))
  })

  it('covers each bucket once, in fee-math order, with no gap or overlap', () => {
    expect(BUCKET_DAYS.map((b) => b.bucket)).toEqual([...AGING_BUCKETS])
    expect(BUCKET_DAYS[0]!.from).toBe(1)
    for (let i = 1; i < BUCKET_DAYS.length; i++)
      expect(BUCKET_DAYS[i]!.from).toBe(BUCKET_DAYS[i - 1]!.to! + 1)
    expect(BUCKET_DAYS.at(-1)!.to).toBeNull()
  })
})

describe('money and dates', () => {
  it('prints fen as exact 元', () => {
    expect(yuan(0)).toBe('0.00')
    expect(yuan(5)).toBe('0.05')
    expect(yuan(25_024)).toBe('250.24')
    expect(yuan(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91')
    expect(yuan(-150)).toBe('-1.50')
    expect(() => yuan(1.5)).toThrow(RangeError)
  })

  it('adds days across months, leap days and years', () => {
    expect(addDays('2025-01-31', 1)).toBe('2025-02-01')
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01')
    expect(addDays('2025-12-20', 15)).toBe('2026-01-04')
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28')
  })
})

describe('what reminders say', () => {
  it('an SMS names only the unit, the amount and the days to pay', () => {
    expect(dunningSmsText('3-1-502', 125_050, 15)).toBe(
      '温馨提示：3-1-502 尚有物业服务费 1250.50 元未缴，请于 15 日内缴纳。如已缴纳请忽略，谢谢！',
    )
  })

  it('a printed notice lists unit codes and amounts, escaped, and nothing about people', () => {
    const html = renderNoticeHtml({
      lang: 'zh-CN',
      companyName: '美好物业 <服务>',
      communityName: '阳光花园',
      issuedOn: '2025-06-01',
      payBy: '2025-06-16',
      payWithinDays: 15,
      notices: [
        { unitCode: '1-101', openFen: 26_000 },
        { unitCode: '<b>2-1</b>', openFen: 5 },
      ],
    })
    expect(html).toContain('<meta charset="utf-8">')
    expect(html).toContain('阳光花园 物业服务费催缴通知')
    expect(html).toContain('<tr><td>1-101</td><td class="fen">260.00</td></tr>')
    expect(html).toContain('<td>&lt;b&gt;2-1&lt;/b&gt;</td><td class="fen">0.05</td>')
    expect(html).toContain('2025-06-16 前（15 日内）')
    expect(html).toContain('美好物业 &lt;服务&gt;')
    expect(html).toContain('共 2 户')
  })

  it('escapes every character that matters in HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
  })
})
