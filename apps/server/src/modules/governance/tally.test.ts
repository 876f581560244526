import { describe, expect, it } from 'vitest'
import { areaToHundredths, hundredthsToArea } from '../../platform/area'
import {
  type BallotInput,
  buildVoters,
  type Choice,
  type FormattedTopicResult,
  formatTopicResult,
  type RollUnit,
  TallyInputError,
  type Tier,
  type TopicResult,
  tally,
} from './tally'
import { parseTallyFile } from './tally-file'

const h = areaToHundredths
const unit = (code: string, area: string, owners: string[], developerHeld = false): RollUnit => ({
  unit: code,
  areaHundredths: h(area),
  owners,
  developerHeld,
})
const ballot = (voter: string, choice: Choice, topic = 't1'): BallotInput => ({ voter, topic, choice })

/** Throws the TallyInputError of `run`, so tests can look at its path and message. */
function inputErrorOf(run: () => unknown): TallyInputError {
  try {
    run()
  } catch (error) {
    if (error instanceof TallyInputError) return error
    throw error
  }
  throw new Error('expected a TallyInputError')
}

// ── thresholds on small rolls: one single-owner unit per entry ──────────────────────────────────────

/** `[area, vote]` per voter; '-' is a voter who returned no ballot. */
type Voter = readonly [area: string, vote: Choice | '-']

function tallySingles(tier: Tier, voters: readonly Voter[], followMajority = false): TopicResult {
  const units = voters.map(([area], i) => unit(`u${i}`, area, [`p${i}`]))
  const ballots = voters.flatMap(([, vote], i) => (vote === '-' ? [] : [ballot(`p${i}`, vote)]))
  return tally(units, [{ id: 't1', tier }], ballots, { followMajority }).topics[0]!
}

const times = (n: number, voter: Voter): Voter[] => Array.from({ length: n }, () => voter)

const yes = (area: string): Voter => [area, 'agree']
const no = (area: string): Voter => [area, 'oppose']
const abstains = (area: string): Voter => [area, 'abstain']
const away = (area: string): Voter => [area, '-']

describe('participation: ≥ 2/3 of heads AND ≥ 2/3 of area took part', () => {
  // biome-ignore format: one case per line reads as a table
  it.each([
    { name: 'exactly 2/3 of heads and of area', voters: [yes('100.00'), yes('100.00'), away('100.00')], quorumMet: true },
    { name: 'exactly 2/3 of heads (4 of 6), area ample', voters: [...times(4, yes('100.00')), ...times(2, away('1.00'))], quorumMet: true },
    { name: 'one head below 2/3 (3 of 6), area ample', voters: [...times(3, yes('100.00')), ...times(3, away('1.00'))], quorumMet: false },
    { name: 'exactly 2/3 of area (200.00 of 300.00), heads ample', voters: [yes('100.00'), yes('50.00'), yes('50.00'), away('100.00')], quorumMet: true },
    { name: '0.01 m² below 2/3 of area, heads ample', voters: [yes('100.00'), yes('50.00'), yes('49.99'), away('100.01')], quorumMet: false },
    { name: '0.01 m² below 2/3 of area, heads exactly 2/3', voters: [yes('100.00'), yes('99.99'), away('100.01')], quorumMet: false },
    { name: 'area ok but heads short', voters: [yes('300.00'), away('1.00'), away('1.00')], quorumMet: false },
    { name: 'heads ok but area short', voters: [yes('1.00'), yes('1.00'), away('300.00')], quorumMet: false },
    { name: 'abstentions and oppositions take part too', voters: [abstains('100.00'), no('100.00'), away('100.00')], quorumMet: true },
  ] satisfies { name: string; voters: Voter[]; quorumMet: boolean }[])('$name', ({ voters, quorumMet }) => {
    for (const tier of ['ordinary', 'major'] as const) {
      const result = tallySingles(tier, voters)
      expect(result.quorumMet).toBe(quorumMet)
      // Where every participant agrees, participation alone decides the outcome.
      const allParticipantsAgree = voters.every(([, vote]) => vote === 'agree' || vote === '-')
      expect(result.passed).toBe(quorumMet && allParticipantsAgree)
    }
  })
})

