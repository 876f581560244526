import { z } from 'zod'
import { areaToHundredths } from '../../platform/area'
import { type BallotInput, CHOICES, type RollUnit, TallyInputError, TIERS, type TopicInput } from './tally'

/**
 * The offline re-tally file (anyone holding the published data can re-tally it):
 *   { "units":   [{ "unit": "3-2-1501", "area": "89.37", "owners": ["p17"], "developerHeld": false }],
 *     "topics":  [{ "id": "t1", "tier": "ordinary" }],
 *     "ballots": [{ "voter": "p17", "topic": "t1", "choice": "agree" }] }
 * Other keys (an export package also carries e.g. `decision`, `chain`, `rollHash`) are ignored.
 */

/** Plain decimal, at most 2 decimals: no sign, no exponent, no spaces — what areaToHundredths reads exactly. */
const AREA = /^\d+(?:\.\d{1,2})?$/

const text = () =>
  z.string({ error: 'is not a text — 不是文本' }).min(1, { error: 'must not be empty — 不能为空' })
const list = <T extends z.ZodType>(item: T) => z.array(item, { error: 'is not a list — 不是列表' })
const object = <T extends z.ZodRawShape>(shape: T) =>
  z.object(shape, { error: 'is not an object — 不是对象' })

const UnitEntry = object({
  unit: text(),
  area: z
    .string({ error: 'is not an area text like "89.37" — 不是 "89.37" 这样的面积文本' })
    .regex(AREA, { error: 'is not an area with at most 2 decimals — 不是最多两位小数的面积' }),
  // A developer's unsold unit may list nobody; a unit without owners that is not developer-held is refused later.
  owners: list(text()).default([]),
  developerHeld: z.boolean({ error: 'is not true or false — 不是 true 或 false' }).default(false),
})

const TopicEntry = object({
  id: text(),
  tier: z.enum(TIERS, {
    error: 'is not "ordinary" or "major" — 不是 "ordinary"（一般事项）或 "major"（重大事项）',
  }),
})

const BallotEntry = object({
  voter: text(),
  topic: text(),
  choice: z.enum(CHOICES, {
    error:
      'is not "agree", "oppose" or "abstain" — 不是 "agree"（同意）、"oppose"（反对）或 "abstain"（弃权）',
  }),
})

export const TallyFile = object({
  units: list(UnitEntry),
  topics: list(TopicEntry),
  ballots: list(BallotEntry),
})

export interface TallyFileInput {
  units: RollUnit[]
  topics: TopicInput[]
  ballots: BallotInput[]
}

/** `units[12].area` from ['units', 12, 'area']. */
function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join('')
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let value = json
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}

/** The offending value, short enough for one line of output. */
function shown(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value)
  return json.length > 60 ? `${json.slice(0, 57)}...` : json
}

function inputError(json: unknown, issues: z.ZodError['issues']): TallyInputError {
  const first = issues[0]!
  const more = issues.length - 1
  const extra = more > 0 ? [` (and ${more} more)`, `（另有 ${more} 处问题）`] : ['', '']
  if (first.path.length === 0) {
    return new TallyInputError(
      '(file)',
      `not an object with "units", "topics" and "ballots" lists${extra[0]}`,
      `不是包含 "units"、"topics"、"ballots" 列表的对象${extra[1]}`,
    )
  }
  const path = pathText(first.path)
  const value = valueAt(json, first.path)
  if (value === undefined) return new TallyInputError(path, `is missing${extra[0]}`, `缺少此项${extra[1]}`)
  const [english, chinese] = first.message.split(' — ')
  return new TallyInputError(
    path,
    `${shown(value)} ${english}${extra[0]}`,
    `${chinese ?? english}${extra[1]}`,
  )
}

/** Validates a parsed JSON document and converts areas to hundredths; throws TallyInputError naming the entry. */
export function parseTallyFile(json: unknown): TallyFileInput {
  const parsed = TallyFile.safeParse(json)
  if (!parsed.success) throw inputError(json, parsed.error.issues)
  const { units, topics, ballots } = parsed.data
  return {
    units: units.map((entry) => ({
      unit: entry.unit,
      areaHundredths: areaToHundredths(entry.area),
      owners: entry.owners,
      developerHeld: entry.developerHeld,
    })),
    topics,
    ballots,
  }
}
