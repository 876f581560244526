import { DownloadOutlined, NotificationOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons'
import { AGING_BUCKETS, type ArrearsAccount, type DunningCampaign } from '@meihao/contracts'
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Input,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd'
import { type HTMLAttributes, useState } from 'react'
import { Link } from 'react-router-dom'
import { caseFileUrl, dunningNoticesUrl, getArrearsSummary, listArrears, listDunning } from '../api/billing'
import { ArrearsReasons } from '../components/billing/ArrearsReasons'
import { Money } from '../components/billing/BillingTags'
import { DunningDrawer, LawfulCollectionNote } from '../components/billing/DunningDrawer'
import { openInNewTab } from '../components/billing/openInNewTab'
import { useBillingParams, useOnlyCommunity } from '../components/billing/useBillingParams'
import { CommunitySelect } from '../components/CommunitySelect'
import { ErrorAlert } from '../components/ErrorAlert'
import { LoadMore } from '../components/LoadMore'
import { useAsync } from '../hooks/useAsync'
import { useCursorList } from '../hooks/useCursorList'
import { formatDateTime, formatFen, yuanToFen } from '../i18n/format'
import { useI18n } from '../i18n/I18nProvider'
import { useSession } from '../session/SessionProvider'

/**
 * 欠费: a community's arrears — totals aged by days past due, each unit's account with the reasons it does
 * not pay, its case file for litigation or arbitration, and 催缴 campaigns with their printable notices.
 * Collecting never touches water, power, heat, gas, access or lifts (民法典第944条).
 */
export function BillingArrearsPage() {
  const { t, lang } = useI18n()
  const { can } = useSession()
  const { message } = App.useApp()
  const { params, communityId, update } = useBillingParams()
  useOnlyCommunity(communityId, (id) => update({ community: id }))
  const minParam = params.get('min')
  const minFen = yuanToFen(minParam)
  const [minText, setMinText] = useState(minParam ?? '')
  const [dunning, setDunning] = useState(false)
  const manage = can('billing.arrears')
  const canSeeUnits = can('estate.read')

  const enabled = communityId !== null
  const summary = useAsync(() => getArrearsSummary(communityId!), [communityId], enabled)
  const accounts = useCursorList(
    (cursor) => listArrears({ communityId: communityId!, minFen, cursor }),
    [communityId, minFen],
    enabled,
  )
  const campaigns = useAsync(() => listDunning(communityId!), [communityId], enabled)

  const reload = () => {
    summary.reload()
    accounts.reload()
    campaigns.reload()
  }

  const columns: TableColumnsType<ArrearsAccount> = [
    {
      title: t('bill.unit'),
      key: 'unit',
      fixed: 'left',
      render: (_, a) => (
        <Flex vertical>
          {canSeeUnits ? <Link to={`/units/${a.unitId}`}>{a.unitCode}</Link> : a.unitCode}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {a.buildingName}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('arrears.owner'), dataIndex: 'ownerName', render: (_, a) => a.ownerName ?? '—' },
    {
      title: t('arrears.open'),
      dataIndex: 'openFen',
      align: 'right',
      render: (_, a) => <Money fen={a.openFen} strong testId="arrears-open" />,
    },
    { title: t('arrears.bills'), dataIndex: 'bills', align: 'right' },
    { title: t('arrears.oldest'), dataIndex: 'oldestPeriod' },
    ...AGING_BUCKETS.map((bucket) => ({
      title: t(`agingBucket.${bucket}`),
      key: bucket,
      align: 'right' as const,
      render: (_: unknown, a: ArrearsAccount) =>
        a.buckets[bucket] > 0 ? <Money fen={a.buckets[bucket]} /> : '—',
    })),
    {
      title: t('arrears.reasons'),
      key: 'reasons',
      render: (_, a) => (
        <ArrearsReasons
          account={a}
          editable={manage}
          onChange={(tags) => {
            accounts.replace(
              { ...a, reasons: tags.tags.map((x) => x.reason) },
              (x, y) => x.unitId === y.unitId,
            )
            summary.reload()
          }}
        />
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, a) => (
        <Space size={8}>
          <Link
            to={`/billing/bills?community=${communityId}&unit=${a.unitId}&status=open`}
            data-testid="arrears-bills-link"
          >
            {t('arrears.viewBills')}
          </Link>
          {manage ? (
            <Button
              type="link"
              size="small"
              icon={<DownloadOutlined />}
              href={caseFileUrl(a.unitId)}
              download
              data-testid="arrears-case-file"
            >
              {t('arrears.caseFile')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ]

  const campaignColumns: TableColumnsType<DunningCampaign> = [
    {
      title: t('dunning.createdAt'),
      dataIndex: 'createdAt',
      render: (_, c) => formatDateTime(lang, c.createdAt),
    },
    { title: t('dunning.createdBy'), dataIndex: 'createdBy' },
    {
      title: t('dunning.minAmount'),
      dataIndex: 'minFen',
      align: 'right',
      render: (_, c) => <Money fen={c.minFen} />,
    },
    {
      title: t('dunning.channels'),
      dataIndex: 'channels',
      render: (_, c) => (
        <Space size={[0, 4]} wrap>
          {c.channels.map((ch) => (
            <Tag key={ch}>{t(`dunningChannel.${ch}`)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('dunning.payWithinDays'),
      dataIndex: 'payWithinDays',
      align: 'right',
      render: (_, c) => t('dunning.days', { days: c.payWithinDays }),
    },
    { title: t('dunning.units'), dataIndex: 'units', align: 'right' },
    {
      title: t('dunning.total'),
      dataIndex: 'totalFen',
      align: 'right',
      render: (_, c) => <Money fen={c.totalFen} />,
    },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, c: DunningCampaign) => (
              <Button
                type="link"
                size="small"
                icon={<PrinterOutlined />}
                onClick={() => openInNewTab(dunningNoticesUrl(c.id))}
                data-testid="dunning-notices"
              >
                {t('dunning.notices')}
              </Button>
            ),
          },
        ]
      : []),
  ]

  const s = summary.data
  return (
    <Card
      title={t('menu.billingArrears')}
      data-testid="billing-arrears-page"
      extra={
        <Flex gap={8}>
          <Button
            icon={<ReloadOutlined />}
            onClick={reload}
            disabled={!enabled}
            data-testid="arrears-refresh"
          >
            {t('desk.refresh')}
          </Button>
          {manage ? (
            <Button
              type="primary"
              icon={<NotificationOutlined />}
              disabled={!enabled}
              onClick={() => setDunning(true)}
              data-testid="arrears-dunning"
            >
              {t('dunning.start')}
            </Button>
          ) : null}
        </Flex>
      }
    >
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <CommunitySelect
          value={communityId}
          onChange={(id) => update({ community: id })}
          testId="arrears-community"
          style={{ width: 260 }}
        />
        <Input.Search
          allowClear
          prefix="¥"
          value={minText}
          onChange={(e) => setMinText(e.target.value)}
          onSearch={(value) => {
            const trimmed = value.trim()
            if (trimmed && yuanToFen(trimmed) === null) {
              message.error(t('counter.amountInvalid'))
              return
            }
            update({ min: trimmed || null })
          }}
          enterButton={t('arrears.filter')}
          placeholder={t('arrears.minPlaceholder')}
          style={{ width: 280 }}
          data-testid="arrears-min"
        />
      </Flex>
      <LawfulCollectionNote style={{ marginBottom: 16 }} />
      {communityId === null ? <Empty description={t('billing.pickCommunity')} /> : null}
      {enabled ? (
        <Flex vertical gap={16}>
          <ErrorAlert error={summary.error} onRetry={summary.reload} />
          {summary.loading && !s ? <Skeleton active paragraph={{ rows: 2 }} /> : null}
          {s ? (
            <>
              <Row gutter={[12, 12]} data-testid="arrears-summary">
                <Col xs={12} md={6} xl={4}>
                  <Card size="small" style={{ height: '100%' }}>
                    <Statistic
                      title={t('arrears.total')}
                      value={formatFen(s.openFen)}
                      data-testid="arrears-total"
                    />
                  </Card>
                </Col>
                <Col xs={12} md={6} xl={4}>
                  <Card size="small" style={{ height: '100%' }}>
                    <Statistic
                      title={t('arrears.accounts')}
                      value={s.accounts}
                      data-testid="arrears-accounts"
                    />
                  </Card>
                </Col>
                {AGING_BUCKETS.map((bucket) => (
                  <Col key={bucket} xs={12} md={6} xl={3}>
                    <Card size="small" style={{ height: '100%' }}>
                      <Statistic
                        title={t(`agingBucket.${bucket}`)}
                        value={formatFen(s.buckets[bucket])}
                        styles={{ content: { fontSize: 18 } }}
                        data-testid={`arrears-bucket-${bucket}`}
                      />
                    </Card>
                  </Col>
                ))}
              </Row>
              <Flex gap={8} wrap align="center">
                <Typography.Text type="secondary">{t('arrears.asOf', { date: s.asOf })}</Typography.Text>
                {s.byReason
                  .filter((r) => r.accounts > 0)
                  .map((r) => (
                    <Tag key={r.reason} data-testid={`arrears-by-reason-${r.reason}`}>
                      {t('arrears.byReason', {
                        reason: t(`arrearsReason.${r.reason}`),
                        accounts: r.accounts,
                        amount: formatFen(r.openFen),
                      })}
                    </Tag>
                  ))}
              </Flex>
            </>
          ) : null}
          <ErrorAlert error={accounts.error} onRetry={accounts.reload} />
          <div>
            <Table<ArrearsAccount>
              rowKey="unitId"
              size="small"
              columns={columns}
              dataSource={accounts.items}
              loading={accounts.loading}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('arrears.empty') }}
              data-testid="arrears-table"
              onRow={(a) =>
                ({
                  'data-testid': `arrears-row-${a.unitCode}`,
                  'data-unit-id': a.unitId,
                }) as HTMLAttributes<HTMLElement>
              }
            />
            <LoadMore
              hasMore={accounts.hasMore}
              loading={accounts.loadingMore}
              onClick={accounts.loadMore}
              testId="arrears-load-more"
            />
          </div>
          <Card size="small" title={t('dunning.campaigns')}>
            <ErrorAlert error={campaigns.error} onRetry={campaigns.reload} />
            <Table<DunningCampaign>
              rowKey="id"
              size="small"
              columns={campaignColumns}
              dataSource={campaigns.data ?? []}
              loading={campaigns.loading}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('dunning.empty') }}
              data-testid="dunning-table"
            />
          </Card>
        </Flex>
      ) : null}
      <DunningDrawer
        open={dunning}
        communityId={communityId}
        onClose={() => setDunning(false)}
        onCreated={(campaign) => {
          setDunning(false)
          message.success(
            t('dunning.created', { units: campaign.units, amount: formatFen(campaign.totalFen) }),
          )
          campaigns.reload()
        }}
      />
    </Card>
  )
}
