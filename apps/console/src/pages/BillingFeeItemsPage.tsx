import { PlusOutlined } from '@ant-design/icons'
import type { FeeItem, FeeStandard } from '@meihao/contracts'
import { App, Button, Card, Empty, Flex, Space, Table, type TableColumnsType, Tag, Typography } from 'antd'
import { type HTMLAttributes, useState } from 'react'
import { listFeeItems } from '../api/billing'
import { BillingSettingsCard } from '../components/billing/BillingSettingsCard'
import { bpToPercent, standardIn, standardsNewestFirst, thisMonth } from '../components/billing/billingValues'
import { FeeItemDrawer } from '../components/billing/FeeItemDrawer'
import { StandardDrawer } from '../components/billing/StandardDrawer'
import { useBillingParams, useOnlyCommunity } from '../components/billing/useBillingParams'
import { CommunitySelect } from '../components/CommunitySelect'
import { ErrorAlert } from '../components/ErrorAlert'
import { useAsync } from '../hooks/useAsync'
import { formatDateTime } from '../i18n/format'
import { useI18n } from '../i18n/I18nProvider'
import { useSession } from '../session/SessionProvider'

/** The rate as sent ("2.80"), never parsed to a float, with its unit. */
function RateText({ item, standard }: { item: FeeItem; standard: FeeStandard | null }) {
  const { t } = useI18n()
  if (!standard) return <Typography.Text type="secondary">{t('fee.noStandard')}</Typography.Text>
  return (
    <span style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="fee-item-rate">
      ¥{standard.rate} <Typography.Text type="secondary">{t(`rateUnitShort.${item.kind}`)}</Typography.Text>
    </span>
  )
}

