import { PrinterOutlined } from '@ant-design/icons'
import { type Bill, COUNTER_CHANNELS, type Payment, type Unit } from '@meihao/contracts'
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  Radio,
  Result,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Typography,
  theme,
} from 'antd'
import { type HTMLAttributes, useEffect, useState } from 'react'
import { Link } from 'react-router-dom'
import { type CounterChannel, currentShift, getUnitAccount, takePayment } from '../api/billing'
import { Money } from '../components/billing/BillingTags'
import { fenToYuanInput, sumFen } from '../components/billing/billingValues'
import { CurrentShiftCard } from '../components/billing/CurrentShiftCard'
import { printReceipt } from '../components/billing/openInNewTab'
import { useBillingParams, useOnlyCommunity } from '../components/billing/useBillingParams'
import { CommunitySelect } from '../components/CommunitySelect'
import { ErrorAlert } from '../components/ErrorAlert'
import { useIdempotencyKey } from '../components/tickets/idempotency'
import { UnitSearchSelect } from '../components/tickets/UnitSearchSelect'
import { useAction } from '../hooks/useAction'
import { useAsync } from '../hooks/useAsync'
import { formatFen, yuanToFen } from '../i18n/format'
import { useI18n } from '../i18n/I18nProvider'

/** At most this much in one payment at the counter (¥10,000,000.00). */
const MAX_PAYMENT_FEN = 1_000_000_000

interface PayValues {
  channel: CounterChannel
  /** Yuan as typed; read into integer fen. */
  amount: string
  note?: string
}

/**
 * 收银台: the cashier finds a unit, sees its open bills, prepaid balance and deposits, chooses the bills to
 * pay and takes the money in cash, by card or bank transfer; the receipt number is shown with 打印收据. The
 * shift's totals by channel stay on the side, with 交班.
 */
