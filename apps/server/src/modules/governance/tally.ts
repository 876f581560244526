import { hundredthsToArea } from '../../platform/area'

/**
 * The vote-tally engine for owners' joint decisions (业主共同决定, 民法典 第278条). Pure: no I/O, no clock.
 * Areas are integer hundredths of a m² (bigint) and heads are integers; every threshold is an exact
 * integer predicate (see /work/shared/domain/governance.md) — no division, no floating point.
 */

export const TIERS = ['ordinary', 'major'] as const
export const CHOICES = ['agree', 'oppose', 'abstain'] as const
/** 民法典 278: items 六、七、八 are major (≥ 3/4), the rest ordinary (> 1/2). */
export type Tier = (typeof TIERS)[number]
export type Choice = (typeof CHOICES)[number]

/** One exclusive unit (专有部分) of the frozen roll. Whether parking spaces are in it is the caller's call. */
export interface RollUnit {
  unit: string
  areaHundredths: bigint
  owners: readonly string[]
  developerHeld: boolean
}

/** One voting "person" in the sense of 区分所有权解释 第9条: 1 head, the area of all its units. */
export interface RollVoter {
  /** The smallest member id (plain code-unit order), or `developer:<first unit>` for an ownerless developer block. */
  voterId: string
  /** The person ids who may cast this voter's ballot, sorted. */
  memberIds: string[]
  /** Unit codes, in roll order. */
  units: string[]
  areaHundredths: bigint
}

export interface VoterRoll {
  /** In roll order (by each voter's first unit). */
  voters: RollVoter[]
  byPerson: Map<string, RollVoter>
  totalHeads: number
  totalAreaHundredths: bigint
}

export interface TopicInput {
  id: string
  tier: Tier
}

export interface BallotInput {
  /** The person id who cast the ballot (any member of a voter group). */
  voter: string
  topic: string
  choice: Choice
}

export interface TallyOptions {
  /** 从众: also return the variant where non-voters follow the majority. Off by default. */
  followMajority?: boolean
}

export interface VoteCounts {
  totalHeads: number
  totalAreaHundredths: bigint
  participatingHeads: number
  participatingAreaHundredths: bigint
  agreeHeads: number
  agreeAreaHundredths: bigint
  opposeHeads: number
  opposeAreaHundredths: bigint
  abstainHeads: number
  abstainAreaHundredths: bigint
}

export interface TopicCounts extends VoteCounts {
  quorumMet: boolean
  passed: boolean
}

export interface FollowMajorityCounts extends TopicCounts {
  /** The side non-voters were counted with, or null when heads and area do not both favour one side. */
  followedSide: 'agree' | 'oppose' | null
}

export interface TopicResult extends TopicCounts {
  id: string
  tier: Tier
  /** Present only when followMajority was asked for; the strict figures above are always there too. */
  followMajority?: FollowMajorityCounts
}

export interface TallyResult {
  roll: VoterRoll
  topics: TopicResult[]
}

/** The last counted choice of each voter group for one topic. */
export type ChoicesByVoter = ReadonlyMap<RollVoter, Choice>

/** Bad tally input; `path` names the offending entry (`ballots[3]`, `units[12].area`), the message is bilingual. */
export class TallyInputError extends Error {
  override readonly name = 'TallyInputError'

  constructor(
    readonly path: string,
    english: string,
    chinese: string,
  ) {
    super(`${path}: ${english} — ${chinese}`)
  }
}

// ── the roll: who counts as one person ─────────────────────────────────────────────────────────────

/** Union-find over node indexes (path halving, union by size). */
class DisjointSets {
  private readonly parent: Int32Array
  private readonly size: Int32Array

  constructor(count: number) {
    this.parent = Int32Array.from({ length: count }, (_, i) => i)
    this.size = new Int32Array(count).fill(1)
  }

  find(node: number): number {
    let current = node
    while (this.parent[current] !== current) {
      const grandparent = this.parent[this.parent[current]!]!
      this.parent[current] = grandparent
      current = grandparent
    }
    return current
  }

  union(a: number, b: number): void {
    let rootA = this.find(a)
    let rootB = this.find(b)
    if (rootA === rootB) return
    if (this.size[rootA]! < this.size[rootB]!) [rootA, rootB] = [rootB, rootA]
    this.parent[rootB] = rootA
    this.size[rootA]! += this.size[rootB]!
  }
}

