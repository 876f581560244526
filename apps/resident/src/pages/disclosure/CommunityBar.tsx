import { NoticeBar } from 'antd-mobile'
import { EmptyBlock, LoadStatus } from '../../components/LoadBlocks'
import { useRetry } from '../../hooks/useRetry'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'
import type { Loaded } from '../pay/useLoaded'
import type { Community } from './rules'
import type { MyCommunities } from './useCommunities'

/**
 * Which community the page is about: loading or failed, none at all, or a chip per community when I have
 * homes in several. Communities that could not be identified are named in a notice.
 */
export function CommunityBar({
  state,
  chosen,
  choose,
  reload,
}: {
  state: Loaded<MyCommunities>
  chosen: Community | null
  choose(id: string): void
  reload(): Promise<void>
}) {
  const t = useT()
  const { retrying, retry } = useRetry(reload)
  if (state.status !== 'ready')
    return (
      <LoadStatus
        state={state}
        lines={1}
        errorTestId={TEST_IDS.disclosureCommunitiesError}
        errorTitle={t('disclosure.communitiesErrorTitle')}
        retrying={retrying}
        onRetry={retry}
      />
    )
  const { communities, unresolved } = state.value
  return (
    <>
      {unresolved.length > 0 && (
        <NoticeBar
          className="mh-notice"
          color="alert"
          wrap
          content={t('disclosure.unresolved', { names: unresolved.join('、') })}
        />
      )}
      {communities.length === 0 && unresolved.length === 0 && (
        <EmptyBlock
          testId={TEST_IDS.disclosureNoCommunity}
          title={t('disclosure.noCommunityTitle')}
          description={t('disclosure.noCommunityDescription')}
        />
      )}
      {communities.length > 1 && chosen && (
        <fieldset className="mh-unit-chips">
          <legend className="mh-visually-hidden">{t('disclosure.chooseCommunity')}</legend>
          {communities.map((community) => (
            <button
              key={community.id}
              type="button"
              className={`mh-unit-chip mh-community-chip${community.id === chosen.id ? ' mh-unit-chip-on' : ''}`}
              aria-pressed={community.id === chosen.id}
              onClick={() => choose(community.id)}
              data-testid={`${TEST_IDS.disclosureCommunity}-${community.id}`}
            >
              <span className="mh-unit-chip-code">{community.name}</span>
            </button>
          ))}
        </fieldset>
      )}
    </>
  )
}
