import { useSyncExternalStore } from 'react'
import { enUS } from './en-US'
import { type MessageKey, zhCN } from './zh-CN'

export type { MessageKey }
export const LANGUAGES = ['zh-CN', 'en-US'] as const
export type Language = (typeof LANGUAGES)[number]
export type MessageParams = Record<string, string | number>

const catalogs: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS }
const STORAGE_KEY = 'meihao.resident.lang'

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

/** A saved choice wins; otherwise English only for browsers that prefer it, Chinese for everyone else. */
function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (isLanguage(saved)) return saved
  } catch {
    // Storage can be unavailable (private mode); fall through to the browser's preference.
  }
  const preferred = typeof navigator === 'undefined' ? [] : navigator.languages
  for (const tag of preferred) {
    const lower = tag.toLowerCase()
    if (lower.startsWith('zh')) return 'zh-CN'
    if (lower.startsWith('en')) return 'en-US'
  }
  return 'zh-CN'
}

let current: Language = initialLanguage()
const listeners = new Set<() => void>()

function applyToDocument(lang: Language) {
  document.documentElement.lang = lang
  document.title = catalogs[lang]['app.name']
}
applyToDocument(current)

export function getLanguage(): Language {
  return current
}

export function setLanguage(lang: Language): void {
  if (lang === current) return
  current = lang
  try {
    localStorage.setItem(STORAGE_KEY, lang)
  } catch {
    // The choice still holds for this visit.
  }
  applyToDocument(lang)
  for (const listener of listeners) listener()
}

/** Translates a key in the current language; `{name}` placeholders take values from params. */
export function t(key: MessageKey, params: MessageParams = {}): string {
  const template = catalogs[current][key] ?? zhCN[key] ?? key
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  )
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** The current language; the calling component re-renders when it changes. */
export function useLanguage(): Language {
  return useSyncExternalStore(subscribe, getLanguage, getLanguage)
}

/** `t` for components: subscribes to language changes so the text follows the switch. */
export function useT(): typeof t {
  useLanguage()
  return t
}
