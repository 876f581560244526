import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons'
import { App, Button, Flex, Tag, Typography, Upload } from 'antd'
import type { AttachmentUpload } from '../../api/disclosure'
import { useI18n } from '../../i18n/I18nProvider'
import { readBase64 } from '../readBase64'

/** The server takes PDF, JPEG or PNG, at most 5 MB each once decoded, ten to a record. */
const TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const
const MAX_BYTES = 5 * 1024 * 1024
export const MAX_ATTACHMENTS = 10

const keys = new WeakMap<AttachmentUpload, string>()
let nextKey = 0
/** A stable React key for a file held in a form (the object itself is the identity). */
function fileKey(file: AttachmentUpload): string {
  let key = keys.get(file)
  if (!key) {
    key = `file-${++nextKey}`
    keys.set(file, key)
  }
  return key
}

const isAllowed = (type: string): type is AttachmentUpload['contentType'] =>
  (TYPES as readonly string[]).includes(type)

/** The server keeps at most 200 characters of a name; the end holds the extension. */
const clip = (name: string) => (name.length > 200 ? name.slice(-200) : name)

/**
 * Files held in a form as base64 until it is sent (invoices, contracts, scans). The wrapper carries the
 * test id and the number of files chosen (`data-count`); its `input[type=file]` takes files directly.
 */
export function AttachmentPicker({
  value,
  onChange,
  testId,
}: {
  value?: AttachmentUpload[]
  onChange?: (files: AttachmentUpload[]) => void
  testId: string
}) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const files = value ?? []
  // Several files chosen at once arrive one by one; each adds to what the previous ones left.
  let pending = files

  return (
    <Flex vertical gap={8} data-testid={testId} data-count={files.length}>
      <Upload
        accept={TYPES.join(',')}
        multiple
        showUploadList={false}
        beforeUpload={async (file) => {
          if (!isAllowed(file.type)) {
            message.error(t('attachment.badType', { name: file.name }))
            return Upload.LIST_IGNORE
          }
          if (file.size > MAX_BYTES) {
            message.error(t('attachment.tooLarge', { name: file.name }))
            return Upload.LIST_IGNORE
          }
          if (pending.length >= MAX_ATTACHMENTS) {
            message.warning(t('attachment.tooMany', { max: MAX_ATTACHMENTS }))
            return Upload.LIST_IGNORE
          }
          try {
            const upload: AttachmentUpload = {
              fileName: clip(file.name || 'file'),
              contentType: file.type,
              dataBase64: await readBase64(file),
            }
            pending = [...pending, upload]
            onChange?.(pending)
          } catch {
            message.error(t('attachment.unreadable', { name: file.name }))
          }
          return false // kept in the form; sent with it
        }}
      >
        <Button icon={<UploadOutlined />} data-testid={`${testId}-button`}>
          {t('attachment.choose')}
        </Button>
      </Upload>
      {files.length > 0 ? (
        <Flex wrap gap={6} data-testid={`${testId}-list`}>
          {files.map((f, i) => (
            <Tag
              key={fileKey(f)}
              icon={<PaperClipOutlined />}
              closable
              onClose={(e) => {
                e.preventDefault()
                const next = files.filter((_, j) => j !== i)
                pending = next
                onChange?.(next)
              }}
              data-testid={`${testId}-file`}
            >
              {f.fileName}
            </Tag>
          ))}
        </Flex>
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('attachment.hint', { max: MAX_ATTACHMENTS })}
      </Typography.Text>
    </Flex>
  )
}
