import { Tag } from 'antd'
import {
  type CompletenessStatus,
  type DisclosureStatus,
  EMERGENCY_CATEGORIES,
  type EmergencyCategory,
  type FundProjectStatus,
  type RevenueKind,
} from '../../api/disclosure'
import { useI18n } from '../../i18n/I18nProvider'

const STATUS_COLOR: Record<DisclosureStatus, string> = {
  draft: 'gold',
  published: 'green',
  superseded: 'default',
}
const COMPLETENESS_COLOR: Record<CompletenessStatus, string> = {
  ok: 'green',
  pending: 'blue',
  overdue: 'red',
  missing: 'volcano',
  not_due: 'default',
}
const KIND_COLOR: Record<RevenueKind, string> = {
  income: 'green',
  cost: 'orange',
  to_fund: 'blue',
  use: 'purple',
}
const PROJECT_COLOR: Record<FundProjectStatus, string> = {
  planned: 'gold',
  settled: 'green',
  cancelled: 'default',
}

export function DisclosureStatusTag({ status }: { status: DisclosureStatus }) {
  const { t } = useI18n()
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="disclosure-status" data-status={status}>
      {t(`disclosureStatus.${status}`)}
    </Tag>
  )
}

export function CompletenessTag({ status }: { status: CompletenessStatus }) {
  const { t } = useI18n()
  return (
    <Tag color={COMPLETENESS_COLOR[status]} data-testid="completeness-status" data-status={status}>
      {t(`completenessStatus.${status}`)}
    </Tag>
  )
}

export function RevenueKindTag({ kind, reversal }: { kind: RevenueKind; reversal: boolean }) {
  const { t } = useI18n()
  return (
    <Tag color={reversal ? 'default' : KIND_COLOR[kind]} data-kind={kind}>
      {reversal ? t('revenue.reversalOf', { kind: t(`revenueKind.${kind}`) }) : t(`revenueKind.${kind}`)}
    </Tag>
  )
}

export function ProjectStatusTag({ status }: { status: FundProjectStatus }) {
  const { t } = useI18n()
  return (
    <Tag color={PROJECT_COLOR[status]} data-testid="fund-project-status" data-status={status}>
      {t(`fundProjectStatus.${status}`)}
    </Tag>
  )
}

/** The 30% line: a sub-account below it is to be topped up (续筹). */
export function TopUpTag({ needsTopUp }: { needsTopUp: boolean }) {
  const { t } = useI18n()
  return needsTopUp ? (
    <Tag color="red" data-testid="fund-top-up-flag">
      {t('fund.needsTopUp')}
    </Tag>
  ) : null
}

const isEmergencyCategory = (value: string): value is EmergencyCategory =>
  (EMERGENCY_CATEGORIES as readonly string[]).includes(value)

/** How a fund project was approved: by the owners' decision, or as an emergency of a listed kind. */
export function ApprovalText({ emergencyCategory }: { emergencyCategory: string | null }) {
  const { t } = useI18n()
  if (!emergencyCategory) return <>{t('fund.byDecision')}</>
  const category = isEmergencyCategory(emergencyCategory)
    ? t(`emergencyCategory.${emergencyCategory}`)
    : emergencyCategory
  return <Tag color="orange">{t('fund.emergencyWith', { category })}</Tag>
}
