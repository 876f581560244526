import { registerMessages } from '../../platform/i18n/catalog'

registerMessages({
  'zh-CN': {
    DISCLOSURE_NOT_FOUND: '公示事项不存在',
    DISCLOSURE_ATTACHMENT_NOT_FOUND: '附件不存在',
    DISCLOSURE_NOT_DRAFT: '该公示已发布，不能再修改；如有错误请发布更正',
    DISCLOSURE_NOT_CURRENT: '只能更正当前有效的公示版本',
    DISCLOSURE_GENERATED: '该公示由系统根据账目生成，请重新生成，不能手工更正',
    DISCLOSURE_ALREADY_EXISTS: '该事项已公示（{ref}），请在原公示上更正',
    DISCLOSURE_PERIOD_REQUIRED: '此类公示须注明所涵盖的期间（起止日期）',
    DISCLOSURE_PERIOD_ORDER: '期间的结束日期不能早于开始日期',
    DISCLOSURE_PERIOD_OPEN: '期间尚未结束（截至 {to}），结束后才能生成报表',
    DISCLOSURE_PERSONAL_DATA: '公示内容不得包含业主的手机号或身份证号等个人信息',
    DISCLOSURE_DECISION_TYPE: '只有业主大会决定类公示可以关联表决事项',
    DISCLOSURE_DECISION_NOT_FOUND: '该小区没有这项已结束的表决或议题',
    DISCLOSURE_DECISION_NOT_APPROVING: '议题“{title}”未获通过或不属于可批准此项支出的事项',
    DISCLOSURE_RULE_CHANGE_UNCOVERED:
      '按新城市规定，未结账季度应转入维修资金的部分已不足（收益已按原规定支出），不能更改；请先结账或补足后再改',
    DISCLOSURE_DISPLAY_TOO_SHORT: '公示期不得短于 {min} 天（本小区所在城市的规定）',
    DISCLOSURE_DECISION_ALREADY_USED:
      '该表决议题已用于维修资金项目“{title}”；一项决定只对应一个项目，取消原项目后方可另立',
    DISCLOSURE_PUBLIC_PAGE_NOT_FOUND: '公示页面不存在或已关闭',
    DISCLOSURE_RATE_CODE_DUPLICATE: '维修资金交存标准的编码不能重复',
    DISCLOSURE_RATE_UNKNOWN: '交存标准“{code}”不存在',
    DISCLOSURE_DATE_IN_FUTURE: '发生日期不能晚于今天（{today}）',
    DISCLOSURE_FUND_PERIOD_PUBLISHED:
      '维修资金账目已公示至 {to}，不能再记入该日及以前的日期，请按实际入账日登记',
    DISCLOSURE_BALANCE_SHORT:
      '公共收益余额不足（该日起可用 {balance} 元：之后各日余额不能为负，未结账季度应转入维修资金的部分已预留）',
    DISCLOSURE_QUARTER_CLOSED: '账目已结账至 {quarter} 并公示，不能再记入该季度及以前；如有错误请在本期冲销',
    DISCLOSURE_QUARTER_AFTER_CLOSED: '账目已结账至 {closedThrough}，不能再结账更早的 {quarter}',
    DISCLOSURE_EARLIER_QUARTER_OPEN: '{open} 尚有收支记录未结账，请先按顺序结账该季度，再结账 {quarter}',
    DISCLOSURE_QUARTER_OPEN: '{quarter} 尚未结束（至 {to}），季度结束后才能结账',
    DISCLOSURE_TO_FUND_TOO_LOW: '按本市规定，本季度转入专项维修资金的金额至少为 {min} 元',
    DISCLOSURE_ENTRY_NOT_FOUND: '公共收益记录不存在',
    DISCLOSURE_NOT_REVERSIBLE: '转入维修资金的记录和冲销记录不能冲销',
    DISCLOSURE_ALREADY_REVERSED: '该记录已冲销',
    DISCLOSURE_FUND_NO_UNITS: '该小区还没有房屋，无法分配',
    DISCLOSURE_FUND_RATE_MISSING:
      '{count} 套房屋所在楼栋未设置维修资金交存标准（如 {codes}），请先在设置中指定',
    DISCLOSURE_FIRST_DEPOSIT_TAKEN: '以下房屋已交存首期维修资金：{codes}',
    DISCLOSURE_PROJECT_NOT_FOUND: '维修资金使用项目不存在',
    DISCLOSURE_PROJECT_NOT_PLANNED: '项目当前为“{status}”，不能执行此操作',
    DISCLOSURE_EMERGENCY_CAP: '应急使用累计不得超过首期维修资金总额的 {percent}%，尚可使用 {room} 元',
    DISCLOSURE_FUND_EMPTY: '受益房屋的分户账均无余额，无法列支，请先组织续筹',
    DISCLOSURE_PUBLISHED_IN_APP: '{community}发布了新的公示：{title}',
    DISCLOSURE_FUND_TOP_UP_IN_APP:
      '您的房屋 {unitCode} 专项维修资金分户账余额为 {balance} 元，已不足首期交存额的 30%，请按规定续筹',
    DISCLOSURE_FUND_SHORTFALL_IN_APP:
      '您的房屋 {unitCode} 应分摊的维修费用中有 {shortfall} 元因分户账余额不足未能列支，请补交；分户账现余额 {balance} 元',
    'validation.generatedType': '收费标准、维修资金和公共收益报表由系统生成，不能手工新建',
    'validation.periodOrder': '期间的结束日期不能早于开始日期',
    'validation.fundApproval': '应急使用须选择应急类别，否则须关联已通过的业主共同决定及议题（二者选一）',
    'validation.quarter': '季度格式如 2026-Q3',
    'validation.token': '页面地址无效',
    'validation.hash': '文件标识无效',
  },
  'en-US': {
    DISCLOSURE_NOT_FOUND: 'Disclosure not found',
    DISCLOSURE_ATTACHMENT_NOT_FOUND: 'Attachment not found',
    DISCLOSURE_NOT_DRAFT: 'This disclosure is published and cannot be edited; publish a correction instead',
    DISCLOSURE_NOT_CURRENT: 'Only the current version of a disclosure can be corrected',
    DISCLOSURE_GENERATED: 'This disclosure is generated from the books: generate it again instead',
    DISCLOSURE_ALREADY_EXISTS: 'This is already disclosed ({ref}); correct the existing disclosure',
    DISCLOSURE_PERIOD_REQUIRED: 'This kind of disclosure needs the period it covers (from and to)',
    DISCLOSURE_PERIOD_ORDER: 'The period cannot end before it starts',
    DISCLOSURE_PERIOD_OPEN: 'The period has not ended yet (up to {to}); generate the statement afterwards',
    DISCLOSURE_PERSONAL_DATA: "Disclosures must not contain owners' mobile or ID numbers",
    DISCLOSURE_DECISION_TYPE: "Only owners' assembly decisions can name a decision",
    DISCLOSURE_DECISION_NOT_FOUND: 'The community has no such closed decision or topic',
    DISCLOSURE_DECISION_NOT_APPROVING: 'Topic "{title}" did not pass or cannot approve this spending',
    DISCLOSURE_RULE_CHANGE_UNCOVERED:
      'Under the new city rule an open quarter could not move its share to the fund (the money was spent under the old rule); close the quarters or make up the difference first',
    DISCLOSURE_DISPLAY_TOO_SHORT:
      'The display period cannot be shorter than {min} days (the rule of the community’s city)',
    DISCLOSURE_DECISION_ALREADY_USED:
      'This topic already backs the fund project "{title}"; one decision is one project, cancel that one to plan another',
    DISCLOSURE_PUBLIC_PAGE_NOT_FOUND: 'This page does not exist or has been turned off',
    DISCLOSURE_RATE_CODE_DUPLICATE: 'Fund rate codes must be unique',
    DISCLOSURE_RATE_UNKNOWN: 'Fund rate "{code}" does not exist',
    DISCLOSURE_DATE_IN_FUTURE: 'The date cannot be after today ({today})',
    DISCLOSURE_FUND_PERIOD_PUBLISHED:
      'The fund statement is published up to {to}; nothing may be dated on or before it, book it on the day it is entered',
    DISCLOSURE_BALANCE_SHORT:
      'Not enough public revenue ({balance} yuan available from that date: no later day may go below zero, and the share open quarters owe the fund is kept back)',
    DISCLOSURE_QUARTER_CLOSED:
      'The books are closed and published through {quarter}; record corrections in the current quarter',
    DISCLOSURE_QUARTER_AFTER_CLOSED:
      'The books are closed through {closedThrough}; {quarter} cannot be closed now',
    DISCLOSURE_EARLIER_QUARTER_OPEN: '{open} has entries and is not closed; close it before {quarter}',
    DISCLOSURE_QUARTER_OPEN: '{quarter} has not ended (up to {to}); close it afterwards',
    DISCLOSURE_TO_FUND_TOO_LOW:
      "The city's rule sends at least {min} yuan of this quarter to the maintenance fund",
    DISCLOSURE_ENTRY_NOT_FOUND: 'Public revenue entry not found',
    DISCLOSURE_NOT_REVERSIBLE: 'Moves to the fund and reversals cannot be reversed',
    DISCLOSURE_ALREADY_REVERSED: 'This entry is already reversed',
    DISCLOSURE_FUND_NO_UNITS: 'The community has no units to allocate to',
    DISCLOSURE_FUND_RATE_MISSING:
      '{count} units are in buildings without a fund rate (e.g. {codes}); set one first',
    DISCLOSURE_FIRST_DEPOSIT_TAKEN: 'These units already paid their first deposit: {codes}',
    DISCLOSURE_PROJECT_NOT_FOUND: 'Fund project not found',
    DISCLOSURE_PROJECT_NOT_PLANNED: 'The project is "{status}": this cannot be done',
    DISCLOSURE_EMERGENCY_CAP: 'Emergency use may not pass {percent}% of the first deposits; {room} yuan left',
    DISCLOSURE_FUND_EMPTY: "The benefiting units' sub-accounts are empty; collect top-ups first",
    DISCLOSURE_PUBLISHED_IN_APP: '{community} published a new disclosure: {title}',
    DISCLOSURE_FUND_TOP_UP_IN_APP:
      "Unit {unitCode}'s maintenance-fund balance is {balance} yuan, below 30% of its first deposit: please top it up",
    DISCLOSURE_FUND_SHORTFALL_IN_APP:
      "Unit {unitCode}'s share of a repair was {shortfall} yuan more than its fund balance: please pay it in (balance now {balance} yuan)",
    'validation.generatedType':
      'Fee standards and fund and public-revenue statements are generated, not typed',
    'validation.periodOrder': 'The period cannot end before it starts',
    'validation.fundApproval':
      "An emergency category, or else a passed owners' decision and topic: one of the two",
    'validation.quarter': 'A quarter is written like 2026-Q3',
    'validation.token': 'Not a valid page address',
    'validation.hash': 'Not a valid file fingerprint',
  },
})