describe('agreement thresholds (all voters take part unless marked)', () => {
  // biome-ignore format: one case per line reads as a table
  it.each([
    // ordinary: > 1/2 of participating heads AND area (过半数 is strict)
    { tier: 'ordinary', name: 'exactly 1/2 of heads agree, area ample', voters: [yes('100.00'), yes('100.00'), no('50.00'), no('50.00')], passed: false },
    { tier: 'ordinary', name: 'one head above 1/2, area ample', voters: [yes('100.00'), yes('100.00'), yes('50.00'), no('50.00')], passed: true },
    { tier: 'ordinary', name: 'exactly 1/2 of area agrees, heads ample', voters: [yes('50.00'), yes('50.00'), yes('50.00'), no('150.00')], passed: false },
    { tier: 'ordinary', name: '0.01 m² above 1/2 of area, heads ample', voters: [yes('50.00'), yes('50.00'), yes('50.01'), no('149.99')], passed: true },
    { tier: 'ordinary', name: 'exactly 1/2 of heads and of area', voters: [yes('100.00'), no('100.00')], passed: false },
    { tier: 'ordinary', name: 'heads ok but area short', voters: [yes('1.00'), yes('1.00'), no('100.00')], passed: false },
    { tier: 'ordinary', name: 'area ok but heads short', voters: [yes('100.00'), no('1.00'), no('1.00')], passed: false },
    { tier: 'ordinary', name: 'an abstention participates but does not agree', voters: [yes('100.00'), yes('100.00'), abstains('100.00'), no('100.00')], passed: false },
    { tier: 'ordinary', name: 'non-voters are not in the base of the majority', voters: [yes('100.00'), yes('100.00'), no('100.00'), away('100.00')], passed: true },
    { tier: 'ordinary', name: 'unanimous without quorum fails', voters: [yes('100.00'), away('100.00'), away('100.00')], passed: false },
    // major: ≥ 3/4 of participating heads AND area (以上 includes the boundary)
    { tier: 'major', name: 'exactly 3/4 of heads and of area', voters: [...times(3, yes('100.00')), no('100.00')], passed: true },
    { tier: 'major', name: 'exactly 3/4 of heads (6 of 8), area ample', voters: [...times(6, yes('100.00')), ...times(2, no('1.00'))], passed: true },
    { tier: 'major', name: 'one head below 3/4 (5 of 8), area ample', voters: [...times(5, yes('100.00')), ...times(3, no('1.00'))], passed: false },
    { tier: 'major', name: 'exactly 3/4 of area (300.00 of 400.00), heads exactly 3/4', voters: [yes('150.00'), yes('75.00'), yes('75.00'), no('100.00')], passed: true },
    { tier: 'major', name: '0.01 m² below 3/4 of area, heads exactly 3/4', voters: [yes('100.00'), yes('100.00'), yes('99.99'), no('100.01')], passed: false },
    { tier: 'major', name: '0.01 m² below 3/4 of area, heads ample', voters: [...times(4, yes('60.00')), yes('59.99'), no('100.01')], passed: false },
    { tier: 'major', name: 'heads exactly 3/4 but area short', voters: [...times(3, yes('1.00')), no('100.00')], passed: false },
    { tier: 'major', name: 'area ample but heads short', voters: [yes('100.00'), yes('100.00'), no('1.00'), no('1.00')], passed: false },
    { tier: 'major', name: 'a majority that passes an ordinary matter is not enough', voters: [yes('100.00'), yes('100.00'), no('100.00')], passed: false },
    { tier: 'major', name: 'an abstention counts against (3 of 4 agree, 1 abstains)', voters: [...times(3, yes('100.00')), abstains('100.00')], passed: true },
    { tier: 'major', name: 'an abstention counts against (2 of 3 agree, 1 abstains)', voters: [...times(2, yes('100.00')), abstains('100.00')], passed: false },
  ] satisfies { tier: Tier; name: string; voters: Voter[]; passed: boolean }[])('$tier: $name', ({ tier, voters, passed }) => {
    const result = tallySingles(tier, voters)
    expect(result.passed).toBe(passed)
  })

  it('reports every figure of a topic', () => {
    const result = tallySingles('ordinary', [yes('100.00'), no('80.50'), abstains('60.25'), away('40.01')])
    expect(formatTopicResult(result)).toEqual({
      id: 't1',
      tier: 'ordinary',
      totalHeads: 4,
      totalArea: '280.76',
      participatingHeads: 3,
      participatingArea: '240.75',
      agreeHeads: 1,
      agreeArea: '100.00',
      opposeHeads: 1,
      opposeArea: '80.50',
      abstainHeads: 1,
      abstainArea: '60.25',
      quorumMet: true,
      passed: false,
    } satisfies FormattedTopicResult)
  })
})

