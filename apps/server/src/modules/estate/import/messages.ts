import { registerMessages } from '../../../platform/i18n/catalog'

/** Reasons an import row or file is refused (shown per row and column), and the import's own errors. */
registerMessages({
  'zh-CN': {
    ESTATE_IMPORT_REQUIRED: '必填',
    ESTATE_IMPORT_TOO_LONG: '不能超过 {max} 个字',
    ESTATE_IMPORT_AREA_INVALID: '面积须为大于 0 的数字（单位 m²）',
    ESTATE_IMPORT_AREA_DECIMALS: '面积最多保留两位小数',
    ESTATE_IMPORT_EXCLUSIVE_TOO_LARGE: '专有面积不能大于建筑面积 {buildingArea}',
    ESTATE_IMPORT_FLOOR_INVALID: '楼层须为 {min} 到 {max} 之间的整数',
    ESTATE_IMPORT_DATE_INVALID: '日期须为 YYYY-MM-DD 格式的有效日期（如 2014-06-01）或 Excel 日期单元格',
    ESTATE_IMPORT_CHOICE_INVALID: '只能填写：{allowed}',
    ESTATE_IMPORT_OWNER_NAME_MISSING: '缺少业主姓名（多位业主以“、”分隔，每位都须有姓名）',
    ESTATE_IMPORT_OWNER_COUNT_MISMATCH:
      '与业主姓名数量不一致：{owners} 位业主，此处 {given} 项（以“、”分隔，逐位对应）',
    ESTATE_IMPORT_PHONE_INVALID: '第 {index} 位业主的手机号须为 1 开头的 11 位数字',
    ESTATE_IMPORT_ID_NUMBER_INVALID: '第 {index} 位业主的证件号须为 18 位身份证号',
    ESTATE_IMPORT_ID_NUMBER_NOT_TEXT: '证件号须以文本格式填写（数字格式会丢失末几位）',
    ESTATE_IMPORT_OWNERSHIP_START_REQUIRED: '有业主时须填写产权起始日期或交付日期',
    ESTATE_IMPORT_DUPLICATE_UNIT: '房号“{code}”与第 {firstRow} 行重复',
    ESTATE_IMPORT_UNIT_IN_OTHER_BUILDING: '房号“{code}”已登记在楼栋“{building}”下，不能改到其他楼栋',
    ESTATE_IMPORT_BUILDING_NAME_CONFLICT: '楼栋“{code}”的名称是“{name}”，与此处填写的不一致',
    ESTATE_IMPORT_MASKED_NEW_OWNER: '“{name}”不是此房屋已登记的业主，须填写完整号码（不能带 *）',
    ESTATE_IMPORT_ID_NAME_CONFLICT: '第 {index} 位业主的证件号已登记在“{name}”名下，与姓名不符',
    ESTATE_IMPORT_HEADER_MISSING: '缺少必需的列“{header}”',
    ESTATE_IMPORT_HEADER_DUPLICATE: '列“{header}”出现了不止一次',
    ESTATE_IMPORT_FILE_UNREADABLE: '无法读取文件，请上传 .xlsx 或 CSV 文件',
    ESTATE_IMPORT_XLS_UNSUPPORTED: '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后再上传',
    ESTATE_IMPORT_FILE_MISSING: '请在表单字段 file 中上传一个文件',
    ESTATE_IMPORT_REJECTED: '{rows} 行数据有误（共 {count} 处），未导入任何数据',
    ESTATE_IMPORT_TENANT_NOT_FOUND: '公司“{code}”不存在',
    ESTATE_IMPORT_PROGRESS: '已处理',
    ESTATE_IMPORT_SUMMARY_DRY_RUN:
      '试导入（未写入任何数据）：共 {rows} 行，将新增 {created}、更新 {updated}、不变 {unchanged}；错误 {errors} 处',
    ESTATE_IMPORT_SUMMARY_DONE: '导入完成：共 {rows} 行，新增 {created}、更新 {updated}、不变 {unchanged}',
    ESTATE_IMPORT_SUMMARY_REJECTED: '未导入：共 {rows} 行，错误 {errors} 处，未写入任何数据',
    ESTATE_IMPORT_ERROR_LINE: '第 {row} 行［{column}］{reason}',
    ESTATE_IMPORT_MORE_ERRORS: '……另有 {count} 处错误未列出',
  },
  'en-US': {
    ESTATE_IMPORT_REQUIRED: 'Required',
    ESTATE_IMPORT_TOO_LONG: 'At most {max} characters',
    ESTATE_IMPORT_AREA_INVALID: 'The area must be a number greater than 0 (m²)',
    ESTATE_IMPORT_AREA_DECIMALS: 'The area may have at most 2 decimals',
    ESTATE_IMPORT_EXCLUSIVE_TOO_LARGE: 'The exclusive area cannot exceed the building area {buildingArea}',
    ESTATE_IMPORT_FLOOR_INVALID: 'The floor must be a whole number from {min} to {max}',
    ESTATE_IMPORT_DATE_INVALID:
      'The date must be a valid YYYY-MM-DD date (e.g. 2014-06-01) or an Excel date cell',
    ESTATE_IMPORT_CHOICE_INVALID: 'Must be one of: {allowed}',
    ESTATE_IMPORT_OWNER_NAME_MISSING:
      'An owner name is missing (co-owners are separated by 、, each needs a name)',
    ESTATE_IMPORT_OWNER_COUNT_MISMATCH:
      'Does not match the owner names: {owners} owners, {given} values here (separated by 、, in the same order)',
    ESTATE_IMPORT_PHONE_INVALID: 'The phone of owner {index} must be 11 digits starting with 1',
    ESTATE_IMPORT_ID_NUMBER_INVALID:
      'The ID number of owner {index} must be an 18-character resident ID number',
    ESTATE_IMPORT_ID_NUMBER_NOT_TEXT: 'Enter ID numbers as text (a number cell loses the last digits)',
    ESTATE_IMPORT_OWNERSHIP_START_REQUIRED: 'With owners, give the ownership start date or the delivery date',
    ESTATE_IMPORT_DUPLICATE_UNIT: 'Unit "{code}" repeats row {firstRow}',
    ESTATE_IMPORT_UNIT_IN_OTHER_BUILDING:
      'Unit "{code}" is registered in building "{building}" and cannot move to another',
    ESTATE_IMPORT_BUILDING_NAME_CONFLICT:
      'Building "{code}" is named "{name}", which differs from the name given here',
    ESTATE_IMPORT_MASKED_NEW_OWNER:
      '"{name}" is not a registered owner of this unit: give the full number (without *)',
    ESTATE_IMPORT_ID_NAME_CONFLICT:
      'The ID number of owner {index} is registered under the name "{name}", not this one',
    ESTATE_IMPORT_HEADER_MISSING: 'The required column "{header}" is missing',
    ESTATE_IMPORT_HEADER_DUPLICATE: 'The column "{header}" appears more than once',
    ESTATE_IMPORT_FILE_UNREADABLE: 'The file cannot be read; upload an .xlsx or CSV file',
    ESTATE_IMPORT_XLS_UNSUPPORTED:
      'Old .xls files are not supported; save the file as .xlsx in Excel and upload it again',
    ESTATE_IMPORT_FILE_MISSING: 'Upload one file in the form field "file"',
    ESTATE_IMPORT_REJECTED: '{rows} rows have errors ({count} in all); nothing was imported',
    ESTATE_IMPORT_TENANT_NOT_FOUND: 'No company with code "{code}"',
    ESTATE_IMPORT_PROGRESS: 'Rows',
    ESTATE_IMPORT_SUMMARY_DRY_RUN:
      'Dry run (nothing written): {rows} rows; would create {created}, update {updated}, leave {unchanged} unchanged; {errors} errors',
    ESTATE_IMPORT_SUMMARY_DONE:
      'Imported: {rows} rows; created {created}, updated {updated}, unchanged {unchanged}',
    ESTATE_IMPORT_SUMMARY_REJECTED: 'Not imported: {rows} rows, {errors} errors; nothing was written',
    ESTATE_IMPORT_ERROR_LINE: 'Row {row} [{column}] {reason}',
    ESTATE_IMPORT_MORE_ERRORS: '… {count} more errors not shown',
  },
})
