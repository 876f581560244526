import { registerMessages } from '../../platform/i18n/catalog'

/**
 * Messages of arrears, dunning, case files, the collection report and the owner's message box. Error codes
 * are BILLING_ARREARS_… / BILLING_DUNNING_… / BILLING_MESSAGE_…; a community or unit outside the caller's
 * reach answers with the estate's own not-found codes, like every other region. The reminder texts name
 * only the unit, the amount and the period to pay: never a person, never a phone, never a threat.
 */
registerMessages({
  'zh-CN': {
    BILLING_ARREARS_TAG_NOT_FOUND: '该房屋没有“{reason}”这一欠费原因标记',
    BILLING_DUNNING_NOT_FOUND: '催缴批次不存在',
    BILLING_DUNNING_NO_ACCOUNTS: '没有逾期欠费达到 {amount} 元的房屋，未生成催缴',
    BILLING_MESSAGE_NOT_FOUND: '消息不存在',
    BILLING_DUNNING_SMS:
      '温馨提示：{unitCode} 尚有物业服务费 {amount} 元未缴，请于 {days} 日内缴纳。如已缴纳请忽略，谢谢！',
    BILLING_DUNNING_IN_APP:
      '您的房屋 {unitCode} 尚有逾期物业服务费 {amount} 元未缴，请于 {payBy} 前（{days} 日内）缴纳。如已缴纳请忽略，感谢您的支持！',
    BILLING_NOTICE_TITLE: '{community} 物业服务费催缴通知',
    BILLING_NOTICE_BODY:
      '以下房屋尚有逾期物业服务费未缴。请相关业主于 {payBy} 前（{days} 日内）到物业服务中心或通过线上缴费渠道缴纳。如已缴纳，请忽略本通知。感谢您的理解与支持！',
    BILLING_NOTICE_UNIT: '房号',
    BILLING_NOTICE_AMOUNT: '欠费金额（元）',
    BILLING_NOTICE_TOTAL: '共 {units} 户',
  },
  'en-US': {
    BILLING_ARREARS_TAG_NOT_FOUND: 'The unit has no arrears reason "{reason}"',
    BILLING_DUNNING_NOT_FOUND: 'Dunning campaign not found',
    BILLING_DUNNING_NO_ACCOUNTS: 'No unit owes at least {amount} yuan past due; no reminders were created',
    BILLING_MESSAGE_NOT_FOUND: 'Message not found',
    BILLING_DUNNING_SMS:
      'Reminder: {unitCode} has {amount} yuan of property fees outstanding. Please pay within {days} days. Please ignore this if you have paid. Thank you!',
    BILLING_DUNNING_IN_APP:
      'Your unit {unitCode} has {amount} yuan of overdue property fees. Please pay by {payBy} (within {days} days). Please ignore this if you have paid. Thank you!',
    BILLING_NOTICE_TITLE: '{community}: reminder of outstanding property fees',
    BILLING_NOTICE_BODY:
      'The units below have overdue property fees. Owners are kindly asked to pay by {payBy} (within {days} days) at the property service centre or online. Please ignore this notice if you have paid. Thank you for your understanding and support!',
    BILLING_NOTICE_UNIT: 'Unit',
    BILLING_NOTICE_AMOUNT: 'Outstanding (yuan)',
    BILLING_NOTICE_TOTAL: '{units} units',
  },
})
