import { FileImageOutlined, FilePdfOutlined } from '@ant-design/icons'
import type { Attachment } from '@meihao/contracts'
import { Flex, Typography } from 'antd'
import { useI18n } from '../../i18n/I18nProvider'

/** A file size for people: 532 KB, 1.2 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  return `${(Math.round((bytes * 10) / (1024 * 1024)) / 10).toFixed(1)} MB`
}

const FileIcon = ({ contentType }: { contentType: string }) =>
  contentType === 'application/pdf' ? <FilePdfOutlined /> : <FileImageOutlined />

/**
 * Files kept with a record, each a link opening it in a new tab when `urlOf` can name its address (an
 * entry's evidence can be opened only once it is part of a published statement), else its name alone.
 */
export function AttachmentLinks({
  files,
  urlOf,
  testId,
  compact = false,
}: {
  files: readonly Attachment[]
  urlOf: ((sha256: string) => string) | null
  testId?: string
  compact?: boolean
}) {
  const { t } = useI18n()
  if (files.length === 0)
    return compact ? (
      <span>—</span>
    ) : (
      <Typography.Text type="secondary">{t('attachment.none')}</Typography.Text>
    )
  return (
    <Flex vertical={!compact} wrap gap={compact ? 8 : 4} data-testid={testId}>
      {files.map((f) => {
        const label = compact ? f.fileName : `${f.fileName} (${fileSize(f.sizeBytes)})`
        return urlOf ? (
          <Typography.Link
            key={f.sha256}
            href={urlOf(f.sha256)}
            target="_blank"
            rel="noreferrer"
            data-testid="attachment-link"
          >
            <FileIcon contentType={f.contentType} /> {label}
          </Typography.Link>
        ) : (
          <Typography.Text key={f.sha256} type="secondary" data-testid="attachment-name">
            <FileIcon contentType={f.contentType} /> {label}
          </Typography.Text>
        )
      })}
    </Flex>
  )
}
