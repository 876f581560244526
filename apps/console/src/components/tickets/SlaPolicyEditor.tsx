import { PlusOutlined } from '@ant-design/icons'
import {
  SLA_CLOCKS,
  type SlaPolicy,
  type SlaPolicyInput,
  TICKET_PRIORITIES,
  type TicketPriority,
} from '@meihao/contracts'
import {
  Alert,
  App,
  Button,
  Col,
  Form,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd'
import { useState } from 'react'
import { cachedCommunities } from '../../api/estate'
import { cachedCategories, deleteSlaPolicy, listSlaPolicies, saveSlaPolicy } from '../../api/tickets'
import { useAction } from '../../hooks/useAction'
import { useAsync } from '../../hooks/useAsync'
import { useI18n } from '../../i18n/I18nProvider'
import { type CommunityScopeProps, CommunitySelect } from '../CommunitySelect'
import { ErrorAlert } from '../ErrorAlert'
import { CategorySelect } from './CategorySelect'
import { categoryPath } from './categoryTree'
import { PriorityTag } from './TicketTags'
import { formatDuration } from './ticketValues'

const FORM_ID = 'sla-policy-form'
const MAX_MINUTES = 60 * 24 * 60

interface PolicyValues {
  communityId?: string | null
  categoryId?: string | null
  priority?: TicketPriority
  responseMinutes?: number
  arrivalMinutes?: number | null
  resolutionMinutes?: number
  clockMode: 'calendar' | 'business'
}

const PRIORITY_RANK = Object.fromEntries(TICKET_PRIORITIES.map((p, i) => [p, i])) as Record<
  TicketPriority,
  number
>

/** Company defaults first, then by community, category and priority. */
const byKey = (a: SlaPolicy, b: SlaPolicy) =>
  Number(a.communityId !== null) - Number(b.communityId !== null) ||
  (a.communityId ?? '').localeCompare(b.communityId ?? '') ||
  Number(a.categoryId !== null) - Number(b.categoryId !== null) ||
  (a.categoryId ?? '').localeCompare(b.categoryId ?? '') ||
  PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority]

/**
 * 时限标准: the response, arrival and resolution targets per community × category × priority. A blank
 * community or category is the default for all; the most specific policy applies to a new ticket.
 */
