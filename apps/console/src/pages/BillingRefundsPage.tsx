import { PlusOutlined, ReloadOutlined } from '@ant-design/icons'
import type { Refund } from '@meihao/contracts'
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Typography,
} from 'antd'
import { type HTMLAttributes, useState } from 'react'
import { decideRefund, listRefunds, type RefundStatus } from '../api/billing'
import { Money, RefundStatusTag } from '../components/billing/BillingTags'
import { RefundDrawer } from '../components/billing/RefundDrawer'
import { useBillingParams, useOnlyCommunity } from '../components/billing/useBillingParams'
import { CommunitySelect } from '../components/CommunitySelect'
import { ErrorAlert } from '../components/ErrorAlert'
import { useIdempotencyKey } from '../components/tickets/idempotency'
import { useAction } from '../hooks/useAction'
import { useAsync } from '../hooks/useAsync'
import { formatDateTime, formatFen } from '../i18n/format'
import { useI18n } from '../i18n/I18nProvider'
import { useSession } from '../session/SessionProvider'

const TABS = ['requested', 'all', 'approved', 'rejected'] as const
type Tab = (typeof TABS)[number]
const isTab = (v: string | null): v is Tab => v !== null && (TABS as readonly string[]).includes(v)

const DECISION_FORM = 'refund-decision-form'

