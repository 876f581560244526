import type { Disclosure } from '../../api/types'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'
import { Attachments } from './Attachments'
import { GeneratedContent } from './GeneratedContent'

/** What an item says: its text as written, the generated figures, and its files. */
export function DisclosureContent({ item, href }: { item: Disclosure; href(sha256: string): string }) {
  const t = useT()
  return (
    <>
      {item.body.trim() !== '' && (
        <section className="mh-card mh-dis-section">
          <p className="mh-dis-body" data-testid={TEST_IDS.disclosureBody}>
            {item.body}
          </p>
        </section>
      )}
      <GeneratedContent item={item} href={href} />
      {item.content !== null && <p className="mh-dis-note">{t('disclosure.generated')}</p>}
      <Attachments files={item.attachments} href={href} />
    </>
  )
}