// ── the worked example of governance.md ─────────────────────────────────────────────────────────────

/**
 * 300 units, 30,000.00 m²: the developer holds 20 units (2,000.00 m²), one investor owns 4 (400.00 m²), and
 * 276 single owners share the remaining 27,600.00 m² — split per scenario so each boundary can be reached.
 */
interface Group {
  choice: Choice | null
  singles: number
  /** The group's whole area, including the developer's and investor's when they are in it. */
  area: string
  developer?: true
  investor?: true
}

function workedEstate(groups: readonly Group[]) {
  const units: RollUnit[] = []
  const ballots: BallotInput[] = []
  for (let i = 1; i <= 20; i++) units.push(unit(`D-${i}`, '100.00', ['developer'], true))
  for (let i = 1; i <= 4; i++) units.push(unit(`I-${i}`, '100.00', ['investor']))
  let owner = 0
  for (const group of groups) {
    const vote = (voter: string) => {
      if (group.choice) ballots.push(ballot(voter, group.choice))
    }
    if (group.developer) vote('developer')
    if (group.investor) vote('investor')
    const singlesArea = h(group.area) - (group.developer ? 200000n : 0n) - (group.investor ? 40000n : 0n)
    const each = singlesArea / BigInt(group.singles)
    for (let i = 0; i < group.singles; i++) {
      owner += 1
      const area = i === 0 ? singlesArea - each * BigInt(group.singles - 1) : each
      units.push({ unit: `S-${owner}`, areaHundredths: area, owners: [`o${owner}`], developerHeld: false })
      vote(`o${owner}`)
    }
  }
  if (owner !== 276) throw new Error(`the example has 276 single owners, not ${owner}`)
  return { units, ballots }
}

const dev = { developer: true, investor: true } as const

