import { AppError } from '../../platform/errors'
import { type Language, registerMessages, translate } from '../../platform/i18n/catalog'
import type { Refusal } from './ledger'

/**
 * Messages of refunds, reversals, the trial balance and the voucher export (BILLING_REFUND_… /
 * BILLING_REVERSAL_… / BILLING_JOURNAL_…), and of the two codes the ledger store throws for every money
 * movement (BILLING_LEDGER_REFUSED, BILLING_ALREADY_POSTED). A unit or community outside the caller's reach
 * answers with the estate's own not-found codes, like every other region.
 */
registerMessages({
  'zh-CN': {
    BILLING_LEDGER_REFUSED: '账务系统拒绝了这笔记账：{reason}',
    BILLING_ALREADY_POSTED: '这笔业务已经记过账，未重复记账',
    BILLING_REFUND_NOT_FOUND: '退款申请不存在',
    BILLING_REFUND_BILL_REQUIRED: '多收费用退款须选择对应的账单',
    BILLING_REFUND_BILL_NOT_ALLOWED: '只有多收费用退款才选择账单；预收款和押金退款不针对账单',
    BILLING_REFUND_BILL_NOT_FOUND: '账单不存在或不属于该房屋',
    BILLING_REFUND_EXCEEDS_PREPAID: '退款金额 {amount} 元超过该房屋当前的预收款余额 {balance} 元',
    BILLING_REFUND_EXCEEDS_DEPOSIT: '退款金额 {amount} 元超过该房屋当前的押金余额 {balance} 元',
    BILLING_REFUND_EXCEEDS_CHARGE: '退款金额 {amount} 元超过该账单当前的应收金额 {balance} 元',
    BILLING_REFUND_SAME_PERSON:
      '退款须由申请人以外的另一位同事审批（四眼原则）：您不能审批自己提交的退款申请',
    BILLING_REFUND_ALREADY_DECIDED: '该退款申请已被{status}，不能再次审批',
    BILLING_REFUND_USER_REQUIRED: '退款的申请和审批须由登录的员工本人操作，不能使用 API 密钥',
    BILLING_REFUND_STATUS_APPROVED: '批准',
    BILLING_REFUND_STATUS_REJECTED: '驳回',
    BILLING_JOURNAL_NOT_FOUND: '记账凭证不存在',
    BILLING_REVERSAL_BILL_BATCH:
      '开账批次的凭证涉及多户账单，不能整笔冲销；如某张账单金额有误，请对该账单办理多收费用退款（红字冲减）',
    BILLING_REVERSAL_NOT_UNIT: '该凭证不属于某一房屋，不能在这里冲销',
    BILLING_REVERSAL_OF_REVERSAL: '这是一张冲销凭证，不能再冲销；如需恢复原业务，请重新办理',
    BILLING_REVERSAL_ALREADY_REVERSED: '该凭证已经冲销过，不能重复冲销',
    BILLING_REVERSAL_OVERDRAWN:
      '冲销后该房屋的余额将为负（例如这笔收款存入的预收款已被抵扣或退还），请先冲销之后发生的相关业务',
    BILLING_REFUSAL_NO_KEY: '缺少业务编号',
    BILLING_REFUSAL_NO_LINES: '凭证没有分录',
    BILLING_REFUSAL_BAD_KIND: '未知的业务类型',
    BILLING_REFUSAL_UNKNOWN_ACCOUNT: '未知的会计科目',
    BILLING_REFUSAL_BAD_SUB_KEY: '辅助核算项目不正确',
    BILLING_REFUSAL_BAD_BILL: '分录与账单不符',
    BILLING_REFUSAL_BAD_AMOUNT: '金额须为非负整数（分）',
    BILLING_REFUSAL_BOTH_SIDES: '一条分录不能同时有借方和贷方',
    BILLING_REFUSAL_EMPTY_LINE: '分录金额为零',
    BILLING_REFUSAL_UNBALANCED: '借贷不平衡',
    BILLING_REFUSAL_UNKNOWN_TARGET: '要冲销的凭证不存在',
    BILLING_REFUSAL_ALREADY_REVERSED: '该凭证已经冲销过',
    BILLING_REFUSAL_REVERSES_REVERSAL: '冲销凭证不能再冲销',
    BILLING_REFUSAL_NOT_A_MIRROR: '冲销凭证与原凭证不对应',
    BILLING_REFUSAL_UNAPPROVED: '退款须经审批',
    BILLING_REFUSAL_OVERDRAWN: '余额不足，记账后余额将为负',
  },
  'en-US': {
    BILLING_LEDGER_REFUSED: 'The ledger refused this entry: {reason}',
    BILLING_ALREADY_POSTED: 'This transaction has already been posted; nothing was posted twice',
    BILLING_REFUND_NOT_FOUND: 'Refund request not found',
    BILLING_REFUND_BILL_REQUIRED: 'A refund of an overcharge must name its bill',
    BILLING_REFUND_BILL_NOT_ALLOWED:
      'Only a refund of an overcharge names a bill; prepaid and deposit refunds do not',
    BILLING_REFUND_BILL_NOT_FOUND: 'The bill does not exist or is not a bill of this unit',
    BILLING_REFUND_EXCEEDS_PREPAID:
      'The refund of {amount} yuan exceeds the unit’s prepaid balance of {balance} yuan',
    BILLING_REFUND_EXCEEDS_DEPOSIT:
      'The refund of {amount} yuan exceeds the unit’s deposit balance of {balance} yuan',
    BILLING_REFUND_EXCEEDS_CHARGE:
      'The refund of {amount} yuan exceeds the bill’s current charge of {balance} yuan',
    BILLING_REFUND_SAME_PERSON:
      'A refund must be approved by someone other than the person who requested it (four eyes): you cannot decide your own request',
    BILLING_REFUND_ALREADY_DECIDED: 'This refund request was already {status}; it cannot be decided again',
    BILLING_REFUND_USER_REQUIRED: 'Refunds are requested and decided by signed-in staff, not by API keys',
    BILLING_REFUND_STATUS_APPROVED: 'approved',
    BILLING_REFUND_STATUS_REJECTED: 'rejected',
    BILLING_JOURNAL_NOT_FOUND: 'Journal not found',
    BILLING_REVERSAL_BILL_BATCH:
      'A billing batch journal covers many units’ bills and cannot be reversed as a whole; correct a wrong bill with an overcharge refund (credit note) instead',
    BILLING_REVERSAL_NOT_UNIT: 'This journal does not belong to one unit and cannot be reversed here',
    BILLING_REVERSAL_OF_REVERSAL:
      'This journal is itself a reversal and cannot be reversed; post the transaction again instead',
    BILLING_REVERSAL_ALREADY_REVERSED: 'This journal has already been reversed',
    BILLING_REVERSAL_OVERDRAWN:
      'Reversing this journal would leave a balance of the unit below zero (e.g. the prepayment it created was used or refunded); reverse the later transactions first',
    BILLING_REFUSAL_NO_KEY: 'the transaction has no key',
    BILLING_REFUSAL_NO_LINES: 'the journal has no lines',
    BILLING_REFUSAL_BAD_KIND: 'unknown kind of transaction',
    BILLING_REFUSAL_UNKNOWN_ACCOUNT: 'unknown account',
    BILLING_REFUSAL_BAD_SUB_KEY: 'wrong sub-ledger',
    BILLING_REFUSAL_BAD_BILL: 'a line does not fit its bill',
    BILLING_REFUSAL_BAD_AMOUNT: 'amounts must be whole fen, not negative',
    BILLING_REFUSAL_BOTH_SIDES: 'a line has both a debit and a credit',
    BILLING_REFUSAL_EMPTY_LINE: 'a line has no amount',
    BILLING_REFUSAL_UNBALANCED: 'debits and credits differ',
    BILLING_REFUSAL_UNKNOWN_TARGET: 'the journal to reverse does not exist',
    BILLING_REFUSAL_ALREADY_REVERSED: 'the journal was already reversed',
    BILLING_REFUSAL_REVERSES_REVERSAL: 'a reversal cannot be reversed',
    BILLING_REFUSAL_NOT_A_MIRROR: 'the reversal does not mirror the original',
    BILLING_REFUSAL_UNAPPROVED: 'a refund needs an approver',
    BILLING_REFUSAL_OVERDRAWN: 'a balance would fall below zero',
  },
})

/** The message code that says why post() refused, for the {reason} of BILLING_LEDGER_REFUSED. */
export const refusalCode = (reason: Refusal | string) => `BILLING_REFUSAL_${reason.toUpperCase()}`

/**
 * The ledger store's refusal with its reason in words ("余额不足…" rather than "overdrawn"); the machine
 * reason stays in `details`. Anything else is returned as it is.
 */
export function readableRefusal(error: unknown, lang: Language): unknown {
  if (!(error instanceof AppError) || error.code !== 'BILLING_LEDGER_REFUSED') return error
  const reason = String(error.params.reason ?? '')
  return new AppError(
    error.status,
    error.code,
    { reason: translate(lang, refusalCode(reason)) },
    error.details,
  )
}

/** The machine reason of a ledger refusal, or null when `error` is something else. */
export const refusalReason = (error: unknown): string | null =>
  error instanceof AppError && error.code === 'BILLING_LEDGER_REFUSED'
    ? String(error.params.reason ?? '')
    : null
