import { PlusOutlined } from '@ant-design/icons'
import { ARREARS_REASONS, type ArrearsAccount, type ArrearsTags } from '@meihao/contracts'
import { App, Button, Flex, Form, Input, Popover, Select, Tag } from 'antd'
import { useState } from 'react'
import { type ArrearsReason, addArrearsTag, removeArrearsTag } from '../../api/billing'
import { errorMessage } from '../../api/client'
import { useAction } from '../../hooks/useAction'
import { useI18n } from '../../i18n/I18nProvider'
import { ErrorAlert } from '../ErrorAlert'

const REASON_COLOR: Record<ArrearsReason, string> = {
  vacancy: 'default',
  service_dissatisfaction: 'orange',
  developer_dispute: 'purple',
  financial_hardship: 'blue',
  unreachable: 'magenta',
  other: 'default',
}

/** The reasons in ARREARS_REASONS order, as the server keeps them. */
const ordered = (reasons: readonly ArrearsReason[]) => ARREARS_REASONS.filter((r) => reasons.includes(r))

/**
 * 欠费原因 of an account (空置, 对服务不满, 开发遗留问题, …): tags, removable and added one at a time by
 * billing.arrears; read-only for the others.
 */
export function ArrearsReasons({
  account,
  editable,
  onChange,
}: {
  account: ArrearsAccount
  editable: boolean
  onChange: (tags: ArrearsTags) => void
}) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const [adding, setAdding] = useState(false)
  const [form] = Form.useForm<{ reason?: ArrearsReason; note?: string }>()
  const saving = useAction()
  const missing = ARREARS_REASONS.filter((r) => !account.reasons.includes(r))

  const remove = async (reason: ArrearsReason) => {
    try {
      onChange(await removeArrearsTag(account.unitId, reason))
    } catch (e) {
      message.error(errorMessage(e))
    }
  }

  const add = (values: { reason?: ArrearsReason; note?: string }) =>
    saving.run(async () => {
      if (!values.reason) return
      onChange(await addArrearsTag(account.unitId, values.reason, values.note?.trim() || undefined))
      setAdding(false)
      form.resetFields()
    })

  return (
    <Flex gap={4} wrap align="center" data-testid="arrears-reasons">
      {ordered(account.reasons).map((reason) => (
        <Tag
          key={reason}
          color={REASON_COLOR[reason]}
          closable={editable}
          onClose={(e) => {
            e.preventDefault()
            void remove(reason)
          }}
          data-testid="arrears-reason"
          data-reason={reason}
        >
          {t(`arrearsReason.${reason}`)}
        </Tag>
      ))}
      {editable && missing.length > 0 ? (
        <Popover
          open={adding}
          onOpenChange={(open) => {
            setAdding(open)
            if (!open) saving.setError(null)
          }}
          trigger="click"
          title={t('arrears.addReason')}
          content={
            <Form form={form} layout="vertical" onFinish={add} style={{ width: 260 }}>
              <ErrorAlert error={saving.error} />
              <Form.Item name="reason" rules={[{ required: true, message: t('arrears.reasonRequired') }]}>
                <Select
                  placeholder={t('arrears.reasonPlaceholder')}
                  options={missing.map((r) => ({ value: r, label: t(`arrearsReason.${r}`) }))}
                  data-testid="arrears-reason-select"
                />
              </Form.Item>
              <Form.Item name="note" rules={[{ max: 200 }]}>
                <Input.TextArea
                  autoSize={{ minRows: 2, maxRows: 4 }}
                  maxLength={200}
                  placeholder={t('arrears.notePlaceholder')}
                  data-testid="arrears-reason-note"
                />
              </Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                block
                loading={saving.busy}
                data-testid="arrears-reason-save"
              >
                {t('common.save')}
              </Button>
            </Form>
          }
        >
          <Button size="small" type="dashed" icon={<PlusOutlined />} data-testid="arrears-reason-add">
            {t('arrears.reason')}
          </Button>
        </Popover>
      ) : null}
      {!editable && account.reasons.length === 0 ? '—' : null}
    </Flex>
  )
}
