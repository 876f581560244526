import type {
  Disclosure,
  DisclosureType,
  DisclosureVersion,
  FundStatementContent,
  MyDecision,
  MyUnit,
} from '../../api/types'
import { formatFen } from '../ticket/rules'

/**
 * The rules of the 公示 pages that need no browser: the kinds in their order, quarters, bar heights,
 * the shapes of generated content, and which community the owner's units belong to. Money stays integer
 * fen throughout; bar heights are worked out with integers too.
 */

/** Every kind of disclosure, in the order the owner reads them (民法典 943 first, then 282/283, then the rest). */
export const DISCLOSURE_TYPE_ORDER = [
  'service_items',
  'responsible_people',
  'quality_standards',
  'fee_standards',
  'performance_report',
  'public_revenue_statement',
  'fund_statement',
  'assembly_decision',
  'committee_decision',
  'budget_accounts',
  'audit',
  'handover_inspection',
  'notice',
] as const satisfies readonly DisclosureType[]

// A kind added to the contracts and missing here is a compile error.
type Unlisted = Exclude<DisclosureType, (typeof DISCLOSURE_TYPE_ORDER)[number]>
const everyKindListed: [Unlisted] extends [never] ? true : never = true
void everyKindListed

export function isDisclosureType(value: string | null): value is DisclosureType {
  return value !== null && (DISCLOSURE_TYPE_ORDER as readonly string[]).includes(value)
}

/** How many items of each kind, for the filter's chips: only kinds that have some, in reading order. */
export function typeCounts(items: readonly Pick<Disclosure, 'type'>[]): [DisclosureType, number][] {
  const counts = new Map<DisclosureType, number>()
  for (const item of items) counts.set(item.type, (counts.get(item.type) ?? 0) + 1)
  return DISCLOSURE_TYPE_ORDER.flatMap((type) => {
    const count = counts.get(type)
    return count ? [[type, count] as [DisclosureType, number]] : []
  })
}

// ── quarters ────────────────────────────────────────────────────────────────────────────────────────

const QUARTER = /^(\d{4})-Q([1-4])$/

