/** Server-side message catalogs. Each module registers its own codes; zh-CN is the default language. */
export const LANGUAGES = ['zh-CN', 'en-US'] as const
export type Language = (typeof LANGUAGES)[number]

export type Messages = Record<string, string>
export type Catalog = Record<Language, Messages>

const catalog: Catalog = { 'zh-CN': {}, 'en-US': {} }

export function registerMessages(messages: Catalog): void {
  for (const lang of LANGUAGES) {
    for (const [code, text] of Object.entries(messages[lang])) {
      if (catalog[lang][code] !== undefined && catalog[lang][code] !== text) {
        throw new Error(`i18n: message ${code} registered twice with different text`)
      }
      catalog[lang][code] = text
    }
  }
}

/** Replaces {name} placeholders; a code with no message falls back to the code itself. */
export function translate(lang: Language, code: string, params: Record<string, unknown> = {}): string {
  const template = catalog[lang][code] ?? catalog['zh-CN'][code] ?? code
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? `{${key}}`))
}

export function hasMessage(lang: Language, code: string): boolean {
  return catalog[lang][code] !== undefined
}

/** Picks zh-CN or en-US from an Accept-Language header by the first language the caller prefers. */
export function pickLanguage(header: string | undefined): Language {
  if (!header) return 'zh-CN'
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';')
      const q = rest.find((r) => r.trim().startsWith('q='))
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 }
    })
    .filter((lang) => lang.q > 0)
    .sort((a, b) => b.q - a.q)
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN'
    if (tag.startsWith('en')) return 'en-US'
  }
  return 'zh-CN'
}
