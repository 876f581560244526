import { describe, expect, it } from 'vitest'
import { type ApportionUnit, apportion, fenPerM2Text } from './apportionment'

const unit = (code: string, exclusiveArea: string, over: Partial<ApportionUnit> = {}): ApportionUnit => ({
  id: `id-${code}`,
  code,
  exclusiveArea,
  developerHeld: false,
  balanceFen: 0,
  firstDepositFen: 0,
  ...over,
})

const sharesOf = (result: ReturnType<typeof apportion>) =>
  Object.fromEntries(result.lines.map((l) => [l.unitCode, l.shareFen]))

/**
 * The domain example: a building of 6,000.00 m² — 60 sold flats of 90.00 m² (5,400.00 m²) and 5 unsold
 * developer-held flats of 120.00 m² (600.00 m²). Flat 1-101 has 8,000.00 left of a 10,800.00 first deposit;
 * the other sold flats have their full 10,800.00; the developer has paid nothing into its units' accounts.
 */
function domainBuilding(): ApportionUnit[] {
  const units: ApportionUnit[] = []
  for (let floor = 1; floor <= 15; floor++)
    for (let room = 1; room <= 4; room++) {
      const code = `1-${floor}0${room}`
      units.push(
        unit(code, '90.00', {
          balanceFen: code === '1-101' ? 800_000 : 1_080_000,
          firstDepositFen: 1_080_000,
        }),
      )
    }
  for (let room = 1; room <= 5; room++)
    units.push(
      unit(`1-160${room}`, '120.00', { developerHeld: true, balanceFen: 0, firstDepositFen: 1_440_000 }),
    )
  return units
}

describe('apportion: the domain example (lift replacement)', () => {
  const units = domainBuilding()
  const result = apportion(36_000_000, units) // 360,000.00 元

  it('builds the example building as stated: 6,000.00 m², 600.00 m² of it developer-held', () => {
    expect(units).toHaveLength(65)
    expect(result.totalAreaHundredths).toBe(600_000n)
  })

  it('comes to 60.00 元/m²', () => {
    expect(fenPerM2Text(36_000_000, result.totalAreaHundredths)).toBe('60.0000')
  })

  it('charges a 90.00 m² flat 5,400.00 and each 120.00 m² unsold flat 7,200.00', () => {
    for (const line of result.lines) expect(line.shareFen).toBe(line.developerHeld ? 720_000 : 540_000)
  })

  it('charges the developer 36,000.00 for its 600.00 m² unsold', () => {
    expect(result.developerFen).toBe(3_600_000)
    expect(result.developerUnits).toBe(5)
  })

  it('sums the shares to the cost exactly', () => {
    expect(result.lines.reduce((s, l) => s + l.shareFen, 0)).toBe(36_000_000)
  })

  it('pays each share from the sub-account; the developer’s empty accounts leave the whole share short', () => {
    const developer = result.lines.filter((l) => l.developerHeld)
    for (const line of developer) {
      expect(line.fromFundFen).toBe(0)
      expect(line.shortfallFen).toBe(720_000)
    }
    expect(result.shortfallFen).toBe(3_600_000)
    expect(result.shortfallUnits).toBe(5)
    expect(result.fromFundFen).toBe(36_000_000 - 3_600_000)
  })

  it('flags 1-101 for top-up: 8,000.00 − 5,400.00 = 2,600.00 is below the line 3,240.00', () => {
    const line = result.lines.find((l) => l.unitCode === '1-101')!
    expect(line).toMatchObject({
      shareFen: 540_000,
      balanceFen: 800_000,
      fromFundFen: 540_000,
      shortfallFen: 0,
      balanceAfterFen: 260_000,
      needsTopUp: true,
    })
    // The other sold flats keep 5,400.00 of 10,800.00 (50%): not flagged.
    const other = result.lines.find((l) => l.unitCode === '1-102')!
    expect(other).toMatchObject({ balanceAfterFen: 540_000, needsTopUp: false })
    // The developer's units, at 0 of 14,400.00, are.
    expect(result.topUpUnits).toBe(1 + 5)
  })

  it('returns the lines in input order, carrying the unit’s id, code, area and developer flag', () => {
    expect(result.lines.map((l) => l.unitCode)).toEqual(units.map((u) => u.code))
    expect(result.lines[0]).toMatchObject({
      unitId: 'id-1-101',
      unitCode: '1-101',
      exclusiveArea: '90.00',
      developerHeld: false,
    })
    expect(result.lines.at(-1)).toMatchObject({
      unitId: 'id-1-1605',
      exclusiveArea: '120.00',
      developerHeld: true,
    })
  })
})