describe('worked example (governance.md): 300 units, 278 heads, 30,000.00 m²', () => {
  it('counts 278 heads: 276 single owners + the developer block + the investor', () => {
    const { units } = workedEstate([{ choice: null, singles: 276, area: '27600.00' }])
    const roll = buildVoters(units)
    expect(units).toHaveLength(300)
    expect(roll.totalHeads).toBe(278)
    expect(hundredthsToArea(roll.totalAreaHundredths)).toBe('30000.00')
    expect(roll.byPerson.get('developer')!.units).toHaveLength(20)
    expect(hundredthsToArea(roll.byPerson.get('developer')!.areaHundredths)).toBe('2000.00')
    expect(hundredthsToArea(roll.byPerson.get('investor')!.areaHundredths)).toBe('400.00')
  })

  it.each([
    {
      name: '186 heads and 20,000.00 m² take part: quorum',
      tier: 'ordinary',
      groups: [
        { choice: 'agree', singles: 184, area: '20000.00', ...dev },
        { choice: null, singles: 92, area: '10000.00' },
      ],
      expected: { participatingHeads: 186, participatingArea: '20000.00', quorumMet: true, passed: true },
    },
    {
      name: '185 heads (3·185 = 555 < 556): no quorum',
      tier: 'ordinary',
      groups: [
        { choice: 'agree', singles: 183, area: '20000.00', ...dev },
        { choice: null, singles: 93, area: '10000.00' },
      ],
      expected: { participatingHeads: 185, participatingArea: '20000.00', quorumMet: false, passed: false },
    },
    {
      name: '19,999.99 m²: no quorum',
      tier: 'ordinary',
      groups: [
        { choice: 'agree', singles: 184, area: '19999.99', ...dev },
        { choice: null, singles: 92, area: '10000.01' },
      ],
      expected: { participatingHeads: 186, participatingArea: '19999.99', quorumMet: false, passed: false },
    },
    {
      name: 'ordinary, 101 heads and 10,500.01 m² of 200 / 21,000.00 agree: passes',
      tier: 'ordinary',
      groups: [
        { choice: 'agree', singles: 99, area: '10500.01', ...dev },
        { choice: 'oppose', singles: 99, area: '10499.99' },
        { choice: null, singles: 78, area: '9000.00' },
      ],
      expected: {
        participatingHeads: 200,
        participatingArea: '21000.00',
        agreeHeads: 101,
        agreeArea: '10500.01',
        passed: true,
      },
    },
    {
      name: 'ordinary, 100 heads agree (area ample): fails',
      tier: 'ordinary',
      groups: [
        { choice: 'agree', singles: 98, area: '12000.00', ...dev },
        { choice: 'oppose', singles: 100, area: '9000.00' },
        { choice: null, singles: 78, area: '9000.00' },
      ],
      expected: {
        participatingHeads: 200,
        participatingArea: '21000.00',
        agreeHeads: 100,
        agreeArea: '12000.00',
        passed: false,
      },
    },
    {
      name: 'ordinary, 101 heads but exactly 10,500.00 m² agree: fails',
      tier: 'ordinary',
      groups: [
        { choice: 'agree', singles: 99, area: '10500.00', ...dev },
        { choice: 'oppose', singles: 99, area: '10500.00' },
        { choice: null, singles: 78, area: '9000.00' },
      ],
      expected: {
        participatingHeads: 200,
        participatingArea: '21000.00',
        agreeHeads: 101,
        agreeArea: '10500.00',
        passed: false,
      },
    },
    {
      name: 'major, 150 heads and 15,750.00 m² agree: passes',
      tier: 'major',
      groups: [
        { choice: 'agree', singles: 148, area: '15750.00', ...dev },
        { choice: 'oppose', singles: 50, area: '5250.00' },
        { choice: null, singles: 78, area: '9000.00' },
      ],
      expected: {
        participatingHeads: 200,
        participatingArea: '21000.00',
        agreeHeads: 150,
        agreeArea: '15750.00',
        passed: true,
      },
    },
    {
      name: 'major, 149 heads agree: fails',
      tier: 'major',
      groups: [
        { choice: 'agree', singles: 147, area: '15750.00', ...dev },
        { choice: 'oppose', singles: 51, area: '5250.00' },
        { choice: null, singles: 78, area: '9000.00' },
      ],
      expected: {
        participatingHeads: 200,
        participatingArea: '21000.00',
        agreeHeads: 149,
        agreeArea: '15750.00',
        passed: false,
      },
    },
    {
      name: 'major, 15,749.99 m² agree: fails',
      tier: 'major',
      groups: [
        { choice: 'agree', singles: 148, area: '15749.99', ...dev },
        { choice: 'oppose', singles: 50, area: '5250.01' },
        { choice: null, singles: 78, area: '9000.00' },
      ],
      expected: {
        participatingHeads: 200,
        participatingArea: '21000.00',
        agreeHeads: 150,
        agreeArea: '15749.99',
        passed: false,
      },
    },
  ] satisfies { name: string; tier: Tier; groups: Group[]; expected: Partial<FormattedTopicResult> }[])(
    '$name',
    ({ tier, groups, expected }) => {
      const { units, ballots } = workedEstate(groups)
      const [result] = tally(units, [{ id: 't1', tier }], ballots).topics
      expect(formatTopicResult(result!)).toMatchObject({
        totalHeads: 278,
        totalArea: '30000.00',
        ...expected,
      })
    },
  )
})

// ── who counts as one person ────────────────────────────────────────────────────────────────────────

