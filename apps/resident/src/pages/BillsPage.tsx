import { useCallback, useState } from 'react'
import * as endpoints from '../api/endpoints'
import type { Bill } from '../api/types'
import { EmptyBlock, LoadStatus } from '../components/LoadBlocks'
import { PageShell } from '../components/PageShell'
import { useBack } from '../hooks/useBack'
import { useRetry } from '../hooks/useRetry'
import { useT } from '../i18n'
import { useMe } from '../session'
import { TEST_IDS } from '../testids'
import { BillInfo } from './pay/BillInfo'
import { LoadMore } from './pay/LoadMore'
import { usePaged } from './pay/usePaged'

const PAGE_SIZE = 20
const FILTERS = ['all', 'open', 'paid'] as const
type Filter = (typeof FILTERS)[number]

/** /pay/bills — 全部账单: every bill of my units, newest period first, by status, more as I scroll. */
export function BillsPage() {
  const t = useT()
  const contextId = useMe().context.id
  const [filter, setFilter] = useState<Filter>('all')
  const fetchPage = useCallback(
    (cursor: string | null) =>
      endpoints.fetchMyBills(filter === 'all' ? {} : { status: filter }, cursor, PAGE_SIZE),
    [filter],
  )
  const { state, reload, loadMore } = usePaged<Bill>(fetchPage, contextId ? `${contextId}/${filter}` : null)
  const { retrying, retry } = useRetry(reload)
  const back = useBack('/pay')
  const units = state.status === 'ready' ? new Set(state.items.map((bill) => bill.unitId)) : new Set()

  return (
    <PageShell title={t('bills.title')} onBack={back} onRefresh={reload}>
      <fieldset className="mh-filter">
        <legend className="mh-visually-hidden">{t('bills.filter')}</legend>
        {FILTERS.map((key) => (
          <button
            key={key}
            type="button"
            aria-pressed={filter === key}
            className={`mh-filter-chip${filter === key ? ' mh-filter-chip-on' : ''}`}
            onClick={() => setFilter(key)}
            data-testid={`${TEST_IDS.billsFilter}-${key}`}
          >
            {t(`bills.filter.${key}`)}
          </button>
        ))}
      </fieldset>
      <LoadStatus
        state={state}
        lines={3}
        errorTestId={TEST_IDS.billsError}
        errorTitle={t('bills.errorTitle')}
        retrying={retrying}
        onRetry={retry}
      />
      {state.status === 'ready' && state.items.length === 0 && (
        <EmptyBlock
          testId={TEST_IDS.billsEmpty}
          title={t('bills.emptyTitle')}
          description={t('bills.emptyDescription')}
        />
      )}
      {state.status === 'ready' && state.items.length > 0 && (
        <>
          <ul className="mh-pay-bills">
            {state.items.map((bill) => (
              <li
                key={bill.id}
                className="mh-card mh-bill-card"
                data-testid={TEST_IDS.billItem}
                data-bill-id={bill.id}
                data-status={bill.status}
              >
                {units.size > 1 && (
                  <span className="mh-bill-unit">{t('bills.unit', { unit: bill.unitCode })}</span>
                )}
                <BillInfo bill={bill} showStatus />
              </li>
            ))}
          </ul>
          <LoadMore hasMore={state.nextCursor !== null} loadMore={loadMore} />
        </>
      )}
    </PageShell>
  )
}
