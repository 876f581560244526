import { NoticeBar, Tag } from 'antd-mobile'
import { Link, useParams } from 'react-router-dom'
import * as endpoints from '../api/endpoints'
import type { Disclosure } from '../api/types'
import { LoadStatus } from '../components/LoadBlocks'
import { PageShell } from '../components/PageShell'
import { useBack } from '../hooks/useBack'
import { useById } from '../hooks/useById'
import { useT } from '../i18n'
import { TEST_IDS } from '../testids'
import { formatDateTime } from './decision/format'
import { DisclosureContent } from './disclosure/DisclosureContent'
import {
  formatDay,
  formatMomentDay,
  newerVersion,
  periodText,
  typeLabel,
  versionsOf,
} from './disclosure/format'

function Head({ item }: { item: Disclosure }) {
  const t = useT()
  const period = periodText(item.periodFrom, item.periodTo)
  const facts = [
    { label: t('disclosure.facts.community'), value: item.communityName },
    { label: t('disclosure.facts.type'), value: typeLabel(item.type) },
    ...(period ? [{ label: t('disclosure.facts.period'), value: period }] : []),
    ...(item.publishedAt
      ? [{ label: t('disclosure.facts.publishedAt'), value: formatDateTime(item.publishedAt) }]
      : []),
    ...(item.displayUntil && item.status === 'published'
      ? [{ label: t('disclosure.facts.displayUntil'), value: formatDay(item.displayUntil) }]
      : []),
    { label: t('disclosure.facts.version'), value: t('disclosure.versionNumber', { version: item.version }) },
  ]
  return (
    <section className="mh-card mh-dis-head">
      <span className="mh-dis-item-tags">
        <Tag color="primary" fill="outline" round>
          {typeLabel(item.type)}
        </Tag>
        {item.status === 'superseded' && (
          <Tag color="default" round>
            {t('disclosure.supersededTag')}
          </Tag>
        )}
      </span>
      <h1
        className="mh-dis-title"
        data-testid={TEST_IDS.disclosureTitle}
        data-status={item.status}
        data-version={item.version}
      >
        {item.title}
      </h1>
      <dl className="mh-ticket-facts">
        {facts.map(({ label, value }) => (
          <div key={label} className="mh-ticket-fact">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}

/** A superseded version says so, with why it was corrected and a way to the newest. */
function SupersededNotice({ item }: { item: Disclosure }) {
  const t = useT()
  if (item.status !== 'superseded') return null
  const newest = newerVersion(item)
  const next = item.history.find((v) => v.version === item.version + 1)
  return (
    <NoticeBar
      className="mh-notice mh-notice-void"
      color="alert"
      wrap
      data-testid={TEST_IDS.disclosureSuperseded}
      content={
        <>
          {item.supersededAt
            ? t('disclosure.superseded', { time: formatDateTime(item.supersededAt) })
            : t('disclosure.supersededNoTime')}
          {next?.correctionNote && (
            <>
              <br />
              {t('disclosure.correctionNote', { note: next.correctionNote })}
            </>
          )}
          {newest && (
            <>
              <br />
              <Link className="mh-dis-inline-link" to={`/disclosures/${newest.id}`} replace>
                {t('disclosure.viewNewest')}
              </Link>
            </>
          )}
        </>
      }
    />
  )
}

/** Every version of the item, newest first: each with its day and why it was corrected. */
function Versions({ item }: { item: Disclosure }) {
  const t = useT()
  const versions = versionsOf(item)
  if (versions.length < 2) return null
  const newest = versions[0]?.version
  return (
    <section className="mh-card mh-dis-section" data-testid={TEST_IDS.disclosureVersions}>
      <h2 className="mh-subtitle">{t('disclosure.versions')}</h2>
      <ol className="mh-dis-versions">
        {versions.map((v) => (
          <li
            key={v.id}
            className={`mh-dis-version${v.shown ? ' mh-dis-version-shown' : ''}`}
            data-testid={TEST_IDS.disclosureVersion}
            data-version={v.version}
            data-shown={v.shown}
          >
            <span className="mh-dis-version-head">
              <strong>{t('disclosure.versionNumber', { version: v.version })}</strong>
              {v.version === newest && (
                <Tag color="success" fill="outline" round>
                  {t('disclosure.versionNewest')}
                </Tag>
              )}
              {v.shown && (
                <Tag color="primary" round>
                  {t('disclosure.versionShown')}
                </Tag>
              )}
              {v.publishedAt && <span className="mh-dis-muted">{formatMomentDay(v.publishedAt)}</span>}
            </span>
            <span className="mh-dis-version-note">
              {v.correctionNote
                ? t('disclosure.correctionNote', { note: v.correctionNote })
                : v.version === 1
                  ? t('disclosure.versionFirst')
                  : ''}
            </span>
            {!v.shown && (
              <Link className="mh-dis-inline-link" to={`/disclosures/${v.id}`} replace>
                {t('disclosure.versionOpen')}
              </Link>
            )}
          </li>
        ))}
      </ol>
    </section>
  )
}

/**
 * /disclosures/:id — one item as published: what it says, the generated figures, its files, and every
 * version with its correction note (a superseded version stays readable, marked as such).
 */
export function DisclosurePage() {
  const t = useT()
  const { id = '' } = useParams()
  const { state, reload } = useById(id, endpoints.fetchMyDisclosure)
  const list =
    state.status === 'ready'
      ? `/disclosures?community=${encodeURIComponent(state.value.communityId)}`
      : '/disclosures'
  const back = useBack(list)

  return (
    <PageShell title={t('disclosure.pageTitle')} onBack={back} onRefresh={reload}>
      <LoadStatus
        state={state}
        lines={5}
        errorTestId={TEST_IDS.disclosureError}
        errorTitle={t('disclosure.detailErrorTitle')}
        onRetry={() => void reload()}
      />
      {state.status === 'ready' && (
        <>
          <SupersededNotice item={state.value} />
          <Head item={state.value} />
          {state.value.correctionNote && (
            <NoticeBar
              className="mh-notice"
              wrap
              data-testid={TEST_IDS.disclosureCorrection}
              content={t('disclosure.correctionNote', { note: state.value.correctionNote })}
            />
          )}
          <DisclosureContent
            item={state.value}
            href={(sha256) => endpoints.myDisclosureAttachmentUrl(state.value.id, sha256)}
          />
          <Versions item={state.value} />
        </>
      )}
    </PageShell>
  )
}
