import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { areaToHundredths, hundredthsToArea } from '../../platform/area'
import {
  type BallotInput,
  buildVoters,
  CHOICES,
  type FormattedCounts,
  formatTopicResult,
  type RollUnit,
  type TallyResult,
  TIERS,
  type TopicCounts,
  type TopicInput,
  tally,
} from './tally'
import { parseTallyFile } from './tally-file'

const RUNS = { numRuns: 150 }
const PERSONS = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6']

/** Small rolls where people share and collect units, with the odd developer-held unit (possibly ownerless). */
const unitArb = fc
  .record({
    areaHundredths: fc.bigInt({ min: 0n, max: 50_000n }),
    owners: fc.uniqueArray(fc.constantFrom(...PERSONS), { minLength: 0, maxLength: 3 }),
    developerHeld: fc.integer({ min: 0, max: 4 }).map((n) => n === 0), // about one unit in five
  })
  .map(({ areaHundredths, owners, developerHeld }) => ({
    areaHundredths,
    // Only a developer-held unit may list nobody.
    owners: owners.length === 0 && !developerHeld ? ['p0'] : owners,
    developerHeld,
  }))

const rollArb = fc
  .array(unitArb, { minLength: 1, maxLength: 8 })
  .map((units): RollUnit[] => units.map((u, i) => ({ unit: `u${i}`, ...u })))

const topicsArb = fc
  .array(fc.constantFrom(...TIERS), { minLength: 1, maxLength: 3 })
  .map((tiers): TopicInput[] => tiers.map((tier, i) => ({ id: `t${i}`, tier })))

/** Ballots drawn by index, so every voter is a person on the roll and every topic exists. */
const meetingArb = fc
  .record({
    units: rollArb,
    topics: topicsArb,
    draws: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...CHOICES)), { maxLength: 20 }),
  })
  .map(({ units, topics, draws }) => {
    const persons = [...new Set(units.flatMap((u) => u.owners))]
    const ballots: BallotInput[] =
      persons.length === 0
        ? []
        : draws.map(([person, topic, choice]) => ({
            voter: persons[person % persons.length]!,
            topic: topics[topic % topics.length]!.id,
            choice,
          }))
    return { units, topics, ballots, persons }
  })

const isDeveloperUnit = (units: readonly RollUnit[], code: string) =>
  units.some((u) => u.unit === code && u.developerHeld)

const run = (m: { units: RollUnit[]; topics: TopicInput[]; ballots: BallotInput[] }): TallyResult =>
  tally(m.units, m.topics, m.ballots, { followMajority: true })

/**
 * Moves ballots of different (voter group, topic) pairs past one another while keeping each pair's ballots in
 * their original relative order: the slots a pair occupies after a random permutation get its ballots in order.
 */
function shuffleKeepingPairOrder(
  ballots: BallotInput[],
  pairOf: (b: BallotInput) => string,
  sortKeys: number[],
) {
  const permuted = ballots
    .map((ballot, i) => ({ ballot, key: sortKeys[i] ?? 0 }))
    .sort((a, b) => a.key - b.key)
    .map(({ ballot }) => ballot)
  const queues = new Map<string, BallotInput[]>()
  for (const ballot of ballots) queues.set(pairOf(ballot), [...(queues.get(pairOf(ballot)) ?? []), ballot])
  return permuted.map((ballot) => queues.get(pairOf(ballot))!.shift()!)
}

