import { CalculatorOutlined, PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons'
import { BILLING_CYCLES, type BillingPreview, type BillingRun } from '@meihao/contracts'
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Input,
  Popconfirm,
  Progress,
  Radio,
  Row,
  Statistic,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd'
import { type HTMLAttributes, useEffect, useState } from 'react'
import { getRun, listRuns, previewRun, startRun } from '../api/billing'
import { Money, RunStatusTag } from '../components/billing/BillingTags'
import { isMonth, progressPercent, thisMonth } from '../components/billing/billingValues'
import { LateFeeCard } from '../components/billing/LateFeeCard'
import { useBillingParams, useOnlyCommunity } from '../components/billing/useBillingParams'
import { CommunitySelect } from '../components/CommunitySelect'
import { ErrorAlert } from '../components/ErrorAlert'
import { useAction } from '../hooks/useAction'
import { useAsync } from '../hooks/useAsync'
import { formatDateTime, formatFen } from '../i18n/format'
import { useI18n } from '../i18n/I18nProvider'
import { useSession } from '../session/SessionProvider'

type Cycle = (typeof BILLING_CYCLES)[number]
const isCycle = (v: string | null): v is Cycle =>
  v !== null && (BILLING_CYCLES as readonly string[]).includes(v)

/** How often a running run is asked for its progress. */
const POLL_MS = 1000

type PreviewItem = BillingPreview['byItem'][number]

/** The live progress of a run: units done of the total, bills created so far, the status. */
function RunProgress({ run }: { run: BillingRun }) {
  const { t } = useI18n()
  const percent = progressPercent(run.unitsDone, run.unitsTotal)
  return (
    <Card size="small" title={t('run.progressTitle', { period: run.period })} data-testid="billing-run-live">
      <Progress
        percent={run.status === 'completed' ? 100 : percent}
        status={run.status === 'failed' ? 'exception' : run.status === 'running' ? 'active' : 'success'}
        data-testid="billing-run-progress"
        data-status={run.status}
      />
      <Flex gap={16} wrap align="center">
        <RunStatusTag status={run.status} />
        <span data-testid="billing-run-units">
          {t('run.unitsProgress', { done: run.unitsDone, total: run.unitsTotal })}
        </span>
        <span data-testid="billing-run-bills">{t('run.billsCreated', { bills: run.billsCreated })}</span>
        <span>
          {t('run.total')} <Money fen={run.totalFen} strong />
        </span>
      </Flex>
      {run.error ? <Alert type="error" showIcon title={run.error} style={{ marginTop: 12 }} /> : null}
    </Card>
  )
}

/** What the run would bill: totals, owner/developer split, by item, and bills that exist already. */
function PreviewCard({ preview }: { preview: BillingPreview }) {
  const { t } = useI18n()
  const columns: TableColumnsType<PreviewItem> = [
    { title: t('run.item'), dataIndex: 'feeItemName' },
    { title: t('run.lines'), dataIndex: 'lines', align: 'right' },
    {
      title: t('run.amount'),
      dataIndex: 'totalFen',
      align: 'right',
      render: (_, i) => <Money fen={i.totalFen} />,
    },
  ]
  return (
    <Card
      size="small"
      title={t('run.previewTitle', { period: preview.period, cycle: t(`billingCycle.${preview.cycle}`) })}
      data-testid="billing-run-preview-result"
    >
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={4}>
          <Statistic title={t('run.units')} value={preview.units} data-testid="billing-preview-units" />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title={t('run.lines')} value={preview.lines} data-testid="billing-preview-lines" />
        </Col>
        <Col xs={12} md={4}>
          <Statistic
            title={t('run.total')}
            value={formatFen(preview.totalFen)}
            data-testid="billing-preview-total"
          />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title={t('run.ownerFen')} value={formatFen(preview.ownerFen)} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title={t('run.developerFen')} value={formatFen(preview.developerFen)} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic
            title={t('run.existingLines')}
            value={preview.existingLines}
            data-testid="billing-preview-existing"
          />
        </Col>
      </Row>
      {preview.existingLines > 0 ? (
        <Alert type="info" showIcon title={t('run.existingHint', { lines: preview.existingLines })} />
      ) : null}
      <Table<PreviewItem>
        rowKey="feeItemId"
        size="small"
        columns={columns}
        dataSource={preview.byItem}
        pagination={false}
        style={{ marginTop: 12 }}
        locale={{ emptyText: t('run.noItems') }}
        data-testid="billing-preview-items"
      />
    </Card>
  )
}

/**
 * 计费: bills a community for a period. 预览 shows what would be billed (nothing is written); 开始计费 starts
 * the run in the background and shows its progress, polled every second. A run is safe to start again: it
 * only adds bills that are missing.
 */
export function BillingRunsPage() {
  const { t, lang } = useI18n()
  const { can } = useSession()
  const { message } = App.useApp()
  const { params, communityId, update } = useBillingParams()
  useOnlyCommunity(communityId, (id) => update({ community: id }))
  const periodParam = params.get('period')
  const period = isMonth(periodParam) ? periodParam : thisMonth()
  const cycleParam = params.get('cycle')
  const cycle: Cycle = isCycle(cycleParam) ? cycleParam : 'monthly'

  const runs = useAsync(() => listRuns(communityId!), [communityId], communityId !== null)
  const [preview, setPreview] = useState<BillingPreview | null>(null)
  const [live, setLive] = useState<BillingRun | null>(null)
  const previewing = useAction()
  const starting = useAction()
  const [pollError, setPollError] = useState<unknown>(null)

  // Another community, period or cycle: the preview and the live run belong to the old one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on new inputs only
  useEffect(() => {
    setPreview(null)
    setLive(null)
    previewing.setError(null)
    starting.setError(null)
  }, [communityId, period, cycle])

  // A run still going when the page opens is followed like one just started.
  useEffect(() => {
    if (live) return
    const running = runs.data?.find((r) => r.status === 'running')
    if (running) setLive(running)
  }, [runs.data, live])

  const { reload: reloadRuns } = runs
  const liveId = live?.id
  const liveRunning = live?.status === 'running'
  // Each answer (or failure) schedules the next poll, a second later, while the run is running.
  const [tick, setTick] = useState(0)
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick re-arms the timer after each poll
  useEffect(() => {
    if (!liveId || !liveRunning) return
    let stopped = false
    const timer = setTimeout(async () => {
      try {
        const next = await getRun(liveId)
        if (stopped) return
        setPollError(null)
        setLive(next)
        setTick((n) => n + 1)
        if (next.status !== 'running') {
          // What the preview showed is billed now (or partly): it no longer describes the period.
          setPreview(null)
          reloadRuns()
          if (next.status === 'completed') message.success(t('run.completed', { bills: next.billsCreated }))
          else message.error(t('run.failed'))
        }
      } catch (e) {
        // A failed poll (network) is shown and tried again on the next tick.
        if (!stopped) {
          setPollError(e)
          setTick((n) => n + 1)
        }
      }
    }, POLL_MS)
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [liveId, liveRunning, tick, reloadRuns, message, t])

  const input = { communityId: communityId ?? '', period, cycle }
  const doPreview = () =>
    previewing.run(async () => {
      setPreview(await previewRun(input))
    })
  const doStart = () =>
    starting.run(async () => {
      const run = await startRun(input)
      setLive(run)
      message.info(t('run.started', { period: run.period }))
      reloadRuns()
    })

  const columns: TableColumnsType<BillingRun> = [
    { title: t('run.period'), dataIndex: 'period' },
    { title: t('fee.cycle'), dataIndex: 'cycle', render: (_, r) => t(`billingCycle.${r.cycle}`) },
    { title: t('run.status'), dataIndex: 'status', render: (_, r) => <RunStatusTag status={r.status} /> },
    {
      title: t('run.units'),
      key: 'units',
      align: 'right',
      render: (_, r) => t('run.unitsProgress', { done: r.unitsDone, total: r.unitsTotal }),
    },
    { title: t('run.bills'), dataIndex: 'billsCreated', align: 'right' },
    {
      title: t('run.total'),
      dataIndex: 'totalFen',
      align: 'right',
      render: (_, r) => <Money fen={r.totalFen} />,
    },
    {
      title: t('run.startedAt'),
      dataIndex: 'startedAt',
      render: (_, r) => formatDateTime(lang, r.startedAt),
    },
    {
      title: t('run.finishedAt'),
      dataIndex: 'finishedAt',
      render: (_, r) => (r.finishedAt ? formatDateTime(lang, r.finishedAt) : '—'),
    },
    {
      title: t('run.error'),
      dataIndex: 'error',
      render: (_, r) =>
        r.error ? (
          <Typography.Text type="danger" ellipsis={{ tooltip: r.error }} style={{ maxWidth: 240 }}>
            {r.error}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ]

  const mayRun = can('billing.run')
  return (
    <Card title={t('menu.billingRuns')} data-testid="billing-runs-page">
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <CommunitySelect
          value={communityId}
          onChange={(id) => update({ community: id })}
          testId="billing-run-community"
          style={{ width: 260 }}
        />
        <Input
          type="month"
          value={period}
          onChange={(e) => update({ period: isMonth(e.target.value) ? e.target.value : null })}
          style={{ width: 170 }}
          aria-label={t('run.period')}
          data-testid="billing-run-period"
        />
        <Radio.Group
          optionType="button"
          value={cycle}
          onChange={(e) => update({ cycle: e.target.value === 'monthly' ? null : e.target.value })}
          options={BILLING_CYCLES.map((c) => ({ value: c, label: t(`billingCycle.${c}`) }))}
          data-testid="billing-run-cycle"
        />
        {mayRun ? (
          <>
            <Button
              icon={<CalculatorOutlined />}
              disabled={!communityId}
              loading={previewing.busy}
              onClick={() => void doPreview()}
              data-testid="billing-run-preview"
            >
              {t('run.preview')}
            </Button>
            <Popconfirm
              title={t('run.startConfirm', { period, cycle: t(`billingCycle.${cycle}`) })}
              description={
                preview
                  ? t('run.startConfirmPreview', { lines: preview.lines, total: formatFen(preview.totalFen) })
                  : t('run.startConfirmHint')
              }
              okText={t('run.start')}
              cancelText={t('common.cancel')}
              okButtonProps={{ 'data-testid': 'billing-run-start-confirm' }}
              onConfirm={() => doStart()}
              disabled={!communityId || liveRunning}
            >
              <Button
                type="primary"
                icon={<PlayCircleOutlined />}
                disabled={!communityId || liveRunning}
                loading={starting.busy}
                data-testid="billing-run-start"
              >
                {t('run.start')}
              </Button>
            </Popconfirm>
          </>
        ) : null}
      </Flex>
      {communityId === null ? <Empty description={t('billing.pickCommunity')} /> : null}
      <ErrorAlert error={previewing.error ?? starting.error} />
      <ErrorAlert error={pollError} />
      {communityId ? (
        <Flex vertical gap={16}>
          {live ? <RunProgress run={live} /> : null}
          {preview ? <PreviewCard preview={preview} /> : null}
          <Card
            size="small"
            title={t('run.history')}
            extra={
              <Button
                type="text"
                icon={<ReloadOutlined />}
                onClick={runs.reload}
                aria-label={t('desk.refresh')}
                data-testid="billing-runs-reload"
              />
            }
          >
            <ErrorAlert error={runs.error} onRetry={runs.reload} />
            <Typography.Paragraph type="secondary">{t('run.historyHint')}</Typography.Paragraph>
            <Table<BillingRun>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={runs.data ?? []}
              loading={runs.loading}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('run.empty') }}
              data-testid="billing-runs-table"
              onRow={(r) =>
                ({
                  'data-testid': `billing-run-row-${r.period}-${r.cycle}`,
                  'data-status': r.status,
                }) as HTMLAttributes<HTMLElement>
              }
            />
          </Card>
          <LateFeeCard communityId={communityId} mayRun={mayRun} />
        </Flex>
      ) : null}
    </Card>
  )
}
