import { describe, expect, it } from 'vitest'
import { HEADERS } from './columns'
import { type KnownParty, matchOwner, PartyIndex } from './owner-matching'
import { cellsOf, parseRow, type RowCells, readHeader } from './row-rules'

const base: RowCells = { buildingCode: '1', unitCode: '1-101', buildingArea: 89.37, exclusiveArea: 72.1 }

describe('one row on its own', () => {
  it('needs a start date for new ownerships: 产权起始日期, or else 交付日期', () => {
    const owned = { ...base, ownerNames: '张三' }
    expect(parseRow(2, owned).errors.map((e) => e.column)).toEqual(['ownershipStart'])
    expect(parseRow(2, { ...owned, deliveryDate: '2014-06-01' }).value?.ownershipStart).toBeNull()
    expect(parseRow(2, { ...owned, ownershipStart: '2015-01-01' }).errors).toEqual([])
  })

  it('applies the defaults of the sheet format', () => {
    expect(parseRow(2, base)).toEqual({
      value: {
        row: 2,
        buildingCode: '1',
        buildingName: null,
        unitCode: '1-101',
        floor: null,
        buildingArea: '89.37',
        exclusiveArea: '72.10',
        areaSource: 'registered',
        use: 'residential',
        deliveryDate: null,
        sold: true,
        owners: [],
        ownershipStart: null,
      },
      errors: [],
    })
  })

  it('reports every bad cell of a row, each with its column', () => {
    const { value, errors } = parseRow(7, {
      buildingCode: '',
      unitCode: 'x'.repeat(33),
      buildingArea: 80,
      exclusiveArea: 80.01,
      sold: '也许',
      ownerNames: '张三',
      ownerPhones: '12345',
    })
    expect(value).toBeNull()
    expect(errors.map((e) => [e.column, e.code])).toEqual([
      ['buildingCode', 'ESTATE_IMPORT_REQUIRED'],
      ['unitCode', 'ESTATE_IMPORT_TOO_LONG'],
      ['exclusiveArea', 'ESTATE_IMPORT_EXCLUSIVE_TOO_LARGE'],
      ['sold', 'ESTATE_IMPORT_CHOICE_INVALID'],
      ['ownerPhones', 'ESTATE_IMPORT_PHONE_INVALID'],
    ])
  })

  it('compares the exclusive area with the building area in hundredths: equal is allowed', () => {
    expect(parseRow(2, { ...base, buildingArea: '80', exclusiveArea: 80.0 }).errors).toEqual([])
    expect(parseRow(2, { ...base, buildingArea: '80', exclusiveArea: '80.01' }).errors).toHaveLength(1)
  })

  it('aligns co-owners, phones and ID numbers by 、, with empty and masked values', () => {
    const { value } = parseRow(2, {
      ...base,
      deliveryDate: '2014-06-01',
      ownerNames: '张三、李四、王五',
      ownerPhones: '13900000001、、139****0003',
      ownerIdNumbers: '11010119800101123x、、',
    })
    expect(value?.owners).toEqual([
      {
        name: '张三',
        phone: { kind: 'value', value: '13900000001' },
        idNumber: { kind: 'value', value: '11010119800101123X' },
      },
      { name: '李四', phone: { kind: 'absent' }, idNumber: { kind: 'absent' } },
      { name: '王五', phone: { kind: 'masked' }, idNumber: { kind: 'absent' } },
    ])
  })

  it('refuses misaligned owner cells, numbers without names, and ID numbers typed as numbers', () => {
    const codes = (cells: RowCells) =>
      parseRow(2, { ...base, deliveryDate: '2014-06-01', ...cells }).errors.map((e) => [e.column, e.code])
    expect(codes({ ownerNames: '张三、李四', ownerPhones: '13900000001' })).toEqual([
      ['ownerPhones', 'ESTATE_IMPORT_OWNER_COUNT_MISMATCH'],
    ])
    expect(codes({ ownerPhones: '13900000001' })).toEqual([
      ['ownerNames', 'ESTATE_IMPORT_OWNER_NAME_MISSING'],
    ])
    expect(codes({ ownerNames: '张三、' })).toEqual([['ownerNames', 'ESTATE_IMPORT_OWNER_NAME_MISSING']])
    expect(codes({ ownerNames: '张三', ownerIdNumbers: 110101198001 })).toEqual([
      ['ownerIdNumbers', 'ESTATE_IMPORT_ID_NUMBER_NOT_TEXT'],
    ])
    expect(codes({ ownerNames: '张三', ownerIdNumbers: '1101011980' })).toEqual([
      ['ownerIdNumbers', 'ESTATE_IMPORT_ID_NUMBER_INVALID'],
    ])
  })
})

