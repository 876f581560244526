import { useNavigate, useSearchParams } from 'react-router-dom'
import * as endpoints from '../api/endpoints'
import type { Disclosure, DisclosureType } from '../api/types'
import { ChartIcon, ShieldIcon } from '../components/icons'
import { EmptyBlock, LoadStatus } from '../components/LoadBlocks'
import { PageShell } from '../components/PageShell'
import { useBack } from '../hooks/useBack'
import { useRetry } from '../hooks/useRetry'
import { useT } from '../i18n'
import { TEST_IDS } from '../testids'
import { CommunityBar } from './disclosure/CommunityBar'
import { DisclosureRowText } from './disclosure/DisclosureRow'
import { isDisclosureType, typeCounts, typeLabel } from './disclosure/format'
import { communityQuery, useChosenCommunity } from './disclosure/useCommunities'
import { useLoaded } from './pay/useLoaded'

/** 公共收益 and 维修资金: the two money pages of the community, above its list. */
function MoneyLinks({ query }: { query: string }) {
  const t = useT()
  const navigate = useNavigate()
  const links = [
    {
      to: `/disclosures/public-revenue${query}`,
      title: t('disclosure.links.revenue'),
      hint: t('disclosure.links.revenueHint'),
      Icon: ChartIcon,
      tone: 'orange',
      testId: TEST_IDS.disclosureLinkRevenue,
    },
    {
      to: `/disclosures/fund${query}`,
      title: t('disclosure.links.fund'),
      hint: t('disclosure.links.fundHint'),
      Icon: ShieldIcon,
      tone: 'blue',
      testId: TEST_IDS.disclosureLinkFund,
    },
  ]
  return (
    <nav className="mh-pay-links">
      {links.map(({ to, title, hint, Icon, tone, testId }) => (
        <button
          key={testId}
          type="button"
          className="mh-pay-link"
          onClick={() => navigate(to)}
          data-testid={testId}
        >
          <span className={`mh-icon-badge mh-icon-badge-small mh-tone-${tone}`}>
            <Icon />
          </span>
          <span className="mh-pay-link-text">
            <span className="mh-pay-link-title">{title}</span>
            <span className="mh-pay-link-hint">{hint}</span>
          </span>
        </button>
      ))}
    </nav>
  )
}

/** 全部 and one chip per kind that has items, with their counts; scrolls sideways on a phone. */
function TypeFilter({
  items,
  type,
  onChange,
}: {
  items: Disclosure[]
  type: DisclosureType | null
  onChange(type: DisclosureType | null): void
}) {
  const t = useT()
  const chips: { key: DisclosureType | 'all'; label: string }[] = [
    { key: 'all', label: t('disclosure.filter.all', { count: items.length }) },
    ...typeCounts(items).map(([key, count]) => ({
      key,
      label: t('disclosure.filter.type', { type: typeLabel(key), count }),
    })),
  ]
  return (
    <fieldset className="mh-dis-filter">
      <legend className="mh-visually-hidden">{t('disclosure.filter')}</legend>
      {chips.map(({ key, label }) => {
        const on = (type ?? 'all') === key
        return (
          <button
            key={key}
            type="button"
            aria-pressed={on}
            className={`mh-filter-chip mh-dis-filter-chip${on ? ' mh-filter-chip-on' : ''}`}
            onClick={() => onChange(key === 'all' ? null : key)}
            data-testid={`${TEST_IDS.disclosureFilter}-${key}`}
          >
            {label}
          </button>
        )
      })}
    </fieldset>
  )
}

/**
 * /disclosures — 公示: the community's published items, newest first, by kind; links to its public revenue
 * and maintenance fund. Owners with homes in several communities choose one.
 */
export function DisclosuresPage() {
  const t = useT()
  const navigate = useNavigate()
  const back = useBack('/')
  const communities = useChosenCommunity()
  const { chosen } = communities
  const [params, setParams] = useSearchParams()
  const wantedType = params.get('type')
  const type = isDisclosureType(wantedType) ? wantedType : null
  const { state, reload } = useLoaded(
    () => (chosen ? endpoints.fetchMyDisclosures(chosen.id) : Promise.resolve([])),
    chosen?.id,
  )
  const { retrying, retry } = useRetry(reload)

  const setType = (next: DisclosureType | null) =>
    setParams(
      (old) => {
        const query = new URLSearchParams(old)
        if (next) query.set('type', next)
        else query.delete('type')
        return query
      },
      { replace: true },
    )

  const items = state.status === 'ready' ? state.value : []
  const shown = type ? items.filter((item) => item.type === type) : items

  return (
    <PageShell
      title={t('disclosure.title')}
      onBack={back}
      onRefresh={() => Promise.all([communities.reload(), reload()])}
    >
      <p className="mh-decisions-intro">{t('disclosure.intro')}</p>
      <CommunityBar {...communities} />
      {chosen && (
        <>
          <MoneyLinks query={communityQuery(chosen)} />
          <LoadStatus
            state={state}
            lines={3}
            errorTestId={TEST_IDS.disclosuresError}
            errorTitle={t('disclosure.errorTitle')}
            retrying={retrying}
            onRetry={retry}
          />
          {state.status === 'ready' && items.length === 0 && (
            <EmptyBlock
              testId={TEST_IDS.disclosuresEmpty}
              title={t('disclosure.emptyTitle')}
              description={t('disclosure.emptyDescription')}
            />
          )}
          {items.length > 0 && (
            <>
              <TypeFilter items={items} type={type} onChange={setType} />
              <ul className="mh-dis-items" data-testid={TEST_IDS.disclosureList}>
                {shown.map((item) => (
                  <li
                    key={item.id}
                    data-testid={TEST_IDS.disclosureItem}
                    data-disclosure-id={item.id}
                    data-type={item.type}
                    data-version={item.version}
                  >
                    <button
                      type="button"
                      className="mh-row-card mh-dis-item"
                      onClick={() => navigate(`/disclosures/${item.id}`)}
                    >
                      <DisclosureRowText item={item} />
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </PageShell>
  )
}