export function SlaPolicyEditor({ communityId, onCommunityChange }: CommunityScopeProps) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const policies = useAsync(() => listSlaPolicies(communityId), [communityId])
  const communities = useAsync(cachedCommunities, [])
  const categories = useAsync(cachedCategories, [])
  const [editing, setEditing] = useState<SlaPolicy | 'new' | null>(null)
  const [form] = Form.useForm<PolicyValues>()
  const saving = useAction()
  const removing = useAction()

  const communityName = (id: string | null) =>
    id === null ? t('sla.allCommunities') : (communities.data?.find((c) => c.id === id)?.name ?? '…')
  const categoryName = (id: string | null) =>
    id === null ? t('sla.allCategories') : categoryPath(categories.data ?? [], id) || '…'
  const minutes = (value: number | null) => (value === null ? t('sla.noArrival') : formatDuration(t, value))

  const openEditor = (policy: SlaPolicy | 'new') => {
    setEditing(policy)
    form.resetFields()
    form.setFieldsValue(
      policy === 'new'
        ? { communityId, categoryId: null, priority: 'normal', clockMode: 'calendar', arrivalMinutes: null }
        : { ...policy },
    )
  }

  const submit = (v: PolicyValues) =>
    saving.run(async () => {
      const input: SlaPolicyInput = {
        communityId: v.communityId ?? null,
        categoryId: v.categoryId ?? null,
        priority: v.priority ?? 'normal',
        responseMinutes: v.responseMinutes ?? 1,
        arrivalMinutes: v.arrivalMinutes ?? null,
        resolutionMinutes: v.resolutionMinutes ?? 1,
        clockMode: v.clockMode,
      }
      await saveSlaPolicy(input)
      message.success(t('common.saved'))
      setEditing(null)
      policies.reload()
    })

  const remove = async (policy: SlaPolicy) => {
    const ok = await removing.run(() => deleteSlaPolicy(policy.id))
    if (ok) {
      message.success(t('sla.deleted'))
      policies.reload()
    }
  }

  const columns: TableColumnsType<SlaPolicy> = [
    { title: t('ticket.community'), key: 'community', render: (_, p) => communityName(p.communityId) },
    { title: t('ticket.category'), key: 'category', render: (_, p) => categoryName(p.categoryId) },
    {
      title: t('ticket.priority'),
      dataIndex: 'priority',
      render: (_, p) => <PriorityTag priority={p.priority} />,
    },
    {
      title: t('slaClock.response'),
      dataIndex: 'responseMinutes',
      render: (_, p) => minutes(p.responseMinutes),
    },
    {
      title: t('slaClock.arrival'),
      dataIndex: 'arrivalMinutes',
      render: (_, p) => minutes(p.arrivalMinutes),
    },
    {
      title: t('slaClock.resolution'),
      dataIndex: 'resolutionMinutes',
      render: (_, p) => minutes(p.resolutionMinutes),
    },
    { title: t('sla.clockMode'), dataIndex: 'clockMode', render: (_, p) => t(`clockMode.${p.clockMode}`) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, p) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => openEditor(p)} data-testid="sla-policy-edit">
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('sla.deleteConfirm')}
            okText={t('common.remove')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true, 'data-testid': 'sla-policy-delete-confirm' }}
            onConfirm={() => remove(p)}
          >
            <Button type="link" size="small" danger data-testid="sla-policy-delete">
              {t('common.remove')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ]

  const minuteRules = (required: boolean) => [
    { required, message: t('sla.minutesRequired') },
    {
      type: 'integer' as const,
      min: 1,
      max: MAX_MINUTES,
      message: t('sla.minutesRange', { max: MAX_MINUTES }),
    },
  ]
  const minuteExtra = (name: keyof PolicyValues) => (
    <Form.Item noStyle shouldUpdate={(a, b) => a[name] !== b[name]}>
      {({ getFieldValue }) => {
        const value = getFieldValue(name) as number | null | undefined
        return value ? formatDuration(t, value) : null
      }}
    </Form.Item>
  )
  const editingExisting = editing !== null && editing !== 'new'

  return (
    <div data-testid="sla-policy-editor">
      <Space style={{ marginBottom: 12 }} wrap>
        <CommunitySelect
          value={communityId}
          onChange={onCommunityChange}
          testId="sla-policy-community"
          style={{ width: 260 }}
        />
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => openEditor('new')}
          data-testid="sla-policy-add"
        >
          {t('sla.add')}
        </Button>
      </Space>
      <Alert type="info" showIcon title={t('sla.gradeHint')} style={{ marginBottom: 12 }} />
      <ErrorAlert error={policies.error ?? removing.error} onRetry={policies.reload} />
      <Table<SlaPolicy>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={[...(policies.data ?? [])].sort(byKey)}
        loading={policies.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('sla.empty') }}
        data-testid="sla-policy-table"
      />
      <Modal
        open={editing !== null}
        title={editingExisting ? t('sla.editTitle') : t('sla.add')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onCancel={() => setEditing(null)}
        confirmLoading={saving.busy}
        forceRender
        width={640}
        okButtonProps={{ htmlType: 'submit', form: FORM_ID, 'data-testid': 'sla-policy-ok' }}
        afterClose={() => saving.setError(null)}
      >
        <ErrorAlert error={saving.error} />
        {editingExisting ? (
          <Typography.Paragraph type="secondary">{t('sla.keyLocked')}</Typography.Paragraph>
        ) : null}
        <Form<PolicyValues> id={FORM_ID} form={form} layout="vertical" onFinish={submit}>
          {editingExisting ? (
            <>
              <Typography.Paragraph data-testid="sla-policy-form-key">
                {t('sla.keyOf', {
                  community: communityName(editing.communityId),
                  category: categoryName(editing.categoryId),
                })}
              </Typography.Paragraph>
              <Form.Item name="communityId" hidden>
                <Select />
              </Form.Item>
              <Form.Item name="categoryId" hidden>
                <Select />
              </Form.Item>
            </>
          ) : (
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item name="communityId" label={t('ticket.community')} extra={t('sla.blankMeansAll')}>
                  <CommunitySelect testId="sla-policy-form-community" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="categoryId" label={t('ticket.category')} extra={t('sla.blankMeansAll')}>
                  <CategorySelect
                    categories={categories.data ?? []}
                    placeholder={t('sla.allCategories')}
                    testId="sla-policy-form-category"
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
            </Row>
          )}
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="priority" label={t('ticket.priority')} rules={[{ required: true }]}>
                <Select<TicketPriority>
                  disabled={editingExisting}
                  options={TICKET_PRIORITIES.map((p) => ({ value: p, label: t(`ticketPriority.${p}`) }))}
                  data-testid="sla-policy-form-priority"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="clockMode" label={t('sla.clockMode')} tooltip={t('sla.clockModeHint')}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'calendar', label: t('clockMode.calendar') },
                    { value: 'business', label: t('clockMode.business') },
                  ]}
                  data-testid="sla-policy-form-mode"
                />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            {SLA_CLOCKS.map((clock) => (
              <Col key={clock} xs={24} md={8}>
                <Form.Item
                  name={`${clock}Minutes`}
                  label={t('sla.minutesOf', { clock: t(`slaClock.${clock}`) })}
                  rules={minuteRules(clock !== 'arrival')}
                  extra={minuteExtra(`${clock}Minutes`)}
                  tooltip={clock === 'arrival' ? t('sla.arrivalHint') : undefined}
                >
                  <InputNumber
                    min={1}
                    max={MAX_MINUTES}
                    precision={0}
                    style={{ width: '100%' }}
                    data-testid={`sla-policy-form-${clock}`}
                  />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Form>
      </Modal>
    </div>
  )
}
