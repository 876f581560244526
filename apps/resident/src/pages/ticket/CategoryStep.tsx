import { Button, ErrorBlock, Skeleton } from 'antd-mobile'
import type { TicketCategory, TicketKind } from '../../api/types'
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

  if (state.status === 'loading')
    return (
      <div className="mh-card mh-unit-skeleton">
        <Skeleton.Title animated />
        <Skeleton.Paragraph lineCount={3} animated />
      </div>
    )

  if (state.status === 'failed')
    return (
      <ErrorBlock
        status="default"
        className="mh-block"
        data-testid={TEST_IDS.ticketCategoriesError}
        title={t('tickets.new.categoriesErrorTitle')}
        description={state.message}
      >
        <Button color="primary" fill="outline" shape="rounded" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      </ErrorBlock>
    )

  const offered = categoriesFor(state.categories, kind)
  if (offered.length === 0)
    return (
      <ErrorBlock
        status="empty"
        className="mh-block"
        data-testid={TEST_IDS.ticketCategoriesEmpty}
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
              className={`mh-category-tile mh-tone-${KIND_TONE[kind]}`}
              onClick={() => onChoose(category)}
              data-testid={`${TEST_IDS.ticketCategory}-${category.code}`}
            >
              <span className="mh-category-tile-icon">
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
