import ExcelJS from 'exceljs'
import { FLOOR_RANGE } from './cells'
import { AREA_SOURCE_LABELS, CO_OWNER_SEPARATOR, COLUMNS, SOLD_LABELS, USE_LABELS } from './columns'

const NOTES: Record<(typeof COLUMNS)[number]['key'], string> = {
  buildingCode: '楼栋编号，如 1；系统中没有的楼栋会自动建立',
  buildingName: '新建楼栋时使用；不填则为“<楼栋编号>号楼”；已有楼栋须与系统中的名称一致',
  unitCode: '房号，在本小区内唯一，如 1-101；已有房号则更新该房屋',
  floor: `整数，${FLOOR_RANGE.min} 到 ${FLOOR_RANGE.max}`,
  buildingArea: '建筑面积（m²），大于 0，最多两位小数',
  exclusiveArea: '专有部分面积（m²），大于 0，最多两位小数，不大于建筑面积',
  areaSource: `${Object.values(AREA_SOURCE_LABELS).join('/')}，默认 登记`,
  use: `${Object.values(USE_LABELS).join('/')}，默认 住宅`,
  deliveryDate: 'YYYY-MM-DD，如 2014-06-01，或 Excel 日期',
  sold: `${Object.values(SOLD_LABELS).join('/')}，默认 是`,
  ownerNames: `多位共有人以“${CO_OWNER_SEPARATOR}”分隔，如 张三${CO_OWNER_SEPARATOR}李四`,
  ownerPhones: `11 位手机号，与业主姓名逐位对应，以“${CO_OWNER_SEPARATOR}”分隔；带 * 的脱敏号码表示保留系统中的号码`,
  ownerIdNumbers: `18 位身份证号（请以文本格式填写），与业主姓名逐位对应，以“${CO_OWNER_SEPARATOR}”分隔`,
  ownershipStart: 'YYYY-MM-DD；新增业主的产权起始日期，不填则取交付日期',
}

/** Columns typed as text in the template, so Excel keeps leading zeros and all 18 digits of an ID number. */
const TEXT_COLUMNS = new Set(['buildingCode', 'unitCode', 'ownerPhones', 'ownerIdNumbers'])

/** The downloadable template: the import's headers exactly, plus a sheet that explains each column. */
export async function importTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('房屋')
  sheet.columns = COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    ...(TEXT_COLUMNS.has(c.key) ? { style: { numFmt: '@' } } : {}),
  }))
  sheet.getRow(1).font = { bold: true }
  sheet.views = [{ state: 'frozen', ySplit: 1 }]

  const notes = workbook.addWorksheet('填写说明')
  notes.columns = [
    { header: '列', width: 14 },
    { header: '必填', width: 6 },
    { header: '说明', width: 80 },
  ]
  notes.getRow(1).font = { bold: true }
  for (const c of COLUMNS) notes.addRow([c.header, c.required ? '是' : '', NOTES[c.key]])
  notes.addRow([])
  notes.addRow([
    '',
    '',
    '只读取第一个工作表“房屋”；表头须在第一行。同一房号再次导入时，内容相同的房屋不会改动。',
  ])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
