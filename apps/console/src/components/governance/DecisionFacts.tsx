import type { Decision } from '@meihao/contracts'
import { Descriptions, type DescriptionsProps, Tag, Typography } from 'antd'
import { formatDateTime } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'

/** The meeting's settings and milestones as the server holds them. */
export function DecisionFacts({ decision: d }: { decision: Decision }) {
  const { t, lang } = useI18n()
  const yesNo = (value: boolean) =>
    value ? <Tag color="blue">{t('decision.yes')}</Tag> : <Tag>{t('decision.no')}</Tag>
  const items: DescriptionsProps['items'] = [
    { key: 'community', label: t('decision.community'), children: d.communityName },
    { key: 'convener', label: t('decision.convener'), children: t(`convener.${d.convener}`) },
    { key: 'form', label: t('decision.meetingForm'), children: t(`meetingForm.${d.meetingForm}`) },
    { key: 'temporary', label: t('decision.temporary'), children: yesNo(d.temporary) },
    {
      key: 'notice',
      label: t('decision.noticeMinDays'),
      children: t('decision.days', { days: d.noticeMinDays }),
    },
    { key: 'recordDate', label: t('decision.recordDate'), children: d.recordDate },
    {
      key: 'window',
      label: t('decision.votingWindow'),
      span: 'filled',
      children: t('decision.windowRange', {
        start: formatDateTime(lang, d.votingStartsAt),
        end: formatDateTime(lang, d.votingEndsAt),
      }),
    },
    { key: 'secret', label: t('decision.secretUntilClose'), children: yesNo(d.secretUntilClose) },
    { key: 'follow', label: t('decision.followMajorityShort'), children: yesNo(d.followMajority) },
    { key: 'proxyCap', label: t('decision.proxyCap'), children: d.proxyCap },
    {
      key: 'publish',
      label: t('decision.publishWithinDays'),
      children: t('decision.days', { days: d.publishWithinDays }),
    },
    { key: 'noticedAt', label: t('decision.noticedAt'), children: formatDateTime(lang, d.noticedAt) },
    { key: 'openedAt', label: t('decision.openedAt'), children: formatDateTime(lang, d.openedAt) },
    { key: 'closedAt', label: t('decision.closedAt'), children: formatDateTime(lang, d.closedAt) },
    {
      key: 'ballots',
      label: t('decision.ballotCount'),
      children: <span data-testid="decision-ballot-count">{d.ballotCount}</span>,
    },
    {
      key: 'chainHead',
      label: t('decision.chainHead'),
      span: 'filled',
      children: d.chainHead ? (
        <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
          {d.chainHead}
        </Typography.Text>
      ) : (
        '—'
      ),
    },
  ]
  return (
    <Descriptions items={items} column={{ xs: 1, sm: 2, lg: 3 }} size="small" data-testid="decision-facts" />
  )
}
