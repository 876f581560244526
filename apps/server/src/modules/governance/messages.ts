import { registerMessages } from '../../platform/i18n/catalog'

registerMessages({
  'zh-CN': {
    GOVERNANCE_DECISION_NOT_FOUND: '表决事项不存在',
    GOVERNANCE_TOPIC_NOT_FOUND: '议题不存在',
    GOVERNANCE_INVALID_STATE: '表决事项当前为“{status}”，不能{action}',
    GOVERNANCE_TOPICS_LOCKED: '会议通知已发布，不能再增删议题（未经事先公告的议题不得表决）',
    GOVERNANCE_NO_TOPICS: '至少需要一个议题',
    GOVERNANCE_WINDOW_INVALID: '投票期须为 {minDays}–{maxDays} 天，登记日不得晚于投票开始日',
    GOVERNANCE_NOTICE_DAYS_TOO_FEW: '会议通知须至少提前 {days} 天发布（临时会议最少 7 天，须所在城市允许）',
    GOVERNANCE_CODE_TOO_MANY: '验证码发送过于频繁，请一小时后再试',
    GOVERNANCE_CODE_LOCKED: '验证码错误次数过多，本次表决的线上投票已锁定，请联系业委会核实身份',
    GOVERNANCE_NOTICE_TOO_SHORT:
      '会议通知须在投票开始前至少 {days} 天发布；按现在发布，投票最早可于 {earliest} 开始',
    GOVERNANCE_TOPIC_AFTER_NOTICE: '议题“{title}”在会议通知发布之后才加入，不能开始投票',
    GOVERNANCE_RECORD_DATE_AHEAD: '登记日 {recordDate} 尚未结束，次日起才能冻结业主名册',
    GOVERNANCE_ROLL_NOT_FROZEN: '业主名册尚未冻结',
    GOVERNANCE_ROLL_ALREADY_FROZEN: '业主名册已冻结，不能重新生成',
    GOVERNANCE_ROLL_UNITS_WITHOUT_OWNERS:
      '{count} 套已售房屋在登记日没有业主记录（如 {codes}），请先补全产权信息',
    GOVERNANCE_ROLL_EMPTY: '该小区在登记日没有可计入表决的专有部分',
    GOVERNANCE_NOT_IN_WINDOW: '不在投票时间内（{startsAt} 至 {endsAt}）',
    GOVERNANCE_WINDOW_NOT_OVER: '投票截止时间 {endsAt} 未到，不能结束投票',
    GOVERNANCE_NOT_ON_ROLL: '您不在本次表决的业主名册中',
    GOVERNANCE_UNIT_NOT_ON_ROLL: '该房屋不在本次表决的业主名册中',
    GOVERNANCE_NO_PHONE: '名册中的业主没有登记手机号，无法发送验证码，请联系物业或业委会',
    GOVERNANCE_CODE_INVALID: '验证码不正确或已过期，请重新获取',
    GOVERNANCE_UNKNOWN_TOPIC: '议题 {topicId} 不属于本次表决',
    GOVERNANCE_PROXY_CAP: '同一受托人最多代理 {cap} 名业主投票',
    GOVERNANCE_NOT_CLOSED: '投票结束后才能导出或查看结果',
    GOVERNANCE_INTEGRITY_BROKEN: '名册或表决记录与公布的哈希不符（{part}），不能计票，请核查数据库是否被改动',
    GOVERNANCE_CAST_CODE_SMS:
      '【美好物业】您正在参与“{title}”表决，验证码 {code}，10 分钟内有效。请勿告诉他人。',
  },
  'en-US': {
    GOVERNANCE_DECISION_NOT_FOUND: 'Decision not found',
    GOVERNANCE_TOPIC_NOT_FOUND: 'Topic not found',
    GOVERNANCE_INVALID_STATE: 'The decision is "{status}": cannot {action}',
    GOVERNANCE_TOPICS_LOCKED:
      'The notice is published: topics can no longer be added or removed (no vote on unannounced topics)',
    GOVERNANCE_NO_TOPICS: 'At least one topic is needed',
    GOVERNANCE_WINDOW_INVALID:
      'Voting must last {minDays}–{maxDays} days, and the record date cannot be after the voting start date',
    GOVERNANCE_NOTICE_DAYS_TOO_FEW:
      'The notice must come at least {days} days ahead (7 for temporary meetings, where the city allows it)',
    GOVERNANCE_CODE_TOO_MANY: 'Too many codes requested: try again in an hour',
    GOVERNANCE_CODE_LOCKED:
      'Too many wrong codes: online voting in this decision is locked for you; ask the committee to confirm your identity',
    GOVERNANCE_NOTICE_TOO_SHORT:
      'The notice must come at least {days} days before voting opens; published now, voting could open on {earliest} at the earliest',
    GOVERNANCE_TOPIC_AFTER_NOTICE: 'Topic "{title}" was added after the notice: voting cannot open',
    GOVERNANCE_RECORD_DATE_AHEAD:
      'The record date {recordDate} is not over yet: the roll can be frozen from the next day',
    GOVERNANCE_ROLL_NOT_FROZEN: 'The voter roll is not frozen yet',
    GOVERNANCE_ROLL_ALREADY_FROZEN: 'The voter roll is already frozen',
    GOVERNANCE_ROLL_UNITS_WITHOUT_OWNERS:
      '{count} sold units had no owner on the record date (e.g. {codes}); complete the ownership records first',
    GOVERNANCE_ROLL_EMPTY: 'The community had no countable units on the record date',
    GOVERNANCE_NOT_IN_WINDOW: 'Outside the voting window ({startsAt} to {endsAt})',
    GOVERNANCE_WINDOW_NOT_OVER: 'Voting runs until {endsAt}: it cannot be closed yet',
    GOVERNANCE_NOT_ON_ROLL: 'You are not on the voter roll of this decision',
    GOVERNANCE_UNIT_NOT_ON_ROLL: 'This unit is not on the voter roll of this decision',
    GOVERNANCE_NO_PHONE: 'No phone number is on record for you: ask the management office or the committee',
    GOVERNANCE_CODE_INVALID: 'The code is wrong or expired: request a new one',
    GOVERNANCE_UNKNOWN_TOPIC: 'Topic {topicId} is not part of this decision',
    GOVERNANCE_PROXY_CAP: 'One proxy may vote for at most {cap} owners',
    GOVERNANCE_NOT_CLOSED: 'Results and the export are available once voting has closed',
    GOVERNANCE_INTEGRITY_BROKEN:
      'The roll or the ballot records no longer match their published hashes ({part}): no count until the database is checked',
    GOVERNANCE_CAST_CODE_SMS:
      '[Meihao] Your code to vote on "{title}" is {code}, valid for 10 minutes. Do not share it.',
  },
})
