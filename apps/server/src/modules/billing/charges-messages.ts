import { registerMessages } from '../../platform/i18n/catalog'

/**
 * Messages of meter readings (BILLING_METER_…), shared utilities (BILLING_SHARED_…), one-off and ticket
 * charges (BILLING_CHARGE_…), deposits (BILLING_DEPOSIT_…) and late fees (BILLING_LATE_FEE_…). Import refusals are per cell: the row and
 * column travel beside the text. Units and communities out of reach answer with the estate's own codes.
 */
registerMessages({
  'zh-CN': {
    'validation.reading': '读数须为不小于 0 的数字，最多两位小数，如 12345.60',
    BILLING_CHARGE_ITEM_INACTIVE: '收费项目“{name}”已停用',
    BILLING_CHARGE_ITEM_NOT_ONE_OFF: '收费项目“{name}”不是一次性收费项目（押金请通过“收取押金”办理）',
    BILLING_CHARGE_EXISTS:
      '该房屋 {month} 已有“{name}”的账单：同一收费项目每户每月只有一张账单，请选择其他月份或收费项目',
    BILLING_METER_ITEM_NOT_METERED: '收费项目“{name}”不是抄表计费项目',
    BILLING_METER_PREVIOUS_REQUIRED: '该房屋此前没有这一项目的读数，请填写上期读数',
    BILLING_METER_READING_DOWN:
      '本期读数 {current} 小于上期读数 {previous}：表未走满一圈时读数不会减少；如已走满回零，请填写满量程',
    BILLING_METER_ABOVE_WRAP: '读数须小于满量程 {wrapsAt}',
    BILLING_METER_WRAP_INVALID: '满量程须大于 0',
    BILLING_METER_READING_EXISTS: '房屋 {unit} 在 {month} 已有这一项目的读数',
    BILLING_METER_NO_STANDARD: '{month} 没有适用的收费标准，请先为该项目设置单价',
    BILLING_METER_BILLS_EXIST:
      '{month} 已有该项目的账单与待开账读数对应不上，未开出任何账单，请联系管理员核对',
    BILLING_METER_IMPORT_REQUIRED: '必填',
    BILLING_METER_IMPORT_UNIT_UNKNOWN: '房号“{code}”在本小区不存在',
    BILLING_METER_IMPORT_DUPLICATE: '房号“{code}”与第 {firstRow} 行重复',
    BILLING_METER_IMPORT_EXISTS: '房号“{code}”本月已有读数',
    BILLING_METER_IMPORT_NUMBER_INVALID: '须为不小于 0 的数字，最多两位小数',
    BILLING_METER_IMPORT_DATE_INVALID:
      '日期须为 YYYY-MM-DD 格式的有效日期（如 2025-05-03）或 Excel 日期单元格',
    BILLING_METER_IMPORT_PREVIOUS_MISSING: '该房屋此前没有读数，须填写上期读数',
    BILLING_METER_IMPORT_HEADER_MISSING: '缺少必需的列“{header}”',
    BILLING_METER_IMPORT_HEADER_DUPLICATE: '列“{header}”出现了不止一次',
    BILLING_METER_IMPORT_REJECTED: '{rows} 行数据有误（共 {count} 处），未导入任何读数',
    BILLING_METER_IMPORT_EMPTY: '文件中没有读数',
    BILLING_METER_IMPORT_UNREADABLE: '无法读取文件，请上传 .xlsx 或 CSV 文件',
    BILLING_METER_IMPORT_XLS: '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后再上传',
    BILLING_METER_IMPORT_CONFLICT: '导入期间有人录入了本月读数，未导入任何读数，请重新导入',
    BILLING_SHARED_ITEM_NOT_SHARED: '收费项目“{name}”不是公摊项目',
    BILLING_SHARED_NO_UNITS: '没有参与分摊的房屋',
    BILLING_SHARED_NO_AREA: '参与分摊的房屋面积合计为 0，不能按面积分摊',
    BILLING_SHARED_ALREADY_BILLED: '{month} 已有 {count} 户开出该公摊项目的账单，同一费用不能重复分摊',
    BILLING_DEPOSIT_ITEM_NOT_DEPOSIT: '收费项目“{name}”不是押金项目',
    BILLING_LATE_FEE_ITEM_NOT_LATE_FEE: '收费项目“{name}”不是违约金项目',
    BILLING_LATE_FEE_MONTH_OPEN: '{month} 尚未结束：违约金按整月计提，请在月份结束后办理',
    BILLING_LATE_FEES_ASSESSED: '{month} 的违约金已经计提过，同一月份只计提一次',
    BILLING_LATE_FEE_NOT_ALLOWED: '“{name}”是押金或违约金项目，不能再约定违约金',
    BILLING_LATE_FEE_NO_STANDARD: '“{name}”是违约金项目：按各收费项目约定的违约金计算，没有收费标准',
  },
  'en-US': {
    'validation.reading': 'A reading is a number of at least 0 with at most two decimals, e.g. 12345.60',
    BILLING_CHARGE_ITEM_INACTIVE: 'The fee item "{name}" is switched off',
    BILLING_CHARGE_ITEM_NOT_ONE_OFF:
      'The fee item "{name}" is not a one-off charge (deposits are collected as deposits)',
    BILLING_CHARGE_EXISTS:
      'The unit already has a "{name}" bill for {month}: a unit has one bill per fee item and month; choose another month or item',
    BILLING_METER_ITEM_NOT_METERED: 'The fee item "{name}" is not billed by meter readings',
    BILLING_METER_PREVIOUS_REQUIRED:
      'The unit has no earlier reading of this item: give the previous reading',
    BILLING_METER_READING_DOWN:
      'The current reading {current} is below the previous reading {previous}: a meter only goes down when it passes its full scale; if it did, give the full scale',
    BILLING_METER_ABOVE_WRAP: 'Readings must be below the full scale {wrapsAt}',
    BILLING_METER_WRAP_INVALID: 'The full scale must be more than 0',
    BILLING_METER_READING_EXISTS: 'Unit {unit} already has a reading of this item for {month}',
    BILLING_METER_NO_STANDARD: 'No standard applies in {month}: set the unit price of the item first',
    BILLING_METER_BILLS_EXIST:
      'Bills of this item for {month} do not match the readings to bill; nothing was billed, ask an administrator to check',
    BILLING_METER_IMPORT_REQUIRED: 'Required',
    BILLING_METER_IMPORT_UNIT_UNKNOWN: 'Unit "{code}" does not exist in this community',
    BILLING_METER_IMPORT_DUPLICATE: 'Unit "{code}" repeats row {firstRow}',
    BILLING_METER_IMPORT_EXISTS: 'Unit "{code}" already has a reading for this month',
    BILLING_METER_IMPORT_NUMBER_INVALID: 'Must be a number of at least 0 with at most two decimals',
    BILLING_METER_IMPORT_DATE_INVALID:
      'The date must be a valid YYYY-MM-DD date (e.g. 2025-05-03) or an Excel date cell',
    BILLING_METER_IMPORT_PREVIOUS_MISSING: 'The unit has no earlier reading: give the previous reading',
    BILLING_METER_IMPORT_HEADER_MISSING: 'The required column "{header}" is missing',
    BILLING_METER_IMPORT_HEADER_DUPLICATE: 'The column "{header}" appears more than once',
    BILLING_METER_IMPORT_REJECTED: '{rows} rows have errors ({count} in all); no reading was imported',
    BILLING_METER_IMPORT_EMPTY: 'The file holds no readings',
    BILLING_METER_IMPORT_UNREADABLE: 'The file cannot be read: upload an .xlsx or CSV file',
    BILLING_METER_IMPORT_XLS: 'Old .xls files are not supported: save it as .xlsx in Excel and upload again',
    BILLING_METER_IMPORT_CONFLICT:
      'Someone entered readings of this month during the import; nothing was imported, import again',
    BILLING_SHARED_ITEM_NOT_SHARED: 'The fee item "{name}" is not a shared (common-area) cost',
    BILLING_SHARED_NO_UNITS: 'No units share this cost',
    BILLING_SHARED_NO_AREA: 'The units sharing this cost have no area: it cannot be split by area',
    BILLING_SHARED_ALREADY_BILLED:
      '{count} units already have a bill of this shared item for {month}: a cost is split once',
    BILLING_DEPOSIT_ITEM_NOT_DEPOSIT: 'The fee item "{name}" is not a deposit',
    BILLING_LATE_FEE_ITEM_NOT_LATE_FEE: 'The fee item "{name}" is not a late-fee item',
    BILLING_LATE_FEE_MONTH_OPEN:
      '{month} has not ended: late fees are assessed for whole months, once the month is over',
    BILLING_LATE_FEES_ASSESSED: 'Late fees for {month} have already been assessed; a month is assessed once',
    BILLING_LATE_FEE_NOT_ALLOWED: '"{name}" is a deposit or late-fee item: it cannot carry late-fee terms',
    BILLING_LATE_FEE_NO_STANDARD:
      '"{name}" is a late-fee item: it is computed from each item\'s late-fee terms and has no standard',
  },
})
