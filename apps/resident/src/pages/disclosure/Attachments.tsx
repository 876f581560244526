import type { DisclosureAttachment } from '../../api/types'
import { FileIcon } from '../../components/icons'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'
import { fileSizeText } from './rules'

/** The files of an item: each opens in the browser (PDF, image) or downloads. */
export function Attachments({
  files,
  href,
}: {
  files: readonly DisclosureAttachment[]
  href(sha256: string): string
}) {
  const t = useT()
  if (files.length === 0) return null
  return (
    <section className="mh-card mh-dis-section">
      <h2 className="mh-subtitle">{t('disclosure.attachments')}</h2>
      <ul className="mh-dis-files">
        {files.map((file) => (
          <li
            key={file.sha256}
            className="mh-dis-file"
            data-testid={TEST_IDS.disclosureAttachment}
            data-sha256={file.sha256}
          >
            <span className="mh-icon-badge mh-icon-badge-small mh-dis-file-icon">
              <FileIcon />
            </span>
            <span className="mh-dis-file-text">
              <span className="mh-dis-file-name">{file.fileName}</span>
              <span className="mh-dis-file-size">{fileSizeText(file.sizeBytes)}</span>
            </span>
            <a className="mh-dis-file-link" href={href(file.sha256)} target="_blank" rel="noopener">
              {t('disclosure.attachmentOpen')}
            </a>
            <a className="mh-dis-file-link" href={href(file.sha256)} download={file.fileName}>
              {t('disclosure.attachmentDownload')}
            </a>
          </li>
        ))}
      </ul>
    </section>
  )
}