describe('counting rules', () => {
  const topics = [{ id: 't1', tier: 'ordinary' as const }]

  it('counts all developer-held units as one head with their whole area, whoever is listed on them', () => {
    const units = [
      unit('D-1', '100.00', ['dev']),
      unit('A-1', '90.00', ['a']),
      unit('D-2', '120.00', ['dev', 'agent'], true),
      unit('D-3', '80.00', [], true),
    ]
    units[0]!.developerHeld = true
    const roll = buildVoters(units)
    expect(roll.totalHeads).toBe(2)
    expect(roll.voters.map((v) => v.voterId)).toEqual(['agent', 'a'])
    const block = roll.byPerson.get('dev')!
    expect(block).toBe(roll.byPerson.get('agent'))
    expect(block).toMatchObject({
      memberIds: ['agent', 'dev'],
      units: ['D-1', 'D-2', 'D-3'],
      areaHundredths: 30000n,
    })

    const [result] = tally(units, topics, [ballot('agent', 'agree')]).topics
    expect(result).toMatchObject({ participatingHeads: 1, agreeHeads: 1, agreeAreaHundredths: 30000n })
  })

  it('gives an ownerless developer block an id of its own; nobody can vote for it', () => {
    const roll = buildVoters([
      unit('D-2', '50.00', [], true),
      unit('D-1', '50.00', [], true),
      unit('A', '1.00', ['a']),
    ])
    expect(roll.voters.map((v) => [v.voterId, v.memberIds, v.areaHundredths])).toEqual([
      ['developer:D-2', [], 10000n],
      ['a', ['a'], 100n],
    ])
  })

  it('counts an owner of several units once, with their summed area, and one ballot per topic', () => {
    const units = [unit('1', '80.00', ['p']), unit('2', '70.50', ['p']), unit('3', '60.00', ['q'])]
    const roll = buildVoters(units)
    expect(roll.totalHeads).toBe(2)
    expect(roll.byPerson.get('p')).toMatchObject({ units: ['1', '2'], areaHundredths: 15050n })

    const [result] = tally(units, topics, [ballot('p', 'agree'), ballot('p', 'agree')]).topics
    expect(result).toMatchObject({ participatingHeads: 1, agreeHeads: 1, agreeAreaHundredths: 15050n })
  })

  it('counts co-owners of a unit as one head; either may vote; the last ballot wins', () => {
    const units = [
      unit('1', '90.00', ['wife', 'husband']),
      unit('2', '90.00', ['x']),
      unit('3', '90.00', ['y']),
    ]
    expect(buildVoters(units)).toMatchObject({ totalHeads: 3, totalAreaHundredths: 27000n })
    expect(buildVoters(units).byPerson.get('wife')!.voterId).toBe('husband')

    const count = (ballots: BallotInput[]) => tally(units, topics, ballots).topics[0]!
    expect(count([ballot('wife', 'agree')])).toMatchObject({ participatingHeads: 1, agreeHeads: 1 })
    expect(count([ballot('husband', 'oppose')])).toMatchObject({ participatingHeads: 1, opposeHeads: 1 })
    expect(count([ballot('wife', 'agree'), ballot('husband', 'oppose')])).toMatchObject({
      participatingHeads: 1,
      agreeHeads: 0,
      opposeHeads: 1,
      opposeAreaHundredths: 9000n,
    })
    expect(count([ballot('husband', 'oppose'), ballot('wife', 'agree')])).toMatchObject({
      participatingHeads: 1,
      agreeHeads: 1,
      opposeHeads: 0,
    })
  })

  it('joins chains: a owns u1, shares u2 with b, b owns u3 → one head with all three areas', () => {
    const units = [
      unit('u1', '10.00', ['a']),
      unit('u2', '20.00', ['a', 'b']),
      unit('u3', '30.00', ['b']),
      unit('u4', '40.00', ['c']),
    ]
    const roll = buildVoters(units)
    expect(roll.totalHeads).toBe(2)
    expect(roll.voters[0]).toEqual({
      voterId: 'a',
      memberIds: ['a', 'b'],
      units: ['u1', 'u2', 'u3'],
      areaHundredths: 6000n,
    })
    const [result] = tally(units, topics, [
      ballot('b', 'agree'),
      ballot('c', 'oppose'),
      ballot('a', 'abstain'),
    ]).topics
    expect(result).toMatchObject({
      participatingHeads: 2,
      abstainHeads: 1,
      abstainAreaHundredths: 6000n,
      agreeHeads: 0,
    })
  })

  it('lets a later ballot replace an earlier one, per topic', () => {
    const units = [unit('1', '10.00', ['a']), unit('2', '10.00', ['b'])]
    const result = tally(
      units,
      [
        { id: 't1', tier: 'ordinary' },
        { id: 't2', tier: 'major' },
      ],
      [
        ballot('a', 'agree', 't1'),
        ballot('a', 'agree', 't2'),
        ballot('a', 'oppose', 't1'),
        ballot('b', 'agree', 't2'),
      ],
    )
    expect(result.topics[0]).toMatchObject({ id: 't1', agreeHeads: 0, opposeHeads: 1, participatingHeads: 1 })
    expect(result.topics[1]).toMatchObject({ id: 't2', agreeHeads: 2, passed: true })
  })

  it('counts parking units only when the caller puts them in the roll', () => {
    const homes = [
      unit('1-101', '90.00', ['a']),
      unit('1-102', '90.00', ['b']),
      unit('1-103', '90.00', ['c']),
    ]
    const parking = [unit('P-001', '12.50', ['a']), unit('P-002', '12.50', ['d'])]
    expect(buildVoters(homes)).toMatchObject({ totalHeads: 3, totalAreaHundredths: 27000n })
    // a's space joins a's flat (one person, more area); d owns only a space and becomes a head of their own.
    expect(buildVoters([...homes, ...parking])).toMatchObject({ totalHeads: 4, totalAreaHundredths: 29500n })
  })

  it('tallies a mixed meeting: the same ballots pass an ordinary topic and fail a major one', () => {
    const units = [unit('1', '10.00', ['a']), unit('2', '10.00', ['b']), unit('3', '10.00', ['c'])]
    const ballots = [ballot('a', 'agree', 'o'), ballot('b', 'agree', 'o'), ballot('c', 'oppose', 'o')]
    ballots.push(...ballots.map((b) => ({ ...b, topic: 'm' })))
    const result = tally(
      units,
      [
        { id: 'o', tier: 'ordinary' },
        { id: 'm', tier: 'major' },
      ],
      ballots,
    )
    expect(result.topics.map((t) => [t.id, t.tier, t.passed])).toEqual([
      ['o', 'ordinary', true],
      ['m', 'major', false],
    ])
  })

  it('shows a topic without ballots as not quorate', () => {
    const [result] = tally([unit('1', '10.00', ['a'])], topics, []).topics
    expect(result).toMatchObject({ participatingHeads: 0, participatingAreaHundredths: 0n, quorumMet: false })
  })
})