function checkUnits(units: readonly RollUnit[]): void {
  if (units.length === 0)
    throw new TallyInputError('units', 'the roll has no units', '名册中没有任何专有部分')
  const seen = new Map<string, number>()
  units.forEach((unit, i) => {
    const path = `units[${i}]`
    const earlier = seen.get(unit.unit)
    if (earlier !== undefined) {
      throw new TallyInputError(
        path,
        `duplicate unit "${unit.unit}" (already units[${earlier}])`,
        `专有部分 "${unit.unit}" 重复（已见于 units[${earlier}]）`,
      )
    }
    seen.set(unit.unit, i)
    if (unit.areaHundredths < 0n) {
      throw new TallyInputError(
        path,
        `unit "${unit.unit}" has a negative area`,
        `专有部分 "${unit.unit}" 面积为负`,
      )
    }
    if (!unit.developerHeld && unit.owners.length === 0) {
      throw new TallyInputError(
        path,
        `unit "${unit.unit}" has no owners and is not developer-held`,
        `专有部分 "${unit.unit}" 没有业主，且不属于建设单位`,
      )
    }
  })
}

/** Person ids get the node indexes after the units: units are 0..n-1, persons n.. in first-seen order. */
function indexPersons(units: readonly RollUnit[]): Map<string, number> {
  const persons = new Map<string, number>()
  for (const unit of units) {
    for (const owner of unit.owners) if (!persons.has(owner)) persons.set(owner, units.length + persons.size)
  }
  return persons
}

function groupIntoVoters(
  units: readonly RollUnit[],
  persons: ReadonlyMap<string, number>,
  sets: DisjointSets,
): RollVoter[] {
  const byRoot = new Map<number, { units: string[]; area: bigint; members: string[] }>()
  units.forEach((unit, i) => {
    const root = sets.find(i)
    const group = byRoot.get(root) ?? { units: [], area: 0n, members: [] }
    byRoot.set(root, group)
    group.units.push(unit.unit)
    group.area += unit.areaHundredths
  })
  // Every person owns a unit, so every person's component already has a group.
  for (const [person, node] of persons) byRoot.get(sets.find(node))!.members.push(person)
  return [...byRoot.values()].map((group) => {
    const memberIds = group.members.sort()
    return {
      voterId: memberIds[0] ?? `developer:${group.units[0]}`,
      memberIds,
      units: group.units,
      areaHundredths: group.area,
    }
  })
}

/**
 * Who counts as one person (区分所有权解释 第9条), as connected components of the graph whose nodes are units
 * and persons and whose edges join each unit to each of its owners, with all developer-held units also joined
 * to one another:
 * - a unit with a single owner who owns nothing else is one head;
 * - co-owners of a unit land in one component: one head, any of them may cast its ballot;
 * - a person owning several units joins them: one head with all their area;
 * - all the developer's unsold/undelivered units are one head with their whole area; the owner ids listed on
 *   them (e.g. the developer's representatives) are the members who may vote for that block.
 * Chains combine (a owns u1, shares u2 with b, b owns u3 → one head), so no person is ever counted twice and
 * every unit's area is counted exactly once.
 */
export function buildVoters(units: readonly RollUnit[]): VoterRoll {
  checkUnits(units)
  const persons = indexPersons(units)
  const sets = new DisjointSets(units.length + persons.size)
  units.forEach((unit, i) => {
    for (const owner of unit.owners) sets.union(i, persons.get(owner)!)
  })
  const firstDeveloperUnit = units.findIndex((unit) => unit.developerHeld)
  units.forEach((unit, i) => {
    if (unit.developerHeld) sets.union(firstDeveloperUnit, i)
  })
  const voters = groupIntoVoters(units, persons, sets)
  const byPerson = new Map<string, RollVoter>()
  for (const voter of voters) for (const member of voter.memberIds) byPerson.set(member, voter)
  return {
    voters,
    byPerson,
    totalHeads: voters.length,
    totalAreaHundredths: voters.reduce((sum, voter) => sum + voter.areaHundredths, 0n),
  }
}

// ── ballots ──────────────────────────────────────────────────────────────────────────────────────────

const isTier = (value: unknown): value is Tier => TIERS.includes(value as Tier)
const isChoice = (value: unknown): value is Choice => CHOICES.includes(value as Choice)