export function BillingCounterPage() {
  const { t } = useI18n()
  const { token } = theme.useToken()
  const { communityId, update } = useBillingParams()
  const shift = useAsync(currentShift, [])
  const shiftCommunity = shift.data?.communityId ?? null
  // The open shift decides the community (payments elsewhere are refused until it is closed).
  useEffect(() => {
    if (shiftCommunity && !communityId) update({ community: shiftCommunity })
  }, [shiftCommunity, communityId, update])
  useOnlyCommunity(communityId, (id) => {
    if (!shiftCommunity) update({ community: id })
  })

  const [unit, setUnit] = useState<Unit | null>(null)
  const unitId = unit?.id ?? null
  const account = useAsync(() => getUnitAccount(unitId!), [unitId], unitId !== null)
  const [selected, setSelected] = useState<string[]>([])
  const [paid, setPaid] = useState<Payment | null>(null)
  const paying = useAction()
  const idempotency = useIdempotencyKey()
  const [form] = Form.useForm<PayValues>()

  const bills = account.data?.openBills ?? []
  const chosen = bills.filter((b) => selected.includes(b.id))
  const chosenFen = sumFen(chosen.map((b) => b.openFen))
  const amountText = Form.useWatch('amount', form)
  const amountFen = yuanToFen(amountText)

  // A new account: every open bill is chosen and the amount is their total.
  useEffect(() => {
    const open = account.data?.openBills
    if (!open) return
    setSelected(open.map((b) => b.id))
    form.setFieldValue('amount', open.length > 0 ? fenToYuanInput(sumFen(open.map((b) => b.openFen))) : '')
  }, [account.data, form])

  const choose = (ids: string[]) => {
    setSelected(ids)
    const fen = sumFen(bills.filter((b) => ids.includes(b.id)).map((b) => b.openFen))
    form.setFieldValue('amount', fen > 0 ? fenToYuanInput(fen) : '')
  }

  const pickUnit = (next: Unit | null) => {
    setUnit(next)
    setPaid(null)
    paying.setError(null)
  }

  const pay = (values: PayValues) =>
    paying.run(async () => {
      if (!unitId) return
      const note = values.note?.trim()
      const input = {
        unitId,
        channel: values.channel,
        amountFen: yuanToFen(values.amount)!,
        ...(selected.length > 0 ? { billIds: selected } : {}),
        ...(note ? { note } : {}),
      }
      const payment = await takePayment(input, idempotency.keyFor(input))
      idempotency.reset()
      setPaid(payment)
      account.reload()
      shift.reload()
    })

  const columns: TableColumnsType<Bill> = [
    { title: t('bill.item'), dataIndex: 'feeItemName' },
    {
      title: t('bill.period'),
      key: 'period',
      render: (_, b) => (b.periodStart === b.periodEnd ? b.periodStart : `${b.periodStart} ~ ${b.periodEnd}`),
    },
    { title: t('bill.payer'), dataIndex: 'payer', render: (_, b) => t(`payer.${b.payer}`) },
    {
      title: t('bill.amount'),
      dataIndex: 'amountFen',
      align: 'right',
      render: (_, b) => <Money fen={b.amountFen} />,
    },
    {
      title: t('bill.paid'),
      dataIndex: 'paidFen',
      align: 'right',
      render: (_, b) => <Money fen={b.paidFen} />,
    },
    {
      title: t('bill.open'),
      dataIndex: 'openFen',
      align: 'right',
      render: (_, b) => <Money fen={b.openFen} strong />,
    },
    { title: t('bill.dueOn'), dataIndex: 'dueOn' },
    {
      title: t('bill.basis'),
      dataIndex: 'basis',
      render: (_, b) => (
        <Typography.Text type="secondary" ellipsis={{ tooltip: b.basis }} style={{ maxWidth: 220 }}>
          {b.basis}
        </Typography.Text>
      ),
    },
  ]

  const overFen = amountFen !== null && selected.length > 0 ? amountFen - chosenFen : 0
  const a = account.data
  return (
    <Row gutter={[16, 16]} data-testid="billing-counter-page">
      <Col xs={24} xl={16}>
        <Card title={t('menu.billingCounter')}>
          <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
            <CommunitySelect
              value={communityId}
              onChange={(id) => {
                pickUnit(null)
                update({ community: id })
              }}
              testId="billing-counter-community"
              style={{ width: 240 }}
            />
            <div style={{ flex: 1, minWidth: 260 }}>
              <UnitSearchSelect
                communityId={communityId}
                value={unitId}
                onChange={pickUnit}
                testId="billing-counter-unit"
              />
            </div>
          </Flex>
          {shiftCommunity && communityId && shiftCommunity !== communityId ? (
            <Alert
              type="warning"
              showIcon
              title={t('counter.otherCommunity')}
              style={{ marginBottom: 16 }}
              data-testid="billing-counter-other-community"
            />
          ) : null}
          {unitId === null ? <Empty description={t('counter.pickUnit')} /> : null}
          <ErrorAlert error={account.error} onRetry={account.reload} />
          {account.loading && !a ? <Skeleton active /> : null}
          {a ? (
            <Flex vertical gap={16} data-testid="billing-counter-account" data-unit-id={a.unitId}>
              <Row gutter={[12, 12]}>
                <Col xs={24} md={6}>
                  <Statistic
                    title={t('counter.unit')}
                    value={a.unitCode}
                    data-testid="billing-counter-unit-code"
                  />
                </Col>
                <Col xs={8} md={6}>
                  <Statistic
                    title={t('counter.openTotal')}
                    value={formatFen(a.openFen)}
                    styles={{ content: a.openFen > 0 ? { color: token.colorError } : undefined }}
                    data-testid="billing-counter-open"
                  />
                </Col>
                <Col xs={8} md={6}>
                  <Statistic
                    title={t('counter.prepaid')}
                    value={formatFen(a.prepaidFen)}
                    data-testid="billing-counter-prepaid"
                  />
                </Col>
                <Col xs={8} md={6}>
                  <Statistic
                    title={t('counter.deposit')}
                    value={formatFen(a.depositFen)}
                    data-testid="billing-counter-deposit"
                  />
                </Col>
              </Row>
              <Table<Bill>
                rowKey="id"
                size="small"
                columns={columns}
                dataSource={bills}
                pagination={false}
                scroll={{ x: 'max-content' }}
                rowSelection={{
                  selectedRowKeys: selected,
                  onChange: (keys) => choose(keys.map(String)),
                }}
                locale={{ emptyText: t('counter.noOpenBills') }}
                data-testid="billing-counter-bills"
                onRow={(b) =>
                  ({
                    'data-testid': 'billing-counter-bill',
                    'data-bill-id': b.id,
                    'data-period': b.periodStart,
                  }) as HTMLAttributes<HTMLElement>
                }
                summary={() =>
                  bills.length > 0 ? (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0} colSpan={6}>
                        {t('counter.chosen', { count: chosen.length, total: bills.length })}
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={1} colSpan={3} align="right">
                        <Money fen={chosenFen} strong testId="billing-counter-chosen-total" />
                      </Table.Summary.Cell>
                    </Table.Summary.Row>
                  ) : null
                }
              />
              {paid ? (
                <Result
                  status="success"
                  title={
                    <span>
                      {t('counter.paid', { amount: formatFen(paid.amountFen) })}{' '}
                      <Typography.Text code data-testid="billing-receipt-number">
                        {paid.receiptNumber}
                      </Typography.Text>
                    </span>
                  }
                  subTitle={
                    paid.prepaidFen > 0
                      ? t('counter.paidPrepaid', { amount: formatFen(paid.prepaidFen) })
                      : undefined
                  }
                  extra={[
                    <Button
                      key="print"
                      type="primary"
                      icon={<PrinterOutlined />}
                      onClick={() => printReceipt(paid.receiptId)}
                      data-testid="billing-receipt-print"
                    >
                      {t('receipt.print')}
                    </Button>,
                    <Link
                      key="detail"
                      to={`/billing/receipts/${paid.receiptId}`}
                      data-testid="billing-receipt-link"
                    >
                      {t('counter.receiptDetail')}
                    </Link>,
                    <Button key="next" onClick={() => pickUnit(null)} data-testid="billing-counter-next">
                      {t('counter.next')}
                    </Button>,
                  ]}
                  data-testid="billing-counter-result"
                />
              ) : null}
              <Form<PayValues>
                form={form}
                layout="vertical"
                initialValues={{ channel: 'cash', amount: '' }}
                onFinish={pay}
                onValuesChange={() => {
                  if (paid) setPaid(null)
                }}
                data-testid="billing-counter-form"
              >
                <ErrorAlert error={paying.error} />
                <Row gutter={12} align="bottom">
                  <Col xs={24} md={9}>
                    <Form.Item
                      name="channel"
                      label={t('counter.channel')}
                      rules={[{ required: true, message: t('counter.channelRequired') }]}
                    >
                      <Radio.Group
                        optionType="button"
                        buttonStyle="solid"
                        data-testid="billing-counter-channel"
                      >
                        {COUNTER_CHANNELS.map((c) => (
                          <Radio.Button key={c} value={c}>
                            <span data-testid={`billing-counter-channel-${c}`}>{t(`payChannel.${c}`)}</span>
                          </Radio.Button>
                        ))}
                      </Radio.Group>
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={7}>
                    <Form.Item
                      name="amount"
                      label={t('counter.amount')}
                      rules={[
                        { required: true, message: t('counter.amountRequired') },
                        {
                          validator: (_, value: string | undefined) => {
                            if (!value) return Promise.resolve()
                            const fen = yuanToFen(value)
                            return fen !== null && fen >= 1 && fen <= MAX_PAYMENT_FEN
                              ? Promise.resolve()
                              : Promise.reject(new Error(t('counter.amountInvalid')))
                          },
                        },
                      ]}
                    >
                      <Input
                        prefix="¥"
                        inputMode="decimal"
                        placeholder="0.00"
                        size="large"
                        data-testid="billing-counter-amount"
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name="note" label={t('counter.note')} rules={[{ max: 200 }]}>
                      <Input maxLength={200} data-testid="billing-counter-note" />
                    </Form.Item>
                  </Col>
                </Row>
                <Flex justify="space-between" align="center" gap={12} wrap>
                  <Typography.Text type="secondary" data-testid="billing-counter-hint">
                    {selected.length === 0
                      ? t('counter.allBillsHint')
                      : overFen > 0
                        ? t('counter.prepayHint', { amount: formatFen(overFen) })
                        : overFen < 0
                          ? t('counter.partialHint')
                          : t('counter.exactHint')}
                  </Typography.Text>
                  <Space>
                    <Button
                      type="primary"
                      size="large"
                      htmlType="submit"
                      loading={paying.busy}
                      data-testid="billing-counter-pay"
                    >
                      {amountFen
                        ? t('counter.payAmount', { amount: formatFen(amountFen) })
                        : t('counter.pay')}
                    </Button>
                  </Space>
                </Flex>
              </Form>
            </Flex>
          ) : null}
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <CurrentShiftCard shift={shift} communityId={communityId} />
      </Col>
    </Row>
  )
}