/** 审批 one refund: approve (posted to the ledger and paid back) or reject, with an optional note. */
function DecisionModal({
  decision,
  onClose,
  onDecided,
}: {
  decision: { refund: Refund; approve: boolean } | null
  onClose: () => void
  onDecided: (refund: Refund) => void
}) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const [form] = Form.useForm<{ note?: string }>()
  const { busy, error, setError, run } = useAction()
  const idempotency = useIdempotencyKey()
  const approve = decision?.approve ?? false

  const submit = ({ note }: { note?: string }) =>
    run(async () => {
      if (!decision) return
      const body = { approve, ...(note?.trim() ? { note: note.trim() } : {}) }
      const decided = await decideRefund(
        decision.refund.id,
        body,
        idempotency.keyFor([decision.refund.id, body]),
      )
      idempotency.reset()
      message.success(approve ? t('refund.approvedDone') : t('refund.rejectedDone'))
      onDecided(decided)
    })

  const r = decision?.refund
  return (
    <Modal
      open={decision !== null}
      title={approve ? t('refund.approveTitle') : t('refund.rejectTitle')}
      okText={approve ? t('refund.approve') : t('refund.reject')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{
        danger: !approve,
        htmlType: 'submit',
        form: DECISION_FORM,
        'data-testid': 'refund-decision-ok',
      }}
      afterClose={() => {
        setError(null)
        idempotency.reset()
        form.resetFields()
      }}
      data-testid="refund-decision-modal"
    >
      {r ? (
        <Alert
          type={approve ? 'info' : 'warning'}
          showIcon
          title={t('refund.decisionSummary', {
            unit: r.unitCode,
            kind: t(`refundKind.${r.kind}`),
            amount: formatFen(r.amountFen),
            channel: t(`payChannel.${r.channel}`),
          })}
          description={t('refund.reasonText', { reason: r.reason, name: r.requestedBy })}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <ErrorAlert error={error} />
      <Form<{ note?: string }> id={DECISION_FORM} form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="note" label={t('refund.note')} rules={[{ max: 200 }]}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 4 }}
            maxLength={200}
            data-testid="refund-decision-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/**
 * 退款: refund requests of a community (prepaid, deposit, overcharge) and their decisions. 申请退款 for
 * billing.refund; 批准/驳回 for billing.approve — by someone other than the one who asked (四眼原则).
 */
export function BillingRefundsPage() {
  const { t, lang } = useI18n()
  const { can } = useSession()
  const { message } = App.useApp()
  const { params, communityId, update } = useBillingParams()
  useOnlyCommunity(communityId, (id) => update({ community: id }))
  const tabParam = params.get('tab')
  const tab: Tab = isTab(tabParam) ? tabParam : 'requested'
  const status: RefundStatus | null = tab === 'all' ? null : tab
  const refunds = useAsync(
    () => listRefunds({ communityId, status }),
    [communityId, status],
    communityId !== null,
  )
  const [requesting, setRequesting] = useState(false)
  const [decision, setDecision] = useState<{ refund: Refund; approve: boolean } | null>(null)
  const mayApprove = can('billing.approve')

  const columns: TableColumnsType<Refund> = [
    {
      title: t('refund.requestedAt'),
      dataIndex: 'requestedAt',
      render: (_, r) => formatDateTime(lang, r.requestedAt),
    },
    { title: t('bill.unit'), dataIndex: 'unitCode' },
    { title: t('refund.kind'), dataIndex: 'kind', render: (_, r) => t(`refundKind.${r.kind}`) },
    {
      title: t('refund.amount'),
      dataIndex: 'amountFen',
      align: 'right',
      render: (_, r) => <Money fen={r.amountFen} strong />,
    },
    { title: t('refund.channel'), dataIndex: 'channel', render: (_, r) => t(`payChannel.${r.channel}`) },
    {
      title: t('refund.reason'),
      dataIndex: 'reason',
      render: (_, r) => (
        <Typography.Text ellipsis={{ tooltip: r.reason }} style={{ maxWidth: 220 }}>
          {r.reason}
        </Typography.Text>
      ),
    },
    { title: t('refund.requestedBy'), dataIndex: 'requestedBy' },
    {
      title: t('refund.status'),
      dataIndex: 'status',
      render: (_, r) => <RefundStatusTag status={r.status} />,
    },
    {
      title: t('refund.decidedBy'),
      key: 'decided',
      render: (_, r) =>
        r.decidedBy ? (
          <Flex vertical>
            <span>{r.decidedBy}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(lang, r.decidedAt)}
            </Typography.Text>
          </Flex>
        ) : (
          '—'
        ),
    },
    ...(mayApprove
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, r: Refund) =>
              r.status === 'requested' ? (
                <Space size={0}>
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setDecision({ refund: r, approve: true })}
                    data-testid="refund-approve"
                  >
                    {t('refund.approve')}
                  </Button>
                  <Button
                    type="link"
                    size="small"
                    danger
                    onClick={() => setDecision({ refund: r, approve: false })}
                    data-testid="refund-reject"
                  >
                    {t('refund.reject')}
                  </Button>
                </Space>
              ) : null,
          },
        ]
      : []),
  ]

  const tabLabel: Record<Tab, string> = {
    requested: t('refund.tab.requested'),
    all: t('refund.tab.all'),
    approved: t('refund.tab.approved'),
    rejected: t('refund.tab.rejected'),
  }

  return (
    <Card
      title={t('menu.billingRefunds')}
      data-testid="billing-refunds-page"
      extra={
        <Flex gap={8}>
          <Button
            icon={<ReloadOutlined />}
            onClick={refunds.reload}
            disabled={!communityId}
            data-testid="refunds-refresh"
          >
            {t('desk.refresh')}
          </Button>
          {can('billing.refund') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={!communityId}
              onClick={() => setRequesting(true)}
              data-testid="refund-request"
            >
              {t('refund.request')}
            </Button>
          ) : null}
        </Flex>
      }
    >
      <Flex gap={12} wrap align="center" style={{ marginBottom: 8 }}>
        <CommunitySelect
          value={communityId}
          onChange={(id) => update({ community: id })}
          testId="refunds-filter-community"
          style={{ width: 280 }}
        />
        <Typography.Text type="secondary">{t('refund.fourEyes')}</Typography.Text>
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(next) => update({ tab: next === 'requested' ? null : next })}
        items={TABS.map((k) => ({
          key: k,
          label: <span data-testid={`refund-tab-${k}`}>{tabLabel[k]}</span>,
        }))}
      />
      {communityId === null ? <Empty description={t('billing.pickCommunity')} /> : null}
      <ErrorAlert error={refunds.error} onRetry={refunds.reload} />
      {communityId ? (
        <Table<Refund>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={refunds.data ?? []}
          loading={refunds.loading}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('refund.empty') }}
          data-testid="refunds-table"
          onRow={(r) =>
            ({
              'data-testid': 'refund-row',
              'data-refund-id': r.id,
              'data-status': r.status,
            }) as HTMLAttributes<HTMLElement>
          }
        />
      ) : null}
      <RefundDrawer
        open={requesting}
        communityId={communityId}
        onClose={() => setRequesting(false)}
        onCreated={(refund) => {
          setRequesting(false)
          message.success(
            t('refund.requested', { amount: formatFen(refund.amountFen), unit: refund.unitCode }),
          )
          refunds.reload()
        }}
      />
      <DecisionModal
        decision={decision}
        onClose={() => setDecision(null)}
        onDecided={() => {
          setDecision(null)
          refunds.reload()
        }}
      />
    </Card>
  )
}
