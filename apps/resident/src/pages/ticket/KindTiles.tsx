import type { TicketKind } from '../../api/types'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'
import { KIND_ICON, KIND_TONE, PRIMARY_KINDS, SECONDARY_KINDS } from './format'

/** Tap 1 of 一键报修: three big tiles for what owners report most, a row of small ones for the rest. */
export function KindTiles({ onChoose }: { onChoose(kind: TicketKind): void }) {
  const t = useT()
  return (
    <>
      <div className="mh-kind-tiles">
        {PRIMARY_KINDS.map((kind) => {
          const Icon = KIND_ICON[kind]
          return (
            <button
              key={kind}
              type="button"
              className={`mh-kind-tile mh-tone-${KIND_TONE[kind]}`}
              onClick={() => onChoose(kind)}
              data-testid={`${TEST_IDS.ticketKind}-${kind}`}
            >
              <span className="mh-kind-tile-icon">
                <Icon />
              </span>
              <span className="mh-kind-tile-title">{t(`tickets.kind.${kind}`)}</span>
              <span className="mh-kind-tile-hint">{t(`tickets.kindHint.${kind}`)}</span>
            </button>
          )
        })}
      </div>
      <h3 className="mh-visually-hidden">{t('tickets.more')}</h3>
      <div className="mh-kind-more">
        {SECONDARY_KINDS.map((kind) => {
          const Icon = KIND_ICON[kind]
          return (
            <button
              key={kind}
              type="button"
              className={`mh-kind-chip mh-tone-${KIND_TONE[kind]}`}
              onClick={() => onChoose(kind)}
              data-testid={`${TEST_IDS.ticketKind}-${kind}`}
            >
              <span className="mh-kind-chip-icon">
                <Icon />
              </span>
              <span>{t(`tickets.kind.${kind}`)}</span>
            </button>
          )
        })}
      </div>
    </>
  )
}