describe('the header row', () => {
  it('maps headers in any order and ignores unknown columns', () => {
    const header = readHeader(['备注', '房号', '楼栋编号', '专有面积', '建筑面积'])
    expect(header.errors).toEqual([])
    expect(cellsOf(['x', '1-101', '1', 70, 80], header.columns)).toEqual({
      unitCode: '1-101',
      buildingCode: '1',
      exclusiveArea: 70,
      buildingArea: 80,
    })
  })

  it('names every missing required header and every repeated one', () => {
    expect(readHeader(['房号', '房号']).errors.map((e) => [e.header, e.code])).toEqual([
      ['房号', 'ESTATE_IMPORT_HEADER_DUPLICATE'],
      ['楼栋编号', 'ESTATE_IMPORT_HEADER_MISSING'],
      ['建筑面积', 'ESTATE_IMPORT_HEADER_MISSING'],
      ['专有面积', 'ESTATE_IMPORT_HEADER_MISSING'],
    ])
    expect(readHeader([...HEADERS]).errors).toEqual([])
  })
})

describe('who an owner is', () => {
  const party = (id: string, name: string, phoneHash: string | null, idHash: string | null): KnownParty => ({
    id,
    name,
    phoneHash,
    idHash,
  })
  const owner = (name: string, phoneHash: string | null, idHash: string | null) => ({
    name,
    phone: phoneHash ? { kind: 'value' as const, value: `p-${phoneHash}` } : { kind: 'absent' as const },
    idNumber: idHash ? { kind: 'value' as const, value: `i-${idHash}` } : { kind: 'absent' as const },
    phoneHash,
    idHash,
  })
  const index = (...parties: KnownParty[]) => {
    const i = new PartyIndex()
    for (const p of parties) i.add(p)
    return i
  }

  it('is the party with the same ID number, or else the same phone AND name', () => {
    const zhang = party('a', '张三', 'ph1', 'id1')
    const li = party('b', '李四', 'ph1', null) // shares the family phone
    const parties = index(zhang, li)
    expect(matchOwner(owner('张三', null, 'id1'), 1, parties, [])).toMatchObject({
      kind: 'existing',
      party: zhang,
    })
    expect(matchOwner(owner('李四', 'ph1', null), 1, parties, [])).toMatchObject({
      kind: 'existing',
      party: li,
    })
    expect(matchOwner(owner('王五', 'ph1', null), 1, parties, [])).toEqual({ kind: 'new' })
  })

  it('never joins a party whose stored ID number differs, and refuses an ID number under another name', () => {
    const zhang = party('a', '张三', 'ph1', 'id1')
    expect(matchOwner(owner('张三', 'ph1', 'id2'), 1, index(zhang), [zhang])).toEqual({ kind: 'new' })
    expect(matchOwner(owner('李四', null, 'id1'), 2, index(zhang), [])).toMatchObject({
      kind: 'refused',
      error: {
        column: 'ownerIdNumbers',
        code: 'ESTATE_IMPORT_ID_NAME_CONFLICT',
        params: { index: 2, name: '张*' },
      },
    })
  })

  it('falls back to a current owner of the unit with the same name, and completes what the sheet adds', () => {
    const qian = party('c', '钱七', null, null)
    const match = matchOwner(owner('钱七', 'ph9', null), 1, index(), [qian])
    expect(match).toEqual({ kind: 'existing', party: qian, setPhone: 'p-ph9', setIdNumber: null })
  })

  it('keeps what is stored for a masked value, and refuses a masked value for a new owner', () => {
    const zhang = party('a', '张三', 'ph1', 'id1')
    const masked = {
      name: '张三',
      phone: { kind: 'masked' as const },
      idNumber: { kind: 'masked' as const },
      phoneHash: null,
      idHash: null,
    }
    expect(matchOwner(masked, 1, index(), [zhang])).toEqual({
      kind: 'existing',
      party: zhang,
      setPhone: null,
      setIdNumber: null,
    })
    expect(matchOwner({ ...masked, name: '韩梅梅' }, 1, index(), [zhang])).toMatchObject({
      kind: 'refused',
      error: { column: 'ownerPhones', code: 'ESTATE_IMPORT_MASKED_NEW_OWNER' },
    })
  })
})
