import type { Disclosure } from '@meihao/contracts'
import { Alert, Form, Input } from 'antd'
import { type AttachmentUpload, correctDisclosure, disclosureAttachmentUrl } from '../../api/disclosure'
import { useAction } from '../../hooks/useAction'
import { useI18n } from '../../i18n/I18nProvider'
import { FormDrawer } from '../FormDrawer'
import { AttachmentLinks } from './AttachmentLinks'
import { AttachmentPicker } from './AttachmentPicker'

const FORM_ID = 'disclosure-correct-form'

interface CorrectionValues {
  title?: string
  body?: string
  attachments?: AttachmentUpload[]
  note?: string
}

/**
 * 更正: a published item is never edited. The correction goes up at once as a new version; the old one
 * stays readable as superseded, and the note (why it was wrong) shows beside both.
 */
export function CorrectionDrawer({
  item,
  onClose,
  onCorrected,
}: {
  /** The published item to correct; null when closed. */
  item: Disclosure | null
  onClose: () => void
  onCorrected: (next: Disclosure) => void
}) {
  const { t } = useI18n()
  const saving = useAction()

  const submit = (v: CorrectionValues) =>
    saving.run(async () => {
      if (!item) return
      const title = v.title?.trim() ?? ''
      const body = v.body?.trim() ?? ''
      const files = v.attachments ?? []
      const next = await correctDisclosure(item.id, {
        ...(title !== item.title ? { title } : {}),
        ...(body !== item.body ? { body } : {}),
        ...(files.length > 0 ? { attachments: files } : {}),
        note: v.note?.trim() ?? '',
      })
      onCorrected(next)
    })

  return (
    <FormDrawer
      open={item !== null}
      title={item ? t('disclosure.correctTitle', { title: item.title }) : ''}
      size={640}
      formId={FORM_ID}
      submitText={t('disclosure.correctSubmit')}
      testId="disclosure-correct-drawer"
      submitTestId="disclosure-correct-submit"
      action={saving}
      onClose={onClose}
    >
      {item ? (
        <>
          <Alert type="warning" showIcon title={t('disclosure.correctHint')} style={{ marginBottom: 16 }} />
          <Form<CorrectionValues>
            id={FORM_ID}
            layout="vertical"
            initialValues={{ title: item.title, body: item.body, attachments: [], note: '' }}
            onFinish={submit}
            data-testid="disclosure-correct-form"
          >
            <Form.Item
              name="note"
              label={t('disclosure.correctionNote')}
              extra={t('disclosure.correctionNoteHint')}
              rules={[
                { required: true, whitespace: true, message: t('disclosure.noteRequired') },
                { min: 2, max: 500, message: t('disclosure.noteLength') },
              ]}
            >
              <Input.TextArea
                autoSize={{ minRows: 2, maxRows: 5 }}
                maxLength={500}
                data-testid="disclosure-correct-note"
              />
            </Form.Item>
            <Form.Item
              name="title"
              label={t('disclosure.title')}
              rules={[
                { required: true, whitespace: true, message: t('disclosure.titleRequired') },
                { max: 200 },
              ]}
            >
              <Input maxLength={200} data-testid="disclosure-correct-title" />
            </Form.Item>
            <Form.Item name="body" label={t('disclosure.body')} rules={[{ max: 20_000 }]}>
              <Input.TextArea
                autoSize={{ minRows: 6, maxRows: 18 }}
                maxLength={20_000}
                data-testid="disclosure-correct-body"
              />
            </Form.Item>
            {item.attachments.length > 0 ? (
              <Form.Item
                label={t('disclosure.currentAttachments')}
                extra={t('disclosure.replaceAttachmentsHint')}
              >
                <AttachmentLinks
                  files={item.attachments}
                  urlOf={(sha) => disclosureAttachmentUrl(item.id, sha)}
                />
              </Form.Item>
            ) : null}
            <Form.Item name="attachments" label={t('disclosure.attachments')}>
              <AttachmentPicker testId="disclosure-correct-attachments" />
            </Form.Item>
          </Form>
        </>
      ) : null}
    </FormDrawer>
  )
}
