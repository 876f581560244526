import { createHash } from 'node:crypto'

/**
 * The ballot hash chain, pure. Each event's hash is SHA-256 over the previous hash and the event's
 * canonical JSON (keys sorted, choices sorted by topic id), so anyone holding the published events and
 * the roll hash (the first event's predecessor) can recompute every link.
 */
export interface ChainEvent {
  decisionId: string
  seq: number
  voter: string
  castBy: string
  channel: 'online' | 'paper' | 'proxy'
  choices: Readonly<Record<string, string>>
  /** When the event was recorded: ISO 8601 with milliseconds, UTC. */
  castAt: string
  /**
   * When the voter cast it: the recording time online; the signing time of a paper ballot, which a
   * clerk may key in later. The count orders each voter's ballots by this, not by recording.
   */
  effectiveAt: string
  /** Content hashes of the scans behind a paper or proxy ballot (ballot, authorisation); [] online. */
  evidence: readonly string[]
}

export interface ChainedEvent extends ChainEvent {
  prevHash: string
  hash: string
}

export type ChainProblem = { seq: number; reason: 'hash_mismatch' | 'link_broken' | 'sequence_gap' }

export function canonicalEvent(event: ChainEvent): string {
  const choices = Object.fromEntries(Object.entries(event.choices).sort(([a], [b]) => (a < b ? -1 : 1)))
  return JSON.stringify({
    castAt: event.castAt,
    castBy: event.castBy,
    channel: event.channel,
    choices,
    decisionId: event.decisionId,
    effectiveAt: event.effectiveAt,
    evidence: [...event.evidence],
    seq: event.seq,
    voter: event.voter,
  })
}

export function eventHash(prevHash: string, event: ChainEvent): string {
  return createHash('sha256')
    .update(`${prevHash}\n${canonicalEvent(event)}`)
    .digest('hex')
}

/**
 * Checks a whole chain in order: sequence numbers 1, 2, 3…, each event linked to the one before (the
 * first to `genesis`, the roll hash) and each hash recomputed. Names the first event that fails.
 */
export function verifyChain(
  genesis: string,
  events: readonly ChainedEvent[],
): { valid: boolean; head: string | null; problem: ChainProblem | null } {
  let prev = genesis
  for (const [i, event] of events.entries()) {
    if (event.seq !== i + 1) return invalid({ seq: event.seq, reason: 'sequence_gap' })
    if (event.prevHash !== prev) return invalid({ seq: event.seq, reason: 'link_broken' })
    if (eventHash(prev, event) !== event.hash) return invalid({ seq: event.seq, reason: 'hash_mismatch' })
    prev = event.hash
  }
  return { valid: true, head: events.length > 0 ? prev : null, problem: null }
}

const invalid = (problem: ChainProblem) => ({ valid: false, head: null, problem })

/** SHA-256 of the frozen roll in the export's own form, so a re-tally can check it against the notice. */
export function rollHash(
  decisionId: string,
  units: readonly { unit: string; area: string; owners: readonly string[]; developerHeld: boolean }[],
): string {
  const canonical = units
    .map((u) => ({
      unit: u.unit,
      area: u.area,
      owners: [...u.owners].sort(),
      developerHeld: u.developerHeld,
    }))
    .sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0))
  return createHash('sha256')
    .update(JSON.stringify({ decisionId, units: canonical }))
    .digest('hex')
}
