import { AuditOutlined, CalculatorOutlined } from '@ant-design/icons'
import type { LateFeeAssessment, LateFeeLine } from '@meihao/contracts'
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Input,
  Popconfirm,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd'
import { useEffect, useState } from 'react'
import { assessLateFees, listFeeItems, previewLateFees } from '../../api/billing'
import { useAction } from '../../hooks/useAction'
import { useAsync } from '../../hooks/useAsync'
import { formatFen } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'
import { ErrorAlert } from '../ErrorAlert'
import { Money } from './BillingTags'
import { isMonth, lastMonth } from './billingValues'

/**
 * 违约金计提: a month's contractual late fees of the community, under one of its late-fee items. 预览
 * lists each overdue bill's figures without writing; 计提 charges them once (one late-fee bill per unit).
 */
export function LateFeeCard({ communityId, mayRun }: { communityId: string; mayRun: boolean }) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const items = useAsync(() => listFeeItems(communityId), [communityId])
  const lateFeeItems = (items.data ?? []).filter((i) => i.kind === 'late_fee')
  const [itemId, setItemId] = useState<string | null>(null)
  const [month, setMonth] = useState(lastMonth())
  const [result, setResult] = useState<LateFeeAssessment | null>(null)
  const previewing = useAction()
  const assessing = useAction()
  const chosen = itemId ?? lateFeeItems[0]?.id ?? null

  // Another community, item or month: the figures shown belong to the old one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on new inputs only
  useEffect(() => {
    setResult(null)
    previewing.setError(null)
    assessing.setError(null)
  }, [communityId, chosen, month])

  const input = () => ({ communityId, feeItemId: chosen!, period: month })
  const doPreview = () => previewing.run(async () => setResult(await previewLateFees(input())))
  const doAssess = () =>
    assessing.run(async () => {
      const done = await assessLateFees(input())
      setResult(done)
      message.success(t('lateFee.done', { units: done.units, total: formatFen(done.totalFen) }))
    })

  const columns: TableColumnsType<LateFeeLine> = [
    { title: t('lateFee.unit'), dataIndex: 'unitCode' },
    { title: t('lateFee.bill'), key: 'bill', render: (_, l) => `${l.feeItemName} ${l.billPeriod}` },
    { title: t('lateFee.dueOn'), dataIndex: 'dueOn' },
    { title: t('lateFee.days'), dataIndex: 'days', align: 'right' },
    {
      title: t('lateFee.principal'),
      dataIndex: 'principalFen',
      align: 'right',
      render: (_, l) => <Money fen={l.principalFen} />,
    },
    {
      title: t('lateFee.fee'),
      dataIndex: 'feeFen',
      align: 'right',
      render: (_, l) => (
        <Flex gap={4} justify="end" align="center">
          {l.capped ? <Tag color="orange">{t('lateFee.capped')}</Tag> : null}
          <Money fen={l.feeFen} />
        </Flex>
      ),
    },
  ]

  return (
    <Card size="small" title={t('lateFee.title')} data-testid="late-fee-card">
      <Typography.Paragraph type="secondary">{t('lateFee.hint')}</Typography.Paragraph>
      <ErrorAlert error={items.error} onRetry={items.reload} />
      {items.data && lateFeeItems.length === 0 ? (
        <Alert type="info" showIcon title={t('lateFee.noItem')} />
      ) : (
        <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
          <Select
            value={chosen}
            onChange={setItemId}
            options={lateFeeItems.map((i) => ({ value: i.id, label: i.name }))}
            style={{ width: 200 }}
            aria-label={t('lateFee.item')}
            data-testid="late-fee-item"
          />
          <Input
            type="month"
            value={month}
            onChange={(e) => isMonth(e.target.value) && setMonth(e.target.value)}
            style={{ width: 170 }}
            aria-label={t('lateFee.month')}
            data-testid="late-fee-month"
          />
          <Button
            icon={<CalculatorOutlined />}
            disabled={!chosen}
            loading={previewing.busy}
            onClick={() => void doPreview()}
            data-testid="late-fee-preview"
          >
            {t('lateFee.preview')}
          </Button>
          {mayRun ? (
            <Popconfirm
              title={t('lateFee.assessConfirm', { month })}
              description={t('lateFee.assessConfirmHint')}
              okText={t('lateFee.assess')}
              cancelText={t('common.cancel')}
              okButtonProps={{ 'data-testid': 'late-fee-assess-confirm' }}
              onConfirm={() => doAssess()}
              disabled={!chosen}
            >
              <Button
                type="primary"
                icon={<AuditOutlined />}
                disabled={!chosen}
                loading={assessing.busy}
                data-testid="late-fee-assess"
              >
                {t('lateFee.assess')}
              </Button>
            </Popconfirm>
          ) : null}
        </Flex>
      )}
      <ErrorAlert error={previewing.error ?? assessing.error} />
      {result ? (
        <>
          <Alert
            type={result.committed ? 'success' : 'info'}
            showIcon
            title={t(result.committed ? 'lateFee.summaryDone' : 'lateFee.summaryPreview', {
              accruals: result.accruals,
              units: result.units,
              total: formatFen(result.totalFen),
              capped: result.capped,
            })}
            data-testid="late-fee-summary"
            style={{ marginBottom: 12 }}
          />
          <Table<LateFeeLine>
            rowKey="billId"
            size="small"
            columns={columns}
            dataSource={result.lines}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('lateFee.none') }}
            data-testid="late-fee-lines"
          />
          {result.accruals > result.lines.length ? (
            <Typography.Text type="secondary">
              {t('lateFee.moreLines', { shown: result.lines.length })}
            </Typography.Text>
          ) : null}
        </>
      ) : null}
    </Card>
  )
}
