import { Button, Drawer, Space } from 'antd'
import type { ReactNode } from 'react'
import type { ActionState } from '../hooks/useAction'
import { useI18n } from '../i18n/I18nProvider'
import { ErrorAlert } from './ErrorAlert'

/** A drawer that creates one record, in the community chosen on the page when there is one. */
export interface CreateDrawerProps<T> {
  open: boolean
  communityId: string | null
  onClose: () => void
  onCreated: (created: T) => void
}

/**
 * A drawer holding one form (mounted afresh on every opening), submitted by id from the footer. `action`
 * runs the submit: its spinner on the button, its error above the form, cleared once the drawer is shut.
 */
export function FormDrawer({
  open,
  title,
  size,
  formId,
  submitText,
  testId,
  submitTestId,
  action,
  onClose,
  afterClose,
  children,
}: {
  open: boolean
  title: ReactNode
  size: number
  formId: string
  submitText: ReactNode
  testId: string
  submitTestId: string
  action: Pick<ActionState, 'busy' | 'error' | 'setError'>
  onClose: () => void
  /** More to forget once the drawer is shut. */
  afterClose?: () => void
  children: ReactNode
}) {
  const { t } = useI18n()
  return (
    <Drawer
      open={open}
      title={title}
      size={size}
      onClose={onClose}
      destroyOnHidden
      afterOpenChange={(opened) => {
        if (!opened) {
          action.setError(null)
          afterClose?.()
        }
      }}
      data-testid={testId}
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            htmlType="submit"
            form={formId}
            loading={action.busy}
            data-testid={submitTestId}
          >
            {submitText}
          </Button>
        </Space>
      }
    >
      <ErrorAlert error={action.error} />
      {children}
    </Drawer>
  )
}
