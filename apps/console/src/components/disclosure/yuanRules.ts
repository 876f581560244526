import type { FormRule } from 'antd'
import { yuanToFen } from '../../i18n/format'
import type { I18n } from '../../i18n/I18nProvider'

/** An amount of 元 as typed, read into whole fen without floats: required, more than zero. */
export function yuanRules(t: I18n['t']): FormRule[] {
  return [
    { required: true, message: t('counter.amountRequired') },
    {
      validator: (_, value: string | undefined) => {
        if (!value) return Promise.resolve()
        const fen = yuanToFen(value)
        return fen !== null && fen >= 1
          ? Promise.resolve()
          : Promise.reject(new Error(t('counter.amountInvalid')))
      },
    },
  ]
}

/** A calendar date typed in an `<input type="date">`: required. */
export function dateRules(t: I18n['t']): FormRule[] {
  return [{ required: true, message: t('disclosure.dateRequired') }]
}
