import type { TicketCategory, TicketKind } from '../../api/types'
import { EmptyBlock, LoadStatus } from '../../components/LoadBlocks'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'
import { categoriesFor, categoryIcon, KIND_TONE } from './format'
import type { CategoriesState } from './useTicketCategories'

interface CategoryStepProps {
  kind: TicketKind
  state: CategoriesState
  onRetry(): void
  onChoose(category: TicketCategory): void
}

/** Tap 2 of 一键报修: a tile per category offered for the kind chosen. */
export function CategoryStep({ kind, state, onRetry, onChoose }: CategoryStepProps) {
  const t = useT()

  if (state.status !== 'ready')
    return (
      <LoadStatus
        state={state}
        lines={3}
        errorTestId={TEST_IDS.ticketCategoriesError}
        errorTitle={t('tickets.new.categoriesErrorTitle')}
        onRetry={onRetry}
      />
    )

  const offered = categoriesFor(state.categories, kind)
  if (offered.length === 0)
    return (
      <EmptyBlock
        testId={TEST_IDS.ticketCategoriesEmpty}
        title={t('tickets.new.categoriesEmptyTitle')}
        description={t('tickets.new.categoriesEmptyDescription')}
      />
    )

  const names = new Map(state.categories.map((c) => [c.id, c.name]))
  return (
    <section className="mh-card mh-step" aria-labelledby="mh-category-title">
      <h2 id="mh-category-title" className="mh-step-title">
        {t('tickets.new.categoryHint', { kind: t(`tickets.kind.${kind}`) })}
      </h2>
      <div className="mh-category-tiles">
        {offered.map((category) => {
          const Icon = categoryIcon(category.code)
          const parent = category.parentId ? names.get(category.parentId) : undefined
          return (
            <button
              key={category.id}
              type="button"
              className={`mh-tile mh-category-tile mh-tone-${KIND_TONE[kind]}`}
              onClick={() => onChoose(category)}
              data-testid={`${TEST_IDS.ticketCategory}-${category.code}`}
            >
              <span className="mh-icon-badge">
                <Icon />
              </span>
              <span className="mh-category-tile-name">{category.name}</span>
              {parent && <span className="mh-category-tile-parent">{parent}</span>}
            </button>
          )
        })}
      </div>
    </section>
  )
}