function checkTopics(topics: readonly TopicInput[]): void {
  const seen = new Map<string, number>()
  topics.forEach((topic, i) => {
    const path = `topics[${i}]`
    const earlier = seen.get(topic.id)
    if (earlier !== undefined) {
      throw new TallyInputError(
        path,
        `duplicate topic id "${topic.id}" (already topics[${earlier}])`,
        `议题编号 "${topic.id}" 重复（已见于 topics[${earlier}]）`,
      )
    }
    seen.set(topic.id, i)
    if (!isTier(topic.tier)) {
      throw new TallyInputError(
        path,
        `topic "${topic.id}" has tier ${JSON.stringify(topic.tier)}, not "ordinary" or "major"`,
        `议题 "${topic.id}" 的类别 ${JSON.stringify(topic.tier)} 不是 "ordinary"（一般事项）或 "major"（重大事项）`,
      )
    }
  })
}

/**
 * Each voter group's counted choice per topic: a ballot by any member counts for the member's group, and the
 * last ballot in input order replaces earlier ones (a later valid ballot replaces an earlier one).
 */
export function lastChoicesByTopic(
  roll: VoterRoll,
  topics: readonly TopicInput[],
  ballots: readonly BallotInput[],
): Map<string, Map<RollVoter, Choice>> {
  checkTopics(topics)
  const byTopic = new Map(topics.map((topic) => [topic.id, new Map<RollVoter, Choice>()]))
  ballots.forEach((ballot, i) => {
    const path = `ballots[${i}]`
    const voter = roll.byPerson.get(ballot.voter)
    if (!voter) {
      throw new TallyInputError(
        path,
        `unknown voter "${ballot.voter}" (not an owner on the roll)`,
        `未知投票人 "${ballot.voter}"（不是名册中的业主）`,
      )
    }
    const choices = byTopic.get(ballot.topic)
    if (!choices) {
      throw new TallyInputError(path, `unknown topic "${ballot.topic}"`, `未知议题 "${ballot.topic}"`)
    }
    if (!isChoice(ballot.choice)) {
      throw new TallyInputError(
        path,
        `invalid choice ${JSON.stringify(ballot.choice)} (expected agree, oppose or abstain)`,
        `无效的表决意见 ${JSON.stringify(ballot.choice)}（应为 agree 同意、oppose 反对或 abstain 弃权）`,
      )
    }
    choices.set(voter, ballot.choice)
  })
  return byTopic
}

// ── counting and the 278 predicates ─────────────────────────────────────────────────────────────────

export function countChoices(roll: VoterRoll, choices: ChoicesByVoter): VoteCounts {
  const sides = {
    agree: { heads: 0, area: 0n },
    oppose: { heads: 0, area: 0n },
    abstain: { heads: 0, area: 0n },
  }
  for (const [voter, choice] of choices) {
    sides[choice].heads += 1
    sides[choice].area += voter.areaHundredths
  }
  const { agree, oppose, abstain } = sides
  return {
    totalHeads: roll.totalHeads,
    totalAreaHundredths: roll.totalAreaHundredths,
    // An abstention on a returned ballot is participation (参与表决), not agreement.
    participatingHeads: agree.heads + oppose.heads + abstain.heads,
    participatingAreaHundredths: agree.area + oppose.area + abstain.area,
    agreeHeads: agree.heads,
    agreeAreaHundredths: agree.area,
    opposeHeads: oppose.heads,
    opposeAreaHundredths: oppose.area,
    abstainHeads: abstain.heads,
    abstainAreaHundredths: abstain.area,
  }
}

/** ≥ 2/3 of all heads AND ≥ 2/3 of all area took part ("以上" includes the boundary, 民法典 1259). */
export function quorumMet(c: VoteCounts): boolean {
  return (
    3 * c.participatingHeads >= 2 * c.totalHeads &&
    3n * c.participatingAreaHundredths >= 2n * c.totalAreaHundredths
  )
}

/** Ordinary: > 1/2 (过半数 is strict). Major (278 六、七、八): ≥ 3/4. Both of participating heads AND area. */
export function agreeMeetsTier(tier: Tier, c: VoteCounts): boolean {
  if (tier === 'major') {
    return (
      4 * c.agreeHeads >= 3 * c.participatingHeads &&
      4n * c.agreeAreaHundredths >= 3n * c.participatingAreaHundredths
    )
  }
  return 2 * c.agreeHeads > c.participatingHeads && 2n * c.agreeAreaHundredths > c.participatingAreaHundredths
}

