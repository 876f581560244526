import ExcelJS from 'exceljs'
import { areaCellValue } from '../../apps/server/src/modules/estate/import/cells'
import { unitRow } from './estate-rows'

/**
 * Writes the import sheet (format: apps/server/src/modules/estate/import/columns.ts) with exceljs's
 * streaming writer: codes as text, floor and areas as numbers, as a user's Excel file would hold them.
 */
export async function writeUnitSheet(path: string, units: number, withOwners: boolean): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: true,
    useStyles: true,
  })
  const sheet = workbook.addWorksheet('房屋')
  const header = [
    '楼栋编号',
    '房号',
    '楼层',
    '建筑面积',
    '专有面积',
    '面积来源',
    '用途',
    '交付日期',
    '是否已售',
  ]
  sheet.addRow(withOwners ? [...header, '业主姓名', '业主手机'] : header).commit()
  for (let i = 0; i < units; i++) {
    const u = unitRow(i)
    const cells = [
      u.buildingCode,
      u.unitCode,
      u.floor,
      areaCellValue(u.buildingArea),
      areaCellValue(u.exclusiveArea),
      '登记',
      '住宅',
      u.deliveryDate,
      '是',
    ]
    sheet.addRow(withOwners ? [...cells, u.ownerName, u.ownerPhone] : cells).commit()
  }
  sheet.commit()
  await workbook.commit()
}
