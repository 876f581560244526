import { FileExcelOutlined, FileTextOutlined, RollbackOutlined } from '@ant-design/icons'
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Skeleton,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd'
import { type HTMLAttributes, useState } from 'react'
import {
  getTrialBalance,
  type LedgerRange,
  reverseJournal,
  type TrialBalanceRow,
  voucherExportUrl,
} from '../api/billing'
import { Money } from '../components/billing/BillingTags'
import { firstOfYear, isDate } from '../components/billing/billingValues'
import { useBillingParams } from '../components/billing/useBillingParams'
import { CommunitySelect } from '../components/CommunitySelect'
import { ErrorAlert } from '../components/ErrorAlert'
import { useIdempotencyKey } from '../components/tickets/idempotency'
import { useAction } from '../hooks/useAction'
import { useAsync } from '../hooks/useAsync'
import { useI18n } from '../i18n/I18nProvider'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const REVERSAL_FORM = 'journal-reversal-form'

interface ReversalValues {
  journalId?: string
  reason?: string
}

/**
 * 冲销凭证: reverses a unit's journal posted by mistake (its ID is in the voucher export's 凭证ID column); a
 * payment's receipt is voided with it. Bill batches are never reversed whole.
 */
function ReversalModal({
  open,
  onClose,
  onDone,
}: {
  open: boolean
  onClose: () => void
  onDone: () => void
}) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const [form] = Form.useForm<ReversalValues>()
  const { busy, error, setError, run } = useAction()
  const idempotency = useIdempotencyKey()

  const submit = (values: ReversalValues) =>
    run(async () => {
      const journalId = values.journalId!.trim()
      const reason = values.reason!.trim()
      const result = await reverseJournal(journalId, reason, idempotency.keyFor([journalId, reason]))
      idempotency.reset()
      message.success(t('ledger.reversed', { id: result.journalId }))
      onDone()
    })

  return (
    <Modal
      open={open}
      title={t('ledger.reversalTitle')}
      okText={t('ledger.reverse')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{
        danger: true,
        htmlType: 'submit',
        form: REVERSAL_FORM,
        'data-testid': 'ledger-reversal-ok',
      }}
      afterClose={() => {
        setError(null)
        idempotency.reset()
        form.resetFields()
      }}
      data-testid="ledger-reversal-modal"
    >
      <Alert type="warning" showIcon title={t('ledger.reversalHint')} style={{ marginBottom: 16 }} />
      <ErrorAlert error={error} />
      <Form<ReversalValues> id={REVERSAL_FORM} form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="journalId"
          label={t('ledger.journalId')}
          rules={[
            { required: true, message: t('ledger.journalIdRequired') },
            { pattern: UUID, message: t('ledger.journalIdInvalid') },
          ]}
        >
          <Input maxLength={36} data-testid="ledger-reversal-journal" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('ledger.reason')}
          rules={[
            { required: true, whitespace: true, message: t('billing.reasonRequired') },
            { min: 2, max: 200, message: t('billing.reasonLength') },
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 4 }}
            maxLength={200}
            data-testid="ledger-reversal-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/**
 * 总账: the trial balance (debits, credits and balance per account) of a community, or the whole company,
 * for a date range, checked for 借贷平衡; the vouchers (记账凭证) of the range exported as CSV or Excel.
 */