describe('apportion: the rounding rule (largest remainder, ties to the lower unit code)', () => {
  it('100 fen over three equal areas: 34 / 33 / 33, the odd fen to the lowest code', () => {
    const units = [unit('1-101', '50.00'), unit('1-102', '50.00'), unit('1-103', '50.00')]
    expect(sharesOf(apportion(100, units))).toEqual({ '1-101': 34, '1-102': 33, '1-103': 33 })
  })

  it('gives the odd fen to the lowest code whatever the input order', () => {
    const units = [unit('1-103', '50.00'), unit('1-101', '50.00'), unit('1-102', '50.00')]
    const result = apportion(100, units)
    expect(result.lines.map((l) => [l.unitCode, l.shareFen])).toEqual([
      ['1-103', 33],
      ['1-101', 34],
      ['1-102', 33],
    ])
  })

  it('two fen left over go to the two lowest codes', () => {
    const units = [unit('2-303', '10.00'), unit('2-301', '10.00'), unit('2-302', '10.00')]
    expect(sharesOf(apportion(101, units))).toEqual({ '2-301': 34, '2-302': 34, '2-303': 33 })
  })

  it('compares codes by their characters, not as numbers: "10-101" comes before "9-101"', () => {
    const units = [unit('9-101', '50.00'), unit('10-101', '50.00')]
    expect(sharesOf(apportion(1, units))).toEqual({ '9-101': 0, '10-101': 1 })
  })

  it('gives a left-over fen to the larger remainder before the lower code', () => {
    // 100 fen over 1.00 and 2.00 m²: exact 33⅓ and 66⅔ → the fen to the 2.00 m² unit although its code is higher.
    const units = [unit('1-101', '1.00'), unit('1-102', '2.00')]
    expect(sharesOf(apportion(100, units))).toEqual({ '1-101': 33, '1-102': 67 })
  })

  it('orders by remainder first among several units', () => {
    // 10 fen over 1.00 / 2.00 / 4.00 m² (7.00 m²): exact 1.43 / 2.86 / 5.71, remainders 3/7, 6/7, 5/7.
    // Floors 1 + 2 + 5 = 8; the 2 fen left go to the remainders 6/7 (1-102) and 5/7 (1-103).
    const units = [unit('1-101', '1.00'), unit('1-102', '2.00'), unit('1-103', '4.00')]
    expect(sharesOf(apportion(10, units))).toEqual({ '1-101': 1, '1-102': 3, '1-103': 6 })
  })

  it('leaves an exact division alone', () => {
    const units = [unit('1-101', '30.00'), unit('1-102', '70.00')]
    expect(sharesOf(apportion(1_000, units))).toEqual({ '1-101': 300, '1-102': 700 })
  })

  it('keeps every share less than one fen from its exact value', () => {
    // 1 fen over 89.37 / 90.00 / 120.50 m²: the whole fen to the largest remainder (the largest area).
    const units = [unit('1-101', '89.37'), unit('1-102', '90.00'), unit('1-103', '120.50')]
    expect(sharesOf(apportion(1, units))).toEqual({ '1-101': 0, '1-102': 0, '1-103': 1 })
  })
})