/** The standards of one item, newest first: from which month, the rate, rounding and the vacancy rule. */
function StandardsHistory({ item }: { item: FeeItem }) {
  const { t, lang } = useI18n()
  const month = thisMonth()
  const inForce = standardIn(item, month)
  const columns: TableColumnsType<FeeStandard> = [
    {
      title: t('fee.effectiveFrom'),
      dataIndex: 'effectiveFrom',
      render: (_, s) => (
        <Space size={4}>
          {s.effectiveFrom}
          {s.id === inForce?.id ? <Tag color="green">{t('fee.inForce')}</Tag> : null}
          {s.effectiveFrom > month ? <Tag color="blue">{t('fee.upcoming')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('fee.rate'), key: 'rate', render: (_, s) => <RateText item={item} standard={s} /> },
    { title: t('fee.rounding'), dataIndex: 'rounding', render: (_, s) => t(`rounding.${s.rounding}`) },
    {
      title: t('fee.vacancy'),
      key: 'vacancy',
      render: (_, s) =>
        s.vacancy
          ? t('fee.vacancyRule', {
              months: s.vacancy.minVacantMonths,
              percent: bpToPercent(s.vacancy.payPercentBp),
            })
          : '—',
    },
    {
      title: t('fee.createdAt'),
      dataIndex: 'createdAt',
      render: (_, s) => formatDateTime(lang, s.createdAt),
    },
  ]
  return (
    <Table<FeeStandard>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={standardsNewestFirst(item)}
      pagination={false}
      locale={{ emptyText: t('fee.noStandard') }}
      data-testid={`fee-standards-${item.code}`}
    />
  )
}

/**
 * 收费标准: a community's fee items (物业服务费, 车位管理费, …) with the rate in force, their history of
 * standards, and the community's billing settings.
 */
export function BillingFeeItemsPage() {
  const { t } = useI18n()
  const { can } = useSession()
  const { message } = App.useApp()
  const { communityId, update } = useBillingParams()
  useOnlyCommunity(communityId, (id) => update({ community: id }))
  const items = useAsync(() => listFeeItems(communityId!), [communityId], communityId !== null)
  const [editing, setEditing] = useState<{ item: FeeItem | null } | null>(null)
  const [standardFor, setStandardFor] = useState<FeeItem | null>(null)
  const configure = can('billing.configure')
  const month = thisMonth()

  const columns: TableColumnsType<FeeItem> = [
    {
      title: t('fee.name'),
      dataIndex: 'name',
      render: (_, i) => (
        <Flex vertical>
          <Typography.Text delete={!i.active} type={i.active ? undefined : 'secondary'}>
            {i.name}
          </Typography.Text>
          <Typography.Text type="secondary" code style={{ fontSize: 12, width: 'fit-content' }}>
            {i.code}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('fee.kind'), dataIndex: 'kind', render: (_, i) => t(`feeKind.${i.kind}`) },
    { title: t('fee.cycle'), dataIndex: 'cycle', render: (_, i) => t(`billingCycle.${i.cycle}`) },
    {
      title: t('fee.areaBasis'),
      dataIndex: 'areaBasis',
      render: (_, i) => (i.kind === 'area' || i.kind === 'shared' ? t(`areaBasis.${i.areaBasis}`) : '—'),
    },
    {
      title: t('fee.currentRate'),
      key: 'rate',
      render: (_, i) => <RateText item={i} standard={standardIn(i, month)} />,
    },
    {
      title: t('fee.lateFee'),
      dataIndex: 'lateFee',
      render: (_, i) =>
        i.lateFee ? (
          <Tag color="orange" data-testid="fee-item-late-fee-on">
            {t('fee.lateFeeOn', { rate: i.lateFee.dailyRateBp })}
          </Tag>
        ) : (
          <Tag data-testid="fee-item-late-fee-off">{t('fee.lateFeeOff')}</Tag>
        ),
    },
    {
      title: t('fee.active'),
      dataIndex: 'active',
      render: (_, i) =>
        i.active ? <Tag color="green">{t('fee.activeOn')}</Tag> : <Tag>{t('fee.activeOff')}</Tag>,
    },
    { title: t('fee.sort'), dataIndex: 'sort', align: 'right' },
    ...(configure
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, i: FeeItem) => (
              <Space size={0} wrap>
                {/* A late fee comes from the other items' contract terms, never from a standard. */}
                {i.kind === 'late_fee' ? null : (
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setStandardFor(i)}
                    data-testid="fee-item-add-standard"
                  >
                    {t('fee.addStandard')}
                  </Button>
                )}
                <Button
                  type="link"
                  size="small"
                  onClick={() => setEditing({ item: i })}
                  data-testid="fee-item-edit"
                >
                  {t('common.edit')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ]

  return (
    <Card
      title={t('menu.billingFeeItems')}
      data-testid="billing-fee-items-page"
      extra={
        configure && communityId ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ item: null })}
            data-testid="fee-item-add"
          >
            {t('fee.add')}
          </Button>
        ) : null
      }
    >
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <CommunitySelect
          value={communityId}
          onChange={(id) => update({ community: id })}
          testId="fee-items-community"
          style={{ width: 280 }}
        />
        <Typography.Text type="secondary">{t('fee.hint')}</Typography.Text>
      </Flex>
      {communityId === null ? <Empty description={t('billing.pickCommunity')} /> : null}
      <ErrorAlert error={items.error} onRetry={items.reload} />
      {communityId ? (
        <Flex vertical gap={16}>
          <Table<FeeItem>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={items.data ?? []}
            loading={items.loading}
            pagination={false}
            scroll={{ x: 'max-content' }}
            expandable={{ expandedRowRender: (i) => <StandardsHistory item={i} /> }}
            locale={{ emptyText: t('fee.empty') }}
            data-testid="fee-items-table"
            onRow={(i) => ({ 'data-testid': `fee-item-row-${i.code}` }) as HTMLAttributes<HTMLElement>}
          />
          <BillingSettingsCard communityId={communityId} editable={configure} />
        </Flex>
      ) : null}
      <FeeItemDrawer
        open={editing !== null}
        communityId={communityId}
        item={editing?.item ?? null}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null)
          message.success(t('common.saved'))
          items.reload()
        }}
      />
      <StandardDrawer
        item={standardFor}
        onClose={() => setStandardFor(null)}
        onSaved={(s) => {
          setStandardFor(null)
          message.success(t('fee.standardAdded', { month: s.effectiveFrom }))
          items.reload()
        }}
      />
    </Card>
  )
}
