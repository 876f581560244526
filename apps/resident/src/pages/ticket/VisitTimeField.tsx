import { List, Picker } from 'antd-mobile'
import { useState } from 'react'
import { useT } from '../../i18n'
import { TEST_IDS } from '../../testids'
import {
  VISIT_SLOTS,
  type VisitChoice,
  type VisitSlotKey,
  visitDayLabel,
  visitDays,
  visitSlotLabel,
  visitSlotsOn,
} from './format'

const isSlot = (value: unknown): value is VisitSlotKey => VISIT_SLOTS.some((s) => s.key === value)

/** 期望上门时间: "尽快安排" unless the owner picks a day of the coming week and a slot of it. */
export function VisitTimeField({
  value,
  onChange,
  disabled,
}: {
  value: VisitChoice | null
  onChange(value: VisitChoice | null): void
  disabled: boolean
}) {
  const t = useT()
  const [open, setOpen] = useState(false)
  const days = visitDays()
  const firstDay = days[0] ?? 1

  return (
    <>
      <List.Item
        className="mh-form-row"
        onClick={disabled ? undefined : () => setOpen(true)}
        extra={
          <span className="mh-visit-value">
            <span data-testid={TEST_IDS.ticketVisitTime}>
              {value
                ? t('tickets.visit.value', {
                    day: visitDayLabel(value.day),
                    slot: visitSlotLabel(value.slot),
                  })
                : t('tickets.field.visitAny')}
            </span>
            {value && !disabled && (
              <button
                type="button"
                className="mh-link-button"
                onClick={(event) => {
                  event.stopPropagation()
                  onChange(null)
                }}
              >
                {t('tickets.field.visitClear')}
              </button>
            )}
          </span>
        }
        arrowIcon
      >
        {t('tickets.field.visitTime')}
      </List.Item>
      <Picker
        visible={open}
        title={t('tickets.field.visitTitle')}
        confirmText={t('common.confirm')}
        cancelText={t('common.cancel')}
        onClose={() => setOpen(false)}
        value={
          value ? [String(value.day), value.slot] : [String(firstDay), visitSlotsOn(firstDay)[0]?.key ?? null]
        }
        columns={(picked) => {
          const day = Number(picked[0] ?? firstDay)
          return [
            days.map((d) => ({ label: visitDayLabel(d), value: String(d) })),
            visitSlotsOn(Number.isInteger(day) ? day : firstDay).map((s) => ({
              label: visitSlotLabel(s.key),
              value: s.key,
            })),
          ]
        }}
        onConfirm={(picked) => {
          const day = Number(picked[0])
          const slot = picked[1]
          if (Number.isInteger(day) && isSlot(slot) && visitSlotsOn(day).some((s) => s.key === slot))
            onChange({ day, slot })
        }}
      />
    </>
  )
}
