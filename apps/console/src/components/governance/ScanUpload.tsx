import { UploadOutlined } from '@ant-design/icons'
import { App, Button, Upload } from 'antd'
import { SCAN_CONTENT_TYPES, type ScanContentType, type ScanInput } from '../../api/governance'
import { useI18n } from '../../i18n/I18nProvider'
import { readBase64 } from '../readBase64'

/** The server takes at most 5 MB once decoded. */
const MAX_BYTES = 5 * 1024 * 1024

const isScanType = (type: string): type is ScanContentType =>
  (SCAN_CONTENT_TYPES as readonly string[]).includes(type)

/** A scan (JPG, PNG or PDF up to 5 MB) held in the form as base64; nothing is sent until the form is. */
export function ScanUpload({
  value,
  onChange,
  testId,
}: {
  value?: ScanInput | null
  onChange?: (scan: ScanInput | null) => void
  testId?: string
}) {
  const { t } = useI18n()
  const { message } = App.useApp()
  return (
    <div data-testid={testId}>
      <Upload
        accept={SCAN_CONTENT_TYPES.join(',')}
        maxCount={1}
        fileList={value ? [{ uid: 'scan', name: value.fileName, status: 'done' }] : []}
        beforeUpload={async (file) => {
          if (!isScanType(file.type)) {
            message.error(t('ballot.scanBadType'))
            return Upload.LIST_IGNORE
          }
          if (file.size > MAX_BYTES) {
            message.error(t('ballot.scanTooLarge'))
            return Upload.LIST_IGNORE
          }
          try {
            // The server keeps at most 200 characters of the name; the end holds the extension.
            const fileName = file.name.length > 200 ? file.name.slice(-200) : file.name
            onChange?.({ fileName, contentType: file.type, dataBase64: await readBase64(file) })
          } catch {
            message.error(t('ballot.scanReadFailed'))
          }
          return false // kept in the form; sent with the ballot
        }}
        onRemove={() => onChange?.(null)}
      >
        <Button icon={<UploadOutlined />}>{t('ballot.chooseFile')}</Button>
      </Upload>
    </div>
  )
}