describe('apportion: paying from the sub-accounts', () => {
  const first = 1_000_000 // 10,000.00 first deposit → line 3,000.00

  it('takes min(share, balance) from the fund and leaves the rest as shortfall', () => {
    const units = [
      unit('1-101', '10.00', { balanceFen: 900_000, firstDepositFen: first }), // more than the share
      unit('1-102', '10.00', { balanceFen: 500_000, firstDepositFen: first }), // exactly the share
      unit('1-103', '10.00', { balanceFen: 200_000, firstDepositFen: first }), // less than the share
      unit('1-104', '10.00', { balanceFen: 0, firstDepositFen: first }), // nothing
    ]
    const result = apportion(2_000_000, units)
    expect(result.lines.map((l) => [l.shareFen, l.fromFundFen, l.shortfallFen, l.balanceAfterFen])).toEqual([
      [500_000, 500_000, 0, 400_000],
      [500_000, 500_000, 0, 0],
      [500_000, 200_000, 300_000, 0],
      [500_000, 0, 500_000, 0],
    ])
    expect(result.fromFundFen).toBe(1_200_000)
    expect(result.shortfallFen).toBe(800_000)
    expect(result.fromFundFen + result.shortfallFen).toBe(2_000_000)
    expect(result.shortfallUnits).toBe(2)
  })

  it('flags top-up on the balance after the share, at the 30% boundary', () => {
    const units = [
      unit('1-101', '10.00', { balanceFen: 800_000, firstDepositFen: first }), // after 300,000: exactly 30%
      unit('1-102', '10.00', { balanceFen: 799_999, firstDepositFen: first }), // after 299,999: below
      unit('1-103', '10.00', { balanceFen: 200_000, firstDepositFen: first }), // already below before
      unit('1-104', '10.00', { balanceFen: 0, firstDepositFen: 0 }), // no first deposit: never flagged
    ]
    const result = apportion(2_000_000, units)
    expect(result.lines.map((l) => [l.balanceAfterFen, l.needsTopUp])).toEqual([
      [300_000, false],
      [299_999, true],
      [0, true],
      [0, false],
    ])
    expect(result.topUpUnits).toBe(2)
  })

  it('a cost of 0 charges nobody, and flags only the units already below the line', () => {
    const units = [
      unit('1-101', '10.00', { balanceFen: 300_000, firstDepositFen: first }),
      unit('1-102', '10.00', { balanceFen: 299_999, firstDepositFen: first }),
    ]
    const result = apportion(0, units)
    expect(result.lines.map((l) => [l.shareFen, l.fromFundFen, l.shortfallFen, l.needsTopUp])).toEqual([
      [0, 0, 0, false],
      [0, 0, 0, true],
    ])
    expect(result).toMatchObject({ fromFundFen: 0, shortfallFen: 0, shortfallUnits: 0, topUpUnits: 1 })
  })

  it('counts developer-held units and their shares apart, funded or not', () => {
    const units = [
      unit('1-101', '60.00', { developerHeld: true, balanceFen: 1_000_000 }),
      unit('1-102', '40.00', { developerHeld: true }),
      unit('1-103', '100.00'),
    ]
    const result = apportion(1_000_001, units)
    expect(sharesOf(result)).toEqual({ '1-101': 300_000, '1-102': 200_000, '1-103': 500_001 })
    expect(result.developerFen).toBe(500_000)
    expect(result.developerUnits).toBe(2)
    expect(result.shortfallFen).toBe(200_000 + 500_001)
  })

  it('a single unit carries the whole cost', () => {
    const result = apportion(123_456, [unit('1-101', '0.01', { balanceFen: 100_000 })])
    expect(result.lines[0]).toMatchObject({ shareFen: 123_456, fromFundFen: 100_000, shortfallFen: 23_456 })
    expect(result.totalAreaHundredths).toBe(1n)
  })
})

