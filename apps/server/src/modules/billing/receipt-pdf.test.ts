import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fenToChineseCapital, formatYuan, type ReceiptDocument, renderReceiptPdf } from './receipt-pdf'

const receipt: ReceiptDocument = {
  companyName: '美好物业服务有限公司',
  communityName: '翠湖花园',
  number: 'R-2025-000123',
  issuedAt: new Date('2025-06-05T06:03:00Z'),
  timeZone: 'Asia/Shanghai',
  unitCode: '1-2-301',
  payerName: '张*',
  channelLabel: '现金',
  lines: [
    { label: '物业服务费', period: '2025-04 至 2025-06', fen: 75072 },
    { label: '水费', period: null, fen: 4530 },
  ],
  prepaidFen: 10000,
  amountFen: 89602,
  cashierName: '李四',
  voided: null,
  locale: 'zh-CN',
}

const hex = (text: string) => [...text].map((char) => char.codePointAt(0)!.toString(16).padStart(4, '0'))

/**
 * Every code point some embedded font maps a drawn glyph to, read from the ToUnicode CMaps of an uncompressed
 * PDF. pdfkit lists only glyphs that were laid out, and never the .notdef glyph, so a character found here
 * was drawn with a real glyph.
 */
function drawnCodePoints(pdf: Buffer): Set<string> {
  const raw = pdf.toString('latin1')
  const codePoints = new Set<string>()
  for (const [, ranges] of raw.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, entries] of ranges!.matchAll(/\[([^\]]*)\]/g)) {
      for (const [, value] of entries!.matchAll(/<([0-9a-f]{4})>/gi)) codePoints.add(value!.toLowerCase())
    }
  }
  return codePoints
}

const drawsAll = (codePoints: Set<string>, text: string) => hex(text).every((cp) => codePoints.has(cp))

describe('formatYuan', () => {
  it('writes fen as 元 with two decimals', () => {
    expect(formatYuan(0)).toBe('0.00')
    expect(formatYuan(5)).toBe('0.05')
    expect(formatYuan(10)).toBe('0.10')
    expect(formatYuan(100)).toBe('1.00')
    expect(formatYuan(25024)).toBe('250.24')
    expect(formatYuan(100010)).toBe('1000.10')
    expect(formatYuan(-5)).toBe('-0.05')
    expect(formatYuan(-25024)).toBe('-250.24')
    expect(formatYuan(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91')
  })

  it('refuses what is not a safe integer of fen', () => {
    expect(() => formatYuan(1.5)).toThrow(RangeError)
    expect(() => formatYuan(Number.NaN)).toThrow(RangeError)
    expect(() => formatYuan(2 ** 53)).toThrow(RangeError)
  })
})

describe('fenToChineseCapital', () => {
  it.each([
    [0, '零元整'],
    [5, '伍分'],
    [10, '壹角'],
    [15, '壹角伍分'],
    [100, '壹元整'],
    [105, '壹元零伍分'],
    [1000, '壹拾元整'],
    [1005, '壹拾元零伍分'],
    [10000, '壹佰元整'],
    [25024, '贰佰伍拾元贰角肆分'],
    [32504, '叁佰贰拾伍元零肆分'],
    [100010, '壹仟元零壹角'],
    [100500, '壹仟零伍元整'],
    [140950, '壹仟肆佰零玖元伍角'],
    [168032, '壹仟陆佰捌拾元叁角贰分'],
    [600714, '陆仟零柒元壹角肆分'],
    [1000000, '壹万元整'],
    [1640902, '壹万陆仟肆佰零玖元零贰分'],
    [10100000, '壹拾万壹仟元整'],
    [10700053, '壹拾万柒仟元零伍角叁分'],
    [10010000, '壹拾万零壹佰元整'],
    [100000000, '壹佰万元整'],
    [10000000000, '壹亿元整'],
    [10000000005, '壹亿元零伍分'],
    [10000010000, '壹亿零壹佰元整'],
    [10001000000, '壹亿零壹万元整'],
    [10010000000, '壹亿零壹拾万元整'],
    [23450000000000, '贰仟叁佰肆拾伍亿元整'],
    [100000000000000, '壹万亿元整'],
    [Number.MAX_SAFE_INTEGER, '玖拾万零柒佰壹拾玖亿玖仟贰佰伍拾肆万柒仟肆佰零玖元玖角壹分'],
  ])('%d fen → %s', (fen, capitals) => {
    expect(fenToChineseCapital(fen)).toBe(capitals)
  })

  it('refuses negative and fractional amounts', () => {
    expect(() => fenToChineseCapital(-1)).toThrow(RangeError)
    expect(() => fenToChineseCapital(0.5)).toThrow(RangeError)
  })

  it('reads back as the same amount and keeps the writing rules, for any amount', () => {
    const digits = '零壹贰叁肆伍陆柒捌玖'
    const parse = (text: string): bigint => {
      let total = 0n // whole 亿 sections
      let wan = 0n // within the current section, from 万 up
      let small = 0n // below 万
      let digit = 0n
      let yuan = 0n
      let fen = 0n
      for (const char of text) {
        const d = digits.indexOf(char)
        if (d >= 0) digit = BigInt(d)
        else if (char === '拾' || char === '佰' || char === '仟') {
          small += digit * { 拾: 10n, 佰: 100n, 仟: 1000n }[char]
          digit = 0n
        } else if (char === '万') {
          wan = (small + digit) * 10000n
          small = digit = 0n
        } else if (char === '亿') {
          total = (total + wan + small + digit) * 100000000n
          wan = small = digit = 0n
        } else if (char === '元') {
          yuan = total + wan + small + digit
          digit = 0n
        } else if (char === '角') fen += digit * 10n
        else if (char === '分') fen += digit
        else if (char !== '整') throw new Error(`unexpected ${char} in ${text}`)
      }
      return yuan * 100n + fen
    }
    // Amounts rich in zeros, where the rules for 零 matter, and any safe amount.
    const zeroRich = fc
      .array(fc.constantFrom(0, 0, 0, 1, 5, 9), { minLength: 1, maxLength: 15 })
      .map((ds) => Number(ds.join('')))
    const amount = fc.oneof(zeroRich, fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }))
    fc.assert(
      fc.property(amount, (fen) => {
        const text = fenToChineseCapital(fen)
        expect(parse(text)).toBe(BigInt(fen))
        expect(text.endsWith('整')).toBe(fen % 100 === 0)
        if (fen === 0) return
        expect(text).not.toMatch(/^零|零零|零[元万亿整]|零$/)
      }),
      { numRuns: 2000 },
    )
  })
})

