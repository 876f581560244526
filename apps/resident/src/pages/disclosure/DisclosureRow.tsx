import { Tag } from 'antd-mobile'
import type { Disclosure } from '../../api/types'
import { useT } from '../../i18n'
import { formatMomentDay, periodText, typeLabel } from './format'

/** One line of a list of items: kind, title, period and the day it went up. */
export function DisclosureRowText({ item }: { item: Disclosure }) {
  const t = useT()
  const period = periodText(item.periodFrom, item.periodTo)
  return (
    <>
      <span className="mh-dis-item-tags">
        <Tag color="primary" fill="outline" round>
          {typeLabel(item.type)}
        </Tag>
        {item.version > 1 && (
          <Tag color="warning" fill="outline" round>
            {t('disclosure.corrected')}
          </Tag>
        )}
        {item.attachments.length > 0 && (
          <span className="mh-dis-item-files">
            {t('disclosure.attachmentCount', { count: item.attachments.length })}
          </span>
        )}
      </span>
      <span className="mh-dis-item-title">{item.title}</span>
      <span className="mh-dis-item-meta">
        {period && <span>{period}</span>}
        {item.publishedAt && (
          <span>{t('disclosure.publishedOn', { date: formatMomentDay(item.publishedAt) })}</span>
        )}
      </span>
    </>
  )
}