// ── 从众 ───────────────────────────────────────────────────────────────────────────────────────────

describe('followMajority (从众)', () => {
  it('is off by default: no variant', () => {
    expect(tallySingles('ordinary', [yes('10.00')])).not.toHaveProperty('followMajority')
  })

  it('counts non-voters with the side that has more heads AND more area; the strict result stays beside it', () => {
    const voters: Voter[] = [yes('100.00'), yes('100.00'), no('50.00'), ...times(3, away('80.00'))]
    const result = tallySingles('ordinary', voters, true)
    expect(result).toMatchObject({ participatingHeads: 3, quorumMet: false, passed: false })
    expect(result.followMajority).toMatchObject({
      followedSide: 'agree',
      participatingHeads: 6,
      participatingAreaHundredths: 49000n,
      agreeHeads: 5,
      agreeAreaHundredths: 44000n,
      opposeHeads: 1,
      quorumMet: true,
      passed: true,
    })
  })

  it('follows an opposing majority too, and leaves abstainers abstaining', () => {
    const voters: Voter[] = [yes('10.00'), no('50.00'), no('50.00'), abstains('20.00'), away('30.00')]
    const result = tallySingles('major', voters, true)
    expect(result.followMajority).toMatchObject({
      followedSide: 'oppose',
      opposeHeads: 3,
      opposeAreaHundredths: 13000n,
      abstainHeads: 1,
      agreeHeads: 1,
      passed: false,
    })
  })

  // biome-ignore format: one case per line reads as a table
  it.each([
    { name: 'heads favour agree, area favours oppose', voters: [yes('10.00'), yes('10.00'), no('50.00')] },
    { name: 'area favours agree, heads favour oppose', voters: [yes('50.00'), no('10.00'), no('10.00')] },
    { name: 'heads tie', voters: [yes('50.00'), no('10.00')] },
    { name: 'area ties', voters: [yes('20.00'), yes('10.00'), no('30.00')] },
    { name: 'no ballots at all', voters: [] },
    { name: 'only abstentions', voters: [abstains('20.00')] },
  ] satisfies { name: string; voters: Voter[] }[])('leaves non-voters out when there is no clear majority: $name', ({ voters }) => {
    const result = tallySingles('ordinary', [...voters, away('40.00'), away('40.00')], true)
    const { followMajority, id, tier, ...strict } = result
    expect(followMajority).toEqual({ ...strict, followedSide: null })
  })

  it('is formatted beside the strict result', () => {
    const formatted = formatTopicResult(tallySingles('ordinary', [yes('10.00'), away('5.00')], true))
    expect(formatted).toMatchObject({ participatingArea: '10.00', quorumMet: false })
    expect(formatted.followMajority).toMatchObject({
      followedSide: 'agree',
      participatingArea: '15.00',
      passed: true,
    })
  })
})