describe('apportion: areas and refusals', () => {
  it('reads areas exactly, with one or two decimals or none', () => {
    const result = apportion(600, [unit('1-101', '1'), unit('1-102', '1.5'), unit('1-103', '3.50')])
    expect(result.totalAreaHundredths).toBe(600n)
    expect(sharesOf(result)).toEqual({ '1-101': 100, '1-102': 150, '1-103': 350 })
  })

  it('gives a unit of zero area nothing', () => {
    const result = apportion(100, [unit('1-101', '0.00'), unit('1-102', '25.00')])
    expect(sharesOf(result)).toEqual({ '1-101': 0, '1-102': 100 })
  })

  it('refuses a project without units', () => {
    expect(() => apportion(100, [])).toThrow(RangeError)
  })

  it('refuses a cost over units whose areas sum to 0, but lets a cost of 0 through', () => {
    expect(() => apportion(100, [unit('1-101', '0.00'), unit('1-102', '0')])).toThrow(RangeError)
    expect(sharesOf(apportion(0, [unit('1-101', '0.00')]))).toEqual({ '1-101': 0 })
  })

  it('refuses a cost that is not whole fen ≥ 0', () => {
    const units = [unit('1-101', '10.00')]
    expect(() => apportion(-1, units)).toThrow(RangeError)
    expect(() => apportion(1.5, units)).toThrow(RangeError)
  })

  it('refuses two units with the same code (the tie-break key)', () => {
    expect(() =>
      apportion(100, [unit('1-101', '10.00'), { ...unit('1-101', '20.00'), id: 'other' }]),
    ).toThrow(RangeError)
  })

  it('refuses an area that is not a decimal with at most two places', () => {
    for (const bad of ['89.375', '-1.00', '1e3', 'abc', '', '1,000.00'])
      expect(() => apportion(100, [unit('1-101', bad)])).toThrow()
  })
})

describe('fenPerM2Text', () => {
  it('gives 元 per m² to four places', () => {
    expect(fenPerM2Text(36_000_000, 600_000n)).toBe('60.0000')
    expect(fenPerM2Text(100, 300n)).toBe('0.3333') // 1.00 元 / 3.00 m²
    expect(fenPerM2Text(200, 300n)).toBe('0.6667') // 2.00 元 / 3.00 m²
    expect(fenPerM2Text(123_456, 8_937n)).toBe('13.8140') // 1,234.56 / 89.37 = 13.81403… (down)
    expect(fenPerM2Text(0, 600_000n)).toBe('0.0000')
  })

  it('rounds half up at the fifth place', () => {
    // 0.01 元 over 200.00 m² = 0.00005 exactly → 0.0001; over 200.01 m² just below half → 0.0000.
    expect(fenPerM2Text(1, 20_000n)).toBe('0.0001')
    expect(fenPerM2Text(1, 20_001n)).toBe('0.0000')
    expect(fenPerM2Text(1, 19_999n)).toBe('0.0001')
    // 0.03 元 over 200.00 m² = 0.00015 → 0.0002.
    expect(fenPerM2Text(3, 20_000n)).toBe('0.0002')
  })

  it('carries into the whole 元 when rounding up', () => {
    // 9,999.9999 5 元/m²: 19,999,999.99 元 over 2,000.00 m² = 9,999.999995 → 10,000.0000.
    expect(fenPerM2Text(1_999_999_999, 200_000n)).toBe('10000.0000')
  })

  it('pads the fraction with zeros', () => {
    expect(fenPerM2Text(1, 100n)).toBe('0.0100') // 0.01 元 over 1.00 m²
    expect(fenPerM2Text(1, 10_000n)).toBe('0.0001') // 0.01 元 over 100.00 m²
  })

  it('is 0.0000 for no area', () => {
    expect(fenPerM2Text(100, 0n)).toBe('0.0000')
  })

  it('stays exact for large costs', () => {
    expect(fenPerM2Text(Number.MAX_SAFE_INTEGER, 1n)).toBe(`${Number.MAX_SAFE_INTEGER}.0000`)
  })
})
