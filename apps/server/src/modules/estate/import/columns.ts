/**
 * The sheet format of the unit and owner import (and of the export, so an export re-imports unchanged).
 * The first non-empty row holds these headers, in any order; unknown columns are ignored.
 *
 * | 表头          | 必填 | 内容 |
 * |---------------|------|------|
 * | 楼栋编号      | 是   | building code, e.g. 1 |
 * | 楼栋名称      |      | building name; default "<楼栋编号>号楼" when the building is new |
 * | 房号          | 是   | unit code, unique in the community (the import's natural key) |
 * | 楼层          |      | integer, −10…200 |
 * | 建筑面积      | 是   | m², > 0, at most 2 decimals |
 * | 专有面积      | 是   | m², > 0, at most 2 decimals, ≤ 建筑面积 |
 * | 面积来源      |      | 登记 / 实测 / 合同; default 登记 |
 * | 用途          |      | 住宅 / 商业 / 办公 / 其他; default 住宅 |
 * | 交付日期      |      | YYYY-MM-DD text or an Excel date cell |
 * | 是否已售      |      | 是 / 否; default 是 |
 * | 业主姓名      |      | co-owners separated by 、 |
 * | 业主手机      |      | aligned with 业主姓名 by 、; a masked value (with *) keeps the stored one |
 * | 业主证件号    |      | aligned with 业主姓名 by 、; enter as text (18 digits do not fit an Excel number) |
 * | 产权起始日期  |      | start of new ownerships; default 交付日期 |
 *
 * Files: .xlsx (first worksheet) or CSV in UTF-8 (with or without BOM) or GB18030.
 */
export const COLUMNS = [
  { key: 'buildingCode', header: '楼栋编号', required: true, width: 10 },
  { key: 'buildingName', header: '楼栋名称', required: false, width: 14 },
  { key: 'unitCode', header: '房号', required: true, width: 12 },
  { key: 'floor', header: '楼层', required: false, width: 8 },
  { key: 'buildingArea', header: '建筑面积', required: true, width: 12 },
  { key: 'exclusiveArea', header: '专有面积', required: true, width: 12 },
  { key: 'areaSource', header: '面积来源', required: false, width: 10 },
  { key: 'use', header: '用途', required: false, width: 8 },
  { key: 'deliveryDate', header: '交付日期', required: false, width: 12 },
  { key: 'sold', header: '是否已售', required: false, width: 10 },
  { key: 'ownerNames', header: '业主姓名', required: false, width: 18 },
  { key: 'ownerPhones', header: '业主手机', required: false, width: 26 },
  { key: 'ownerIdNumbers', header: '业主证件号', required: false, width: 42 },
  { key: 'ownershipStart', header: '产权起始日期', required: false, width: 14 },
] as const

export type ColumnKey = (typeof COLUMNS)[number]['key']

export const HEADERS = COLUMNS.map((c) => c.header)
export const headerOf = (key: ColumnKey) => COLUMNS.find((c) => c.key === key)!.header

/** Separates co-owners (and their aligned phones and ID numbers) in one cell. */
export const CO_OWNER_SEPARATOR = '、'

export const AREA_SOURCE_LABELS = { registered: '登记', surveyed: '实测', contract: '合同' } as const
export const USE_LABELS = { residential: '住宅', commercial: '商业', office: '办公', other: '其他' } as const
export const SOLD_LABELS = { yes: '是', no: '否' } as const

export type AreaSource = keyof typeof AREA_SOURCE_LABELS
export type UnitUse = keyof typeof USE_LABELS

/** The building name a new building gets when the sheet gives none. */
export const defaultBuildingName = (code: string) => `${code}号楼`

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
