import { MATTER_ITEMS, type Tier, tierOfItem } from '@meihao/contracts'
import type { I18n } from '../../i18n/I18nProvider'

/** One of the nine matters of 民法典 278 第一款. */
export type MatterItem = (typeof MATTER_ITEMS)[number]

const isMatterItem = (n: number): n is MatterItem => (MATTER_ITEMS as readonly number[]).includes(n)

/** "五、使用建筑物及其附属设施的维修资金" for item 5. */
export const matterLabel = (t: I18n['t'], item: number): string =>
  isMatterItem(item) ? t(`matter.${item}`) : String(item)

/** The nine matters for a select, each with the tier it decides by. */
export const matterOptions = (t: I18n['t']): { value: MatterItem; label: string; tier: Tier }[] =>
  MATTER_ITEMS.map((item) => ({ value: item, label: matterLabel(t, item), tier: tierOfItem(item) }))
