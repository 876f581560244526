import { Selector } from 'antd-mobile'
import { LANGUAGES, type Language, setLanguage, t, useLanguage } from '../i18n'

/** 简体中文 | English, as a two-option selector. */
export function LanguageSwitch({ testId }: { testId?: string }) {
  const lang = useLanguage()
  return (
    <Selector<Language>
      className="mh-language-switch"
      data-testid={testId}
      columns={2}
      showCheckMark={false}
      value={[lang]}
      options={LANGUAGES.map((value) => ({ value, label: t(`language.${value}`) }))}
      onChange={([next]) => {
        if (next) setLanguage(next)
      }}
    />
  )
}

/** A compact text button that flips the language, for pages without the profile tab. */
export function LanguageToggle() {
  const lang = useLanguage()
  const other: Language = lang === 'zh-CN' ? 'en-US' : 'zh-CN'
  return (
    <button type="button" className="mh-language-toggle" lang={other} onClick={() => setLanguage(other)}>
      {t(`language.${other}`)}
    </button>
  )
}