// ── bad input ───────────────────────────────────────────────────────────────────────────────────────

describe('errors name the offending entry', () => {
  const units = [unit('1', '10.00', ['a']), unit('2', '10.00', ['b'])]
  const topics = [{ id: 't1', tier: 'ordinary' as const }]

  it.each([
    {
      name: 'a ballot by a person not on the roll',
      run: () => tally(units, topics, [ballot('a', 'agree'), ballot('zed', 'agree')]),
      path: 'ballots[1]',
      message:
        'ballots[1]: unknown voter "zed" (not an owner on the roll) — 未知投票人 "zed"（不是名册中的业主）',
    },
    {
      name: 'a ballot for an unknown topic',
      run: () => tally(units, topics, [ballot('a', 'agree', 't9')]),
      path: 'ballots[0]',
      message: 'ballots[0]: unknown topic "t9" — 未知议题 "t9"',
    },
    {
      name: 'an invalid choice',
      run: () => tally(units, topics, [ballot('a', 'agree'), ballot('b', 'yes' as Choice)]),
      path: 'ballots[1]',
      message: /^ballots\[1\]: invalid choice "yes" .* — 无效的表决意见 "yes"/,
    },
    {
      name: 'duplicate topic ids',
      run: () => tally(units, [...topics, { id: 't2', tier: 'major' }, { id: 't1', tier: 'major' }], []),
      path: 'topics[2]',
      message:
        'topics[2]: duplicate topic id "t1" (already topics[0]) — 议题编号 "t1" 重复（已见于 topics[0]）',
    },
    {
      name: 'an unknown tier',
      run: () => tally(units, [{ id: 't1', tier: 'huge' as Tier }], []),
      path: 'topics[0]',
      message: /^topics\[0\]: topic "t1" has tier "huge"/,
    },
    {
      name: 'duplicate unit codes',
      run: () => buildVoters([...units, unit('1', '5.00', ['c'])]),
      path: 'units[2]',
      message: 'units[2]: duplicate unit "1" (already units[0]) — 专有部分 "1" 重复（已见于 units[0]）',
    },
    {
      name: 'a unit without owners that is not developer-held',
      run: () => buildVoters([...units, unit('3', '5.00', [])]),
      path: 'units[2]',
      message: /^units\[2\]: unit "3" has no owners and is not developer-held — /,
    },
    {
      name: 'a negative area',
      run: () => buildVoters([{ unit: 'x', areaHundredths: -1n, owners: ['a'], developerHeld: false }]),
      path: 'units[0]',
      message: /^units\[0\]: unit "x" has a negative area/,
    },
    {
      name: 'an empty roll',
      run: () => buildVoters([]),
      path: 'units',
      message: /^units: the roll has no units/,
    },
  ])('$name', ({ run, path, message }) => {
    const error = inputErrorOf(run)
    expect(error.path).toBe(path)
    expect(error.message).toMatch(message)
  })
})

// ── the re-tally file ───────────────────────────────────────────────────────────────────────────────