/** The quarter a calendar date (YYYY-MM-DD) falls in: "2026-03-31" → "2026-Q1". */
export function quarterOfDate(date: string): string {
  const year = date.slice(0, 4)
  const month = Number(date.slice(5, 7))
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`
}

/** "2026-Q1" as its year and number, or null when it is not a quarter. */
export function quarterParts(quarter: string): { year: string; n: number } | null {
  const match = QUARTER.exec(quarter)
  return match ? { year: match[1]!, n: Number(match[2]) } : null
}

export interface ChartQuarter {
  quarter: string
  incomeFen: number
  costFen: number
}

/**
 * The last `limit` quarters up to the newest, oldest first (the server sends newest first and only quarters
 * with entries), quarters without entries filled in as zero so the chart keeps time evenly.
 */
export function chartQuarters(quarters: readonly ChartQuarter[], limit = 8): ChartQuarter[] {
  const known = new Map(quarters.map((q) => [q.quarter, q]))
  const indexes = quarters.flatMap((q) => {
    const parts = quarterParts(q.quarter)
    return parts ? [Number(parts.year) * 4 + parts.n - 1] : []
  })
  if (indexes.length === 0) return []
  const last = Math.max(...indexes)
  const first = Math.max(Math.min(...indexes), last - limit + 1)
  const series: ChartQuarter[] = []
  for (let i = first; i <= last; i++) {
    const quarter = `${Math.floor(i / 4)}-Q${(i % 4) + 1}`
    series.push(known.get(quarter) ?? { quarter, incomeFen: 0, costFen: 0 })
  }
  return series
}

/**
 * A bar's height as thousandths of the tallest (0–1000), in integers: no floating point touches money.
 * Negative amounts draw no bar.
 */
export function barPermille(fen: number, maxFen: number): number {
  if (!Number.isSafeInteger(fen) || !Number.isSafeInteger(maxFen) || fen <= 0 || maxFen <= 0) return 0
  return Number((BigInt(Math.min(fen, maxFen)) * 1000n) / BigInt(maxFen))
}

// ── amounts and areas ───────────────────────────────────────────────────────────────────────────────

/** An area in hundredths of m² (a decimal string from the server) as "6000.00": string arithmetic only. */
export function hundredthsText(hundredths: string): string {
  if (!/^\d+$/.test(hundredths)) return hundredths
  const digits = hundredths.padStart(3, '0')
  return `${digits.slice(0, -2).replace(/^0+(?=\d)/, '')}.${digits.slice(-2)}`
}

/** "+¥1,000.00" for money in, "-¥200.00" for money out, "¥0.00" for none. */
export function signedFenText(fen: number): string {
  return fen > 0 ? `+${formatFen(fen)}` : formatFen(fen)
}

/** Basis points as a percentage, exactly: 5 → "0.05%", 1000 → "10.00%". */
export function bpText(bp: number): string {
  if (!Number.isSafeInteger(bp) || bp < 0) return '—'
  return `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`
}

/** A file's size for people: 980 B, 12.3 KB, 4.5 MB. */
export function fileSizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

// ── versions ────────────────────────────────────────────────────────────────────────────────────────

export interface VersionLine extends DisclosureVersion {
  /** The version on screen. */
  shown: boolean
}

/** Every version of an item's series, the one on screen among them, newest first. */
export function versionsOf(item: Disclosure): VersionLine[] {
  const lines: VersionLine[] = [
    {
      id: item.id,
      version: item.version,
      publishedAt: item.publishedAt,
      correctionNote: item.correctionNote,
      shown: true,
    },
    ...item.history.map((v) => ({ ...v, shown: false })),
  ]
  return lines.sort((a, b) => b.version - a.version)
}

/** The newest version of the series, when the one on screen is not it. */
export function newerVersion(item: Disclosure): DisclosureVersion | null {
  const newest = item.history.reduce<DisclosureVersion | null>(
    (best, v) => (v.version > (best?.version ?? item.version) ? v : best),
    null,
  )
  return newest
}

// ── generated content: the system writes it from its own figures, the app reads it defensively ─────

type Json = Record<string, unknown>
const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isInt = (value: unknown): value is number => Number.isSafeInteger(value)
const isText = (value: unknown): value is string => typeof value === 'string'
const textOrNull = (value: unknown): string | null => (isText(value) ? value : null)

export interface FeeStandardLine {
  code: string
  name: string
  kind: string
  cycle: string
  areaBasis: string
  /** 元 with up to four decimals, as billing holds it; null when no standard is in force. */
  rate: string | null
  effectiveFrom: string | null
  lateFee: { dailyRateBp: number; graceDays: number; capBp: number | null } | null
}

/** The fee items and standards of a `fee_standards` item, or null when the content is not that. */
export function feeStandardsOf(content: unknown): FeeStandardLine[] | null {
  if (!isRecord(content) || !Array.isArray(content.items)) return null
  const lines: FeeStandardLine[] = []
  for (const item of content.items) {
    if (!isRecord(item) || !isText(item.name)) return null
    const late = isRecord(item.lateFee) && isInt(item.lateFee.dailyRateBp) ? item.lateFee : null
    lines.push({
      code: isText(item.code) ? item.code : '',
      name: item.name,
      kind: isText(item.kind) ? item.kind : '',
      cycle: isText(item.cycle) ? item.cycle : '',
      areaBasis: isText(item.areaBasis) ? item.areaBasis : '',
      rate: textOrNull(item.rate),
      effectiveFrom: textOrNull(item.effectiveFrom),
      lateFee: late
        ? {
            dailyRateBp: late.dailyRateBp as number,
            graceDays: isInt(late.graceDays) ? late.graceDays : 0,
            capBp: isInt(late.capBp) ? late.capBp : null,
          }
        : null,
    })
  }
  return lines
}

export interface RevenueStatementEntry {
  date: string
  kind: string
  source: string | null
  signedFen: number
  summary: string
  /** The sha256 of each evidence file: they are among the item's attachments. */
  evidence: string[]
}

export interface RevenueStatement {
  quarter: string
  from: string
  to: string
  incomeFen: number
  costFen: number
  netFen: number
  useFen: number
  bySource: { source: string; fen: number }[]
  rule: string
  minToFundFen: number
  toFundFen: number
  openingFen: number
  closingFen: number
  entries: RevenueStatementEntry[]
}

const FIGURES = ['incomeFen', 'costFen', 'netFen', 'toFundFen'] as const

/** A quarter's public-revenue statement (`public_revenue_statement`), or null when the content is not one. */
export function revenueStatementOf(content: unknown): RevenueStatement | null {
  if (!isRecord(content) || !isText(content.quarter)) return null
  if (!FIGURES.every((key) => isInt(content[key]))) return null
  const int = (key: string) => (isInt(content[key]) ? (content[key] as number) : 0)
  const bySource = isRecord(content.bySource)
    ? Object.entries(content.bySource).flatMap(([source, fen]) => (isInt(fen) ? [{ source, fen }] : []))
    : []
  const entries = Array.isArray(content.entries)
    ? content.entries.flatMap((e): RevenueStatementEntry[] =>
        isRecord(e) && isText(e.date) && isInt(e.signedFen)
          ? [
              {
                date: e.date,
                kind: isText(e.kind) ? e.kind : '',
                source: textOrNull(e.source),
                signedFen: e.signedFen,
                summary: isText(e.summary) ? e.summary : '',
                evidence: Array.isArray(e.evidence) ? e.evidence.filter(isText) : [],
              },
            ]
          : [],
      )
    : []
  return {
    quarter: content.quarter,
    from: isText(content.from) ? content.from : '',
    to: isText(content.to) ? content.to : '',
    incomeFen: int('incomeFen'),
    costFen: int('costFen'),
    netFen: int('netFen'),
    useFen: int('useFen'),
    bySource,
    rule: isText(content.rule) ? content.rule : '',
    minToFundFen: int('minToFundFen'),
    toFundFen: int('toFundFen'),
    openingFen: int('openingFen'),
    closingFen: int('closingFen'),
    entries,
  }
}

/** The maintenance fund's statement as the server writes it. */
export type FundStatement = FundStatementContent

/** The figures every fund statement carries, in fen. */
export const FUND_FIGURES = [
  'openingFen',
  'firstDepositFen',
  'depositFen',
  'gainFen',
  'publicRevenueFen',
  'spentFen',
  'closingFen',
] as const

/** The maintenance fund's statement for a period (`fund_statement`), or null when the content is not one. */
export function fundStatementOf(content: unknown): FundStatement | null {
  if (!isRecord(content) || !FUND_FIGURES.every((key) => isInt(content[key]))) return null
  const int = (record: Json, key: string) => (isInt(record[key]) ? (record[key] as number) : 0)
  const projects = Array.isArray(content.projects)
    ? content.projects.flatMap((p): FundStatement['projects'] =>
        isRecord(p) && isText(p.title)
          ? [
              {
                title: p.title,
                emergencyCategory: textOrNull(p.emergencyCategory),
                settledOn: isText(p.settledOn) ? p.settledOn : '',
                costFen: int(p, 'costFen'),
                units: int(p, 'units'),
                fromFundFen: int(p, 'fromFundFen'),
                shortfallFen: int(p, 'shortfallFen'),
              },
            ]
          : [],
      )
    : []
  const units = Array.isArray(content.units)
    ? content.units.flatMap((u): FundStatement['units'] =>
        isRecord(u) && isText(u.code)
          ? [
              {
                code: u.code,
                firstDepositFen: int(u, 'firstDepositFen'),
                balanceFen: int(u, 'balanceFen'),
                needsTopUp: u.needsTopUp === true,
              },
            ]
          : [],
      )
    : []
  return {
    from: isText(content.from) ? content.from : '',
    to: isText(content.to) ? content.to : '',
    openingFen: int(content, 'openingFen'),
    firstDepositFen: int(content, 'firstDepositFen'),
    depositFen: int(content, 'depositFen'),
    gainFen: int(content, 'gainFen'),
    publicRevenueFen: int(content, 'publicRevenueFen'),
    spentFen: int(content, 'spentFen'),
    closingFen: int(content, 'closingFen'),
    firstDepositsTotalFen: int(content, 'firstDepositsTotalFen'),
    projects,
    units,
    ...(content.unitsWithheld === true ? { unitsWithheld: true as const } : {}),
  }
}

// ── my communities ──────────────────────────────────────────────────────────────────────────────────

export interface Community {
  id: string
  name: string
}

/**
 * The community id of a unit, when the server sends one. `GET /api/v1/me/units` carries `communityId` since
 * the contract's MyUnit has it; a server from before that does not, so it is read defensively.
 */
export function unitCommunityId(unit: MyUnit): string | null {
  const id = (unit as MyUnit & { communityId?: unknown }).communityId
  return typeof id === 'string' && id !== '' ? id : null
}

/**
 * The communities of my units, in the order of the units, each once. A unit's community is its own
 * `communityId` when sent; otherwise that of its fund sub-account (owners), or of a decision of a community
 * with the same name. Names no source could match are returned as `unresolved`.
 */
export function communitiesOf(
  units: readonly MyUnit[],
  fundAccounts: readonly { unitId: string; communityId: string }[] = [],
  decisions: readonly Pick<MyDecision, 'communityId' | 'communityName'>[] = [],
): { communities: Community[]; unresolved: string[] } {
  const byUnit = new Map(fundAccounts.map((a) => [a.unitId, a.communityId]))
  const byName = new Map<string, string>()
  for (const unit of units) {
    const id = unitCommunityId(unit) ?? byUnit.get(unit.id)
    if (id && !byName.has(unit.communityName)) byName.set(unit.communityName, id)
  }
  for (const d of decisions) if (!byName.has(d.communityName)) byName.set(d.communityName, d.communityId)

  const communities: Community[] = []
  const unresolved: string[] = []
  for (const unit of units) {
    const id = unitCommunityId(unit) ?? byUnit.get(unit.id) ?? byName.get(unit.communityName)
    if (!id) {
      if (!unresolved.includes(unit.communityName)) unresolved.push(unit.communityName)
    } else if (!communities.some((c) => c.id === id)) {
      communities.push({ id, name: unit.communityName })
    }
  }
  return { communities, unresolved }
}