describe('tally properties', () => {
  it('(a) does not depend on ballot order as long as each voter group keeps its last ballot per topic', () => {
    fc.assert(
      fc.property(
        meetingArb,
        fc.array(fc.integer(), { minLength: 20, maxLength: 20 }),
        (meeting, sortKeys) => {
          const roll = buildVoters(meeting.units)
          const pairOf = (b: BallotInput) => `${roll.byPerson.get(b.voter)!.voterId}\u0000${b.topic}`
          const shuffled = shuffleKeepingPairOrder(meeting.ballots, pairOf, sortKeys)
          expect(run({ ...meeting, ballots: shuffled }).topics).toEqual(run(meeting).topics)
        },
      ),
      RUNS,
    )
  })

  it('(b) a ballot from a voter group that has not voted on a topic never lowers its participation', () => {
    fc.assert(
      fc.property(
        meetingArb,
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.constantFrom(...CHOICES),
        (m, who, where, t, choice) => {
          fc.pre(m.persons.length > 0)
          const roll = buildVoters(m.units)
          const topic = m.topics[t % m.topics.length]!.id
          const voted = new Set(
            m.ballots.filter((b) => b.topic === topic).map((b) => roll.byPerson.get(b.voter)),
          )
          const newcomers = m.persons.filter((p) => !voted.has(roll.byPerson.get(p)))
          fc.pre(newcomers.length > 0)
          const voter = newcomers[who % newcomers.length]!
          const ballots = [...m.ballots]
          ballots.splice(where % (ballots.length + 1), 0, { voter, topic, choice })

          const before = run(m).topics.find((r) => r.id === topic)!
          const after = run({ ...m, ballots }).topics.find((r) => r.id === topic)!
          expect(after.participatingHeads).toBe(before.participatingHeads + 1)
          expect(after.participatingAreaHundredths).toBe(
            before.participatingAreaHundredths + roll.byPerson.get(voter)!.areaHundredths,
          )
          expect(after.participatingAreaHundredths >= before.participatingAreaHundredths).toBe(true)
        },
      ),
      RUNS,
    )
  })

  it('(c) keeps the invariants: the parts add up, never exceed the totals, and the totals are the roll’s', () => {
    const checkCounts = (c: TopicCounts, totalHeads: number, totalArea: bigint) => {
      expect(c.participatingHeads).toBe(c.agreeHeads + c.opposeHeads + c.abstainHeads)
      expect(c.participatingAreaHundredths).toBe(
        c.agreeAreaHundredths + c.opposeAreaHundredths + c.abstainAreaHundredths,
      )
      expect(c.participatingHeads).toBeLessThanOrEqual(c.totalHeads)
      expect(c.participatingAreaHundredths <= c.totalAreaHundredths).toBe(true)
      expect([c.totalHeads, c.totalAreaHundredths]).toEqual([totalHeads, totalArea])
      if (c.passed) expect(c.quorumMet).toBe(true)
    }
    fc.assert(
      fc.property(meetingArb, (m) => {
        const roll = buildVoters(m.units)
        // The roll itself: every unit and every person in exactly one voter; heads are voters.
        expect(roll.voters.flatMap((v) => v.units).sort()).toEqual(m.units.map((u) => u.unit).sort())
        expect(roll.voters.flatMap((v) => v.memberIds).sort()).toEqual([...m.persons].sort())
        expect(roll.totalHeads).toBe(roll.voters.length)
        expect(roll.totalAreaHundredths).toBe(m.units.reduce((sum, u) => sum + u.areaHundredths, 0n))
        expect(
          roll.voters.filter((v) => v.units.some((code) => isDeveloperUnit(m.units, code))).length,
        ).toBeLessThanOrEqual(1)

        const result = run(m)
        const strictOnly = tally(m.units, m.topics, m.ballots).topics
        result.topics.forEach((topic, i) => {
          checkCounts(topic, roll.totalHeads, roll.totalAreaHundredths)
          checkCounts(topic.followMajority!, roll.totalHeads, roll.totalAreaHundredths)
          // 从众 only ever adds participants, and never changes the strict figures beside it.
          expect(topic.followMajority!.participatingHeads).toBeGreaterThanOrEqual(topic.participatingHeads)
          const { followMajority, ...strict } = topic
          expect(strict).toEqual(strictOnly[i])
        })
      }),
      RUNS,
    )
  })

  it('(d) formats areas as 2-decimal strings that read back to the exact hundredths', () => {
    const areaFields = ['total', 'participating', 'agree', 'oppose', 'abstain'] as const
    fc.assert(
      fc.property(meetingArb, (m) => {
        for (const topic of run(m).topics) {
          const formatted = formatTopicResult(topic)
          const pairs: [TopicCounts, FormattedCounts][] = [
            [topic, formatted],
            [topic.followMajority!, formatted.followMajority!],
          ]
          for (const [counts, shown] of pairs) {
            for (const field of areaFields) {
              const text = shown[`${field}Area`]
              expect(text).toMatch(/^\d+\.\d{2}$/)
              expect(areaToHundredths(text)).toBe(counts[`${field}AreaHundredths`])
            }
          }
        }
      }),
      RUNS,
    )
  })

  it('(e) re-tallying an export package (JSON, as `meihao tally` reads it) gives the published result', () => {
    fc.assert(
      fc.property(meetingArb, fc.boolean(), ({ units, topics, ballots }, followMajority) => {
        const published = tally(units, topics, ballots, { followMajority }).topics.map(formatTopicResult)
        // What the export writes: areas as decimal strings, plus keys the re-tally must ignore.
        const exported = JSON.parse(
          JSON.stringify({
            format: 'meihao-decision-export/1',
            rollHash: 'ab'.repeat(32),
            units: units.map((u) => ({
              unit: u.unit,
              area: hundredthsToArea(u.areaHundredths),
              owners: u.owners,
              developerHeld: u.developerHeld,
            })),
            topics: topics.map((t) => ({ ...t, title: '议题' })),
            ballots: ballots.map((b, seq) => ({ ...b, seq })),
          }),
        )
        const file = parseTallyFile(exported)
        const retallied = tally(file.units, file.topics, file.ballots, { followMajority }).topics.map(
          formatTopicResult,
        )
        expect(retallied).toEqual(published)
      }),
      RUNS,
    )
  })
})
