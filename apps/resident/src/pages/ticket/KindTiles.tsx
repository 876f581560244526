import type { ReactNode } from 'react'
import type { TicketKind } from '../../api/types'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'
import { KIND_ICON, KIND_TONE, PRIMARY_KINDS, SECONDARY_KINDS } from './format'

/** One kind to tap: a big tile or a small chip, its icon in the kind's tone. */
function KindButton({
  kind,
  variant,
  onChoose,
  children,
}: {
  kind: TicketKind
  variant: 'tile' | 'chip'
  onChoose(kind: TicketKind): void
  children: ReactNode
}) {
  const Icon = KIND_ICON[kind]
  return (
    <button
      type="button"
      className={`mh-tile mh-kind-${variant} mh-tone-${KIND_TONE[kind]}`}
      onClick={() => onChoose(kind)}
      data-testid={`${TEST_IDS.ticketKind}-${kind}`}
    >
      <span className={`mh-kind-${variant}-icon`}>
        <Icon />
      </span>
      {children}
    </button>
  )
}

/** Tap 1 of 一键报修: three big tiles for what owners report most, a row of small ones for the rest. */
export function KindTiles({ onChoose }: { onChoose(kind: TicketKind): void }) {
  const t = useT()
  return (
    <>
      <div className="mh-kind-tiles">
        {PRIMARY_KINDS.map((kind) => (
          <KindButton key={kind} kind={kind} variant="tile" onChoose={onChoose}>
            <span className="mh-kind-tile-title">{t(`tickets.kind.${kind}`)}</span>
            <span className="mh-kind-tile-hint">{t(`tickets.kindHint.${kind}`)}</span>
          </KindButton>
        ))}
      </div>
      <h3 className="mh-visually-hidden">{t('tickets.more')}</h3>
      <div className="mh-kind-more">
        {SECONDARY_KINDS.map((kind) => (
          <KindButton key={kind} kind={kind} variant="chip" onChoose={onChoose}>
            <span>{t(`tickets.kind.${kind}`)}</span>
          </KindButton>
        ))}
      </div>
    </>
  )
}