export function BillingLedgerPage() {
  const { t } = useI18n()
  const { params, communityId, update } = useBillingParams()
  const fromParam = params.get('from')
  const toParam = params.get('to')
  // From the first of the year up to now, unless a range is chosen (an open end is "up to now" on the server,
  // in the community's time zone, whatever the browser's).
  const from = isDate(fromParam) ? fromParam : firstOfYear()
  const to = isDate(toParam) ? toParam : null
  const range: LedgerRange = { communityId, from, to }
  const ordered = to === null || from <= to
  const balance = useAsync(() => getTrialBalance(range), [communityId, from, to], ordered)
  const [reversing, setReversing] = useState(false)
  const tb = balance.data

  const columns: TableColumnsType<TrialBalanceRow> = [
    {
      title: t('ledger.code'),
      dataIndex: 'code',
      render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
    },
    { title: t('ledger.account'), dataIndex: 'name' },
    { title: t('ledger.kind'), dataIndex: 'kind', render: (_, r) => t(`accountKind.${r.kind}`) },
    {
      title: t('ledger.debit'),
      dataIndex: 'debitFen',
      align: 'right',
      render: (_, r) => <Money fen={r.debitFen} />,
    },
    {
      title: t('ledger.credit'),
      dataIndex: 'creditFen',
      align: 'right',
      render: (_, r) => <Money fen={r.creditFen} />,
    },
    {
      title: t('ledger.balance'),
      key: 'balance',
      align: 'right',
      render: (_, r) => (
        <Flex gap={6} justify="flex-end" align="center">
          <Tag style={{ marginInlineEnd: 0 }}>{t(`balanceSide.${r.balanceSide}`)}</Tag>
          <Money fen={r.balanceFen} strong />
        </Flex>
      ),
    },
  ]

  return (
    <Card
      title={t('menu.billingLedger')}
      data-testid="billing-ledger-page"
      extra={
        <Flex gap={8} wrap>
          <Button
            icon={<FileTextOutlined />}
            href={voucherExportUrl(range, 'csv')}
            download
            disabled={!ordered}
            data-testid="ledger-export-csv"
          >
            {t('ledger.exportCsv')}
          </Button>
          <Button
            icon={<FileExcelOutlined />}
            href={voucherExportUrl(range, 'xlsx')}
            download
            disabled={!ordered}
            data-testid="ledger-export-xlsx"
          >
            {t('ledger.exportXlsx')}
          </Button>
          <Button
            icon={<RollbackOutlined />}
            danger
            onClick={() => setReversing(true)}
            data-testid="ledger-reversal"
          >
            {t('ledger.reversalTitle')}
          </Button>
        </Flex>
      }
    >
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <CommunitySelect
          value={communityId}
          onChange={(id) => update({ community: id })}
          testId="ledger-community"
          style={{ width: 260 }}
        />
        <Input
          type="date"
          value={from}
          max={to ?? undefined}
          onChange={(e) => update({ from: isDate(e.target.value) ? e.target.value : null })}
          style={{ width: 170 }}
          aria-label={t('ledger.from')}
          data-testid="ledger-from"
        />
        <span>~</span>
        <Input
          type="date"
          value={to ?? ''}
          min={from}
          onChange={(e) => update({ to: isDate(e.target.value) ? e.target.value : null })}
          style={{ width: 170 }}
          aria-label={t('ledger.to')}
          data-testid="ledger-to"
        />
        <Typography.Text type="secondary">
          {communityId ? t('ledger.scopeCommunity') : t('ledger.scopeCompany')}
        </Typography.Text>
      </Flex>
      {!ordered ? (
        <Alert type="error" showIcon title={t('ledger.rangeInvalid')} style={{ marginBottom: 16 }} />
      ) : null}
      <ErrorAlert error={balance.error} onRetry={balance.reload} />
      {balance.loading && !tb ? <Skeleton active /> : null}
      {tb ? (
        <Flex vertical gap={12}>
          <Flex gap={8} align="center">
            {tb.balanced ? (
              <Tag color="green" data-testid="ledger-balanced" data-balanced="true">
                {t('ledger.balanced')}
              </Tag>
            ) : (
              <Tag color="red" data-testid="ledger-balanced" data-balanced="false">
                {t('ledger.unbalanced')}
              </Tag>
            )}
            <Typography.Text type="secondary">
              {t('ledger.rangeText', { from, to: to ?? t('ledger.now') })}
            </Typography.Text>
          </Flex>
          <Table<TrialBalanceRow>
            rowKey="code"
            size="small"
            columns={columns}
            dataSource={tb.rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('ledger.empty') }}
            data-testid="ledger-table"
            onRow={(r) => ({ 'data-testid': `ledger-row-${r.code}` }) as HTMLAttributes<HTMLElement>}
            summary={() => (
              <Table.Summary.Row data-testid="ledger-total">
                <Table.Summary.Cell index={0} colSpan={3}>
                  <Typography.Text strong>{t('ledger.total')}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  <Money fen={tb.totalDebitFen} strong testId="ledger-total-debit" />
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  <Money fen={tb.totalCreditFen} strong testId="ledger-total-credit" />
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} />
              </Table.Summary.Row>
            )}
          />
        </Flex>
      ) : null}
      <ReversalModal
        open={reversing}
        onClose={() => setReversing(false)}
        onDone={() => {
          setReversing(false)
          balance.reload()
        }}
      />
    </Card>
  )
}
