import { enUS } from './en-US'
import { type MessageKey, zhCN } from './zh-CN'

export type Language = 'zh-CN' | 'en-US'
export type { MessageKey }
export type Params = Record<string, string | number>

const catalogs: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS }

/** Looks a key up in the language's catalog and fills `{name}` placeholders from params. */
export function translate(lang: Language, key: MessageKey, params?: Params): string {
  const template = catalogs[lang][key] ?? zhCN[key] ?? key
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  )
}

const STORAGE_KEY = 'meihao.console.lang'

export function storedLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY)
    if (stored === 'zh-CN' || stored === 'en-US') return stored
  } catch {
    // storage may be unavailable (private mode); fall back to Chinese
  }
  return 'zh-CN'
}

export function storeLanguage(lang: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, lang)
  } catch {
    // not fatal: the choice lasts for this page only
  }
}