function decide(tier: Tier, counts: VoteCounts): TopicCounts {
  const quorum = quorumMet(counts)
  return { ...counts, quorumMet: quorum, passed: quorum && agreeMeetsTier(tier, counts) }
}

/**
 * 从众 (a per-community setting, off by default; the law is unsettled): non-voters follow the side — agree or
 * oppose — that has strictly more heads AND strictly more area among the returned ballots. When heads and area
 * disagree, or either ties, there is no majority to follow and non-voters stay out. Abstainers keep abstaining.
 */
export function majoritySide(c: VoteCounts): 'agree' | 'oppose' | null {
  if (c.agreeHeads > c.opposeHeads && c.agreeAreaHundredths > c.opposeAreaHundredths) return 'agree'
  if (c.opposeHeads > c.agreeHeads && c.opposeAreaHundredths > c.agreeAreaHundredths) return 'oppose'
  return null
}

function withNonVotersFollowing(roll: VoterRoll, choices: ChoicesByVoter, side: Choice): ChoicesByVoter {
  const followed = new Map(choices)
  for (const voter of roll.voters) if (!followed.has(voter)) followed.set(voter, side)
  return followed
}

function followMajorityCounts(roll: VoterRoll, tier: Tier, strict: VoteCounts, choices: ChoicesByVoter) {
  const side = majoritySide(strict)
  const counts = side ? countChoices(roll, withNonVotersFollowing(roll, choices, side)) : strict
  return { ...decide(tier, counts), followedSide: side }
}

/** One topic's strict 278 result, plus the 从众 variant beside it when asked for. */
export function tallyTopic(
  roll: VoterRoll,
  topic: TopicInput,
  choices: ChoicesByVoter,
  options: TallyOptions = {},
): TopicResult {
  const counts = countChoices(roll, choices)
  const strict: TopicResult = { id: topic.id, tier: topic.tier, ...decide(topic.tier, counts) }
  if (!options.followMajority) return strict
  return { ...strict, followMajority: followMajorityCounts(roll, topic.tier, counts, choices) }
}

/** Builds the roll from the units, then tallies every topic from the ballots (throws TallyInputError). */
export function tally(
  units: readonly RollUnit[],
  topics: readonly TopicInput[],
  ballots: readonly BallotInput[],
  options: TallyOptions = {},
): TallyResult {
  const roll = buildVoters(units)
  const choices = lastChoicesByTopic(roll, topics, ballots)
  return {
    roll,
    topics: topics.map((topic) => tallyTopic(roll, topic, choices.get(topic.id)!, options)),
  }
}

// ── output ───────────────────────────────────────────────────────────────────────────────────────────

export interface FormattedCounts {
  totalHeads: number
  totalArea: string
  participatingHeads: number
  participatingArea: string
  agreeHeads: number
  agreeArea: string
  opposeHeads: number
  opposeArea: string
  abstainHeads: number
  abstainArea: string
  quorumMet: boolean
  passed: boolean
}

export interface FormattedTopicResult extends FormattedCounts {
  id: string
  tier: Tier
  followMajority?: FormattedCounts & { followedSide: 'agree' | 'oppose' | null }
}

export function formatCounts(c: TopicCounts): FormattedCounts {
  return {
    totalHeads: c.totalHeads,
    totalArea: hundredthsToArea(c.totalAreaHundredths),
    participatingHeads: c.participatingHeads,
    participatingArea: hundredthsToArea(c.participatingAreaHundredths),
    agreeHeads: c.agreeHeads,
    agreeArea: hundredthsToArea(c.agreeAreaHundredths),
    opposeHeads: c.opposeHeads,
    opposeArea: hundredthsToArea(c.opposeAreaHundredths),
    abstainHeads: c.abstainHeads,
    abstainArea: hundredthsToArea(c.abstainAreaHundredths),
    quorumMet: c.quorumMet,
    passed: c.passed,
  }
}

/** JSON-ready: areas as decimal strings with exactly two decimals. */
export function formatTopicResult(r: TopicResult): FormattedTopicResult {
  const formatted: FormattedTopicResult = { id: r.id, tier: r.tier, ...formatCounts(r) }
  if (r.followMajority) {
    formatted.followMajority = {
      ...formatCounts(r.followMajority),
      followedSide: r.followMajority.followedSide,
    }
  }
  return formatted
}