describe('renderReceiptPdf', () => {
  it('renders a PDF with embedded, subsetted Noto Sans SC fonts', async () => {
    const pdf = await renderReceiptPdf(receipt)
    const raw = pdf.toString('latin1')
    expect(raw.startsWith('%PDF-')).toBe(true)
    expect(raw.trimEnd().endsWith('%%EOF')).toBe(true)
    expect(raw).toContain('/Subtype /Type0')
    expect(raw).toContain('/FontFile2')
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/)
    expect(raw).not.toContain('/Helvetica')
  })

  it('draws the Chinese text with real glyphs', async () => {
    const drawn = drawnCodePoints(await renderReceiptPdf(receipt, { compress: false }))
    expect(hex('收款收据')).toEqual(['6536', '6b3e', '6536', '636e'])
    for (const text of [
      '收款收据',
      '美好物业服务有限公司',
      '翠湖花园',
      '物业服务费',
      '预收款',
      '现金',
      '张*',
      '李四',
    ])
      expect(drawsAll(drawn, text), text).toBe(true)
    // The total in figures and in capitals (896.02 元).
    expect(drawsAll(drawn, '¥896.02')).toBe(true)
    expect(drawsAll(drawn, '人民币捌佰玖拾陆元零贰分')).toBe(true)
    expect(drawsAll(drawn, '作废')).toBe(false)
  })

  it('embeds only fonts that draw something', async () => {
    const raw = (await renderReceiptPdf(receipt, { compress: false })).toString('latin1')
    const fonts = raw.match(/\/FontFile2/g)?.length ?? 0
    const maps = [...raw.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)]
    expect(fonts).toBeGreaterThan(0)
    expect(maps).toHaveLength(fonts)
    // Besides .notdef (<0000>), each map lists at least one drawn glyph.
    for (const [, ranges] of maps) expect(ranges!.match(/<[0-9a-f]{4}>/gi)!.length).toBeGreaterThan(3)
  })

  it('is deterministic: title and creation date come from the receipt', async () => {
    const [first, second] = await Promise.all([renderReceiptPdf(receipt), renderReceiptPdf(receipt)])
    expect(first.equals(second)).toBe(true)
    const raw = first.toString('latin1')
    expect(raw).toContain('(R-2025-000123)')
    expect(raw).toContain('(D:20250605060300Z)')
  })

  it('stamps a voided receipt 作废 with the void time and reason', async () => {
    const voided = { ...receipt, voided: { at: new Date('2025-06-06T01:30:00Z'), reason: '重复收款' } }
    const drawn = drawnCodePoints(await renderReceiptPdf(voided, { compress: false }))
    expect(drawsAll(drawn, '作废')).toBe(true)
    expect(drawsAll(drawn, '作废时间作废原因重复收款')).toBe(true)
  })

  it('labels in English for en-US, keeping the capitals and the 作废 stamp', async () => {
    const english = {
      ...receipt,
      locale: 'en-US' as const,
      voided: { at: new Date('2025-06-06T01:30:00Z'), reason: 'Duplicate' },
    }
    const drawn = drawnCodePoints(await renderReceiptPdf(english, { compress: false }))
    expect(drawsAll(drawn, 'Payment Receipt Prepayment Cashier VOID Duplicate')).toBe(true)
    expect(drawsAll(drawn, '作废')).toBe(true)
    expect(drawsAll(drawn, '人民币捌佰玖拾陆元零贰分')).toBe(true)
    expect(drawsAll(drawn, '收款收据')).toBe(false)
  })

  it('continues a long receipt on further pages', async () => {
    const lines = Array.from({ length: 12 }, (_, i) => ({
      label: `物业服务费（第${i + 1}期，含公共区域能耗分摊及电梯运行维护费用）`,
      period: '2025-01 至 2025-12',
      fen: 10000 + i,
    }))
    const long = {
      ...receipt,
      lines,
      prepaidFen: 0,
      amountFen: lines.reduce((sum, line) => sum + line.fen, 0),
    }
    const pdf = await renderReceiptPdf(long, { compress: false })
    const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0
    expect(pages).toBeGreaterThan(1)
    expect(drawsAll(drawnCodePoints(pdf), '续')).toBe(true)
  })

  it('still renders text outside the font, and code points beyond the BMP', async () => {
    const pdf = await renderReceiptPdf({ ...receipt, payerName: '王𠀀*🙂' })
    expect(pdf.toString('latin1').startsWith('%PDF-')).toBe(true)
  })

  it('refuses a receipt whose lines do not add up to its total', async () => {
    await expect(renderReceiptPdf({ ...receipt, amountFen: receipt.amountFen + 1 })).rejects.toThrow(
      /sum to 89602 fen, total is 89603/,
    )
    await expect(renderReceiptPdf({ ...receipt, timeZone: 'Mars/Olympus' })).rejects.toThrow(RangeError)
  })
})
