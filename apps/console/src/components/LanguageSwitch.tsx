import { Segmented } from 'antd'
import { useI18n } from '../i18n/I18nProvider'
import type { Language } from '../i18n/translate'

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n()
  return (
    <Segmented<Language>
      data-testid="lang-switch"
      size="small"
      value={lang}
      onChange={setLang}
      options={[
        { value: 'zh-CN', label: t('lang.zh') },
        { value: 'en-US', label: t('lang.en') },
      ]}
    />
  )
}