describe('parseTallyFile', () => {
  const file = (overrides: Record<string, unknown> = {}) => ({
    units: [
      { unit: '3-2-1501', area: '89.37', owners: ['p17'], developerHeld: false },
      { unit: 'D-1', area: '120.5', developerHeld: true },
      { unit: '3-2-1502', area: '90', owners: ['p18', 'p19'] },
    ],
    topics: [{ id: 't1', tier: 'ordinary' }],
    ballots: [{ voter: 'p17', topic: 't1', choice: 'agree' }],
    ...overrides,
  })

  it('reads units, topics and ballots; areas to hundredths; defaults; extra keys ignored', () => {
    const parsed = parseTallyFile(file({ decision: { title: '选聘物业' }, chain: ['x'], rollHash: 'abc' }))
    expect(parsed).toEqual({
      units: [
        { unit: '3-2-1501', areaHundredths: 8937n, owners: ['p17'], developerHeld: false },
        { unit: 'D-1', areaHundredths: 12050n, owners: [], developerHeld: true },
        { unit: '3-2-1502', areaHundredths: 9000n, owners: ['p18', 'p19'], developerHeld: false },
      ],
      topics: [{ id: 't1', tier: 'ordinary' }],
      ballots: [{ voter: 'p17', topic: 't1', choice: 'agree' }],
    })
  })

  it('names an area with three decimals exactly', () => {
    const units = file().units
    units[1] = { unit: 'D-1', area: '89.375', developerHeld: true }
    expect(inputErrorOf(() => parseTallyFile(file({ units }))).message).toBe(
      'units[1].area: "89.375" is not an area with at most 2 decimals — 不是最多两位小数的面积',
    )
  })

  it.each(['-1.00', '1e3', ' 89.37', '89.', '.5', '', '1,000.00', '８９'])('refuses the area %j', (area) => {
    const error = inputErrorOf(() => parseTallyFile(file({ units: [{ unit: 'x', area, owners: ['a'] }] })))
    expect(error.path).toBe('units[0].area')
    expect(error.message).toContain(`${JSON.stringify(area)} is not an area with at most 2 decimals`)
  })

  it.each([
    {
      name: 'an area as a number',
      data: { units: [{ unit: 'x', area: 89.37, owners: ['a'] }] },
      path: 'units[0].area',
      message: 'units[0].area: 89.37 is not an area text',
    },
    {
      name: 'a missing unit code',
      data: { units: [{ area: '1.00', owners: ['a'] }] },
      path: 'units[0].unit',
      message: 'units[0].unit: is missing — 缺少此项',
    },
    {
      name: 'an empty owner id',
      data: { units: [{ unit: 'x', area: '1.00', owners: [''] }] },
      path: 'units[0].owners[0]',
      message: 'units[0].owners[0]: "" must not be empty — 不能为空',
    },
    {
      name: 'developerHeld not a boolean',
      data: { units: [{ unit: 'x', area: '1.00', developerHeld: 'yes' }] },
      path: 'units[0].developerHeld',
      message: 'units[0].developerHeld: "yes" is not true or false',
    },
    {
      name: 'an unknown tier',
      data: { topics: [{ id: 't1', tier: 'big' }] },
      path: 'topics[0].tier',
      message: 'topics[0].tier: "big" is not "ordinary" or "major"',
    },
    {
      name: 'an unknown choice',
      data: {
        ballots: [
          { voter: 'p17', topic: 't1', choice: 'agree' },
          { voter: 'p17', topic: 't1', choice: 'yes' },
        ],
      },
      path: 'ballots[1].choice',
      message: 'ballots[1].choice: "yes" is not "agree", "oppose" or "abstain"',
    },
    {
      name: 'ballots not a list',
      data: { ballots: {} },
      path: 'ballots',
      message: 'ballots: {} is not a list — 不是列表',
    },
    {
      name: 'missing topics',
      data: { topics: undefined },
      path: 'topics',
      message: 'topics: is missing — 缺少此项',
    },
  ])('names $name', ({ data, path, message }) => {
    const error = inputErrorOf(() => parseTallyFile(file(data)))
    expect(error.path).toBe(path)
    expect(error.message.startsWith(message)).toBe(true)
  })

  it('refuses a document that is not an object', () => {
    for (const json of [null, [], 'units', 3]) {
      expect(inputErrorOf(() => parseTallyFile(json)).path).toBe('(file)')
    }
  })

  it('says how many more problems there are', () => {
    const error = inputErrorOf(() => parseTallyFile(file({ topics: [{ id: '', tier: 'x' }] })))
    expect(error.message).toBe('topics[0].id: "" must not be empty (and 1 more) — 不能为空（另有 1 处问题）')
  })

  it('keeps entry indexes, so errors found while tallying name the same file entry', () => {
    const parsed = parseTallyFile(
      file({
        ballots: [
          { voter: 'p17', topic: 't1', choice: 'agree' },
          { voter: 'p99', topic: 't1', choice: 'agree' },
        ],
      }),
    )
    expect(inputErrorOf(() => tally(parsed.units, parsed.topics, parsed.ballots)).path).toBe('ballots[1]')
  })
})
