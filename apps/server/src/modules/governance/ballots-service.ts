import { createHash, randomInt, timingSafeEqual } from 'node:crypto'
import type { BallotReceipt, Choice } from '@meihao/contracts'
import { type Expression, type SqlBool, sql } from 'kysely'
import type { Deps } from '../../platform/deps'
import { AppError } from '../../platform/errors'
import { recordStoredFile, saveFile, type UploadedFile } from '../../platform/files'
import { actorOf, inTenant, type RequestContext } from '../../platform/http/context'
import { translate } from '../../platform/i18n/catalog'
import { uuidv7 } from '../../platform/ids'
import { queueSms } from '../../platform/sms'
import { partiesOfAccount } from '../estate/published'
import { type ChainEvent, eventHash } from './chain'
import { decisionScope, outsideWindow } from './decisions-service'
import { type DecisionRow, loadTopics, requireDecision, type Tx } from './repository'
import './messages'

const CODE_MINUTES = 10
const CODE_ATTEMPTS = 5
/** A paper ballot's signing time may run this far ahead of the server clock (a clerk's watch). */
const CLOCK_SKEW_MS = 5 * 60_000
const CODES_PER_HOUR = 5
const MAX_FAILED_CODES = 10

/**
 * The decision as it stands, refused unless a ballot can be taken now. Online: voting open and the
 * window running. Paper: voting open (until the count, even after the window) and the ballot signed
 * inside the window — a box emptied at the deadline is keyed in afterwards. Called twice per ballot:
 * unlocked for the checks, then locked (FOR UPDATE) just around the append, so the lock that
 * serialises a decision's ballots is held for the append alone.
 */
async function requireVotable(
  tx: Tx,
  tenantId: string,
  id: string,
  scope: Expression<SqlBool> = sql<SqlBool>`true`,
  options: { forUpdate?: boolean; paperSignedAt?: Date | undefined } = {},
) {
  const d = await requireDecision(tx, tenantId, id, scope, options)
  if (d.status !== 'open') {
    throw new AppError(409, 'GOVERNANCE_INVALID_STATE', { status: d.status, action: 'vote' })
  }
  const now = new Date()
  const signed = options.paperSignedAt
  if (signed) {
    if (
      signed < d.voting_starts_at ||
      signed >= d.voting_ends_at ||
      signed.getTime() > now.getTime() + CLOCK_SKEW_MS
    )
      throw outsideWindow(d)
  } else if (now < d.voting_starts_at || now >= d.voting_ends_at) throw outsideWindow(d)
  return d
}

/** The caller's place on the roll: their party, its pseudonym and the voter it belongs to. */
async function myRollEntry(tx: Tx, ctx: RequestContext, tenantId: string, decisionId: string) {
  const parties = await partiesOfAccount(tx, tenantId, actorOf(ctx).accountId)
  const entry =
    parties.length === 0
      ? undefined
      : await tx
          .selectFrom('decision_roll_members')
          .select(['party_id', 'pseudonym', 'voter_key'])
          .where('tenant_id', '=', tenantId)
          .where('decision_id', '=', decisionId)
          .where(
            'party_id',
            'in',
            parties.map((p) => p.id),
          )
          .orderBy('pseudonym')
          .executeTakeFirst()
  if (!entry) throw new AppError(403, 'GOVERNANCE_NOT_ON_ROLL')
  return { ...entry, phone_enc: parties.find((p) => p.id === entry.party_id)?.phoneEnc ?? null }
}

const codeHash = (codeId: string, code: string) => createHash('sha256').update(`${codeId}:${code}`).digest()

/** Sends a one-time code to the phone on the owner's record; it confirms one online ballot. */
export function requestVoteCode(ctx: RequestContext, deps: Deps, decisionId: string) {
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    // The roll first: someone not on it learns nothing about the decision, not even its status.
    const me = await myRollEntry(tx, ctx, tenantId, decisionId)
    const d = await requireVotable(tx, tenantId, decisionId)
    if (!me.phone_enc) throw new AppError(422, 'GOVERNANCE_NO_PHONE')
    await checkCodeBudget(tx, tenantId, d.id, me.party_id, 'request')
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
    const id = uuidv7()
    const expiresAt = new Date(Date.now() + CODE_MINUTES * 60_000)
    await tx
      .insertInto('vote_codes')
      .values({
        tenant_id: tenantId,
        id,
        decision_id: d.id,
        party_id: me.party_id,
        code_hash: codeHash(id, code).toString('hex'),
        expires_at: expiresAt,
        used_at: null,
      })
      .execute()
    const { sentTo } = await queueSms(tx, deps.pii, tenantId, {
      phone: deps.pii.decrypt(me.phone_enc),
      template: 'vote_code',
      body: translate('zh-CN', 'GOVERNANCE_CAST_CODE_SMS', { title: d.title, code }),
    })
    return {
      sentTo,
      expiresAt: expiresAt.toISOString(),
      ...((await showsDemoCodes(tx, deps, tenantId)) ? { demoCode: code } : {}),
    }
  })
}

/**
 * Per owner and decision, whatever address they come from: at most CODES_PER_HOUR codes an hour, and
 * after MAX_FAILED_CODES wrong codes in all, online voting is locked (the committee checks identity).
 */
async function checkCodeBudget(
  tx: Tx,
  tenantId: string,
  decisionId: string,
  partyId: string,
  use: 'request' | 'cast',
) {
  const { rows } = await sql<{ recent: number; failed: number }>`
    select count(*) filter (where created_at > now() - interval '1 hour')::int as recent,
           coalesce(sum(attempts), 0)::int as failed
      from vote_codes
     where tenant_id = ${tenantId} and decision_id = ${decisionId} and party_id = ${partyId}`.execute(tx)
  const { recent, failed } = rows[0]!
  if (failed >= MAX_FAILED_CODES) throw new AppError(403, 'GOVERNANCE_CODE_LOCKED')
  if (use === 'request' && recent >= CODES_PER_HOUR) throw new AppError(429, 'GOVERNANCE_CODE_TOO_MANY')
}

/**
 * Codes are handed back to the caller only for the seeded demo company outside production, or when
 * MEIHAO_SMS_DRIVER=demo says so for every company (tests); never in production.
 */
async function showsDemoCodes(tx: Tx, deps: Deps, tenantId: string): Promise<boolean> {
  if (deps.config.NODE_ENV === 'production') return false
  if (deps.config.MEIHAO_SMS_DRIVER === 'demo') return true
  const { rows } = await sql<{
    is_demo: boolean
  }>`select is_demo from tenants where id = ${tenantId}`.execute(tx)
  return rows[0]?.is_demo === true
}

/** Spends the newest unused code of this owner for this decision; wrong guesses count against it. */
async function spendCode(tx: Tx, tenantId: string, decisionId: string, partyId: string, code: string) {
  const latest = await tx
    .selectFrom('vote_codes')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('decision_id', '=', decisionId)
    .where('party_id', '=', partyId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst()
  const usable =
    latest && !latest.used_at && latest.expires_at > new Date() && latest.attempts < CODE_ATTEMPTS
  const matches = usable && timingSafeEqual(codeHash(latest.id, code), Buffer.from(latest.code_hash, 'hex'))
  if (!latest || !matches) {
    if (latest && usable) {
      await tx
        .updateTable('vote_codes')
        .set({ attempts: latest.attempts + 1 })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', latest.id)
        .execute()
    }
    return false
  }
  await tx
    .updateTable('vote_codes')
    .set({ used_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', latest.id)
    .execute()
  return true
}

async function checkChoices(tx: Tx, tenantId: string, d: DecisionRow, choices: Record<string, Choice>) {
  const topicIds = new Set((await loadTopics(tx, tenantId, d.id)).map((t) => t.id))
  for (const topicId of Object.keys(choices)) {
    if (!topicIds.has(topicId)) throw new AppError(422, 'GOVERNANCE_UNKNOWN_TOPIC', { topicId })
  }
}

interface NewBallot {
  voterKey: string
  castBy: string
  channel: ChainEvent['channel']
  choices: Record<string, Choice>
  partyId: string | null
  scanRef?: string | null
  proxyHash?: string | null
  proxyName?: string | null
  authorizationRef?: string | null
  enteredBy?: string | null
  /** A paper ballot's signing time; online ballots take effect when recorded. */
  signedAt?: Date
}

/**
 * Appends one event to the decision's chain under the decision row's lock, so events get consecutive
 * numbers and each links to the one before, however many arrive at once. The window is checked again
 * under the lock: a ballot that waited past the close is refused.
 */
async function appendBallot(
  tx: Tx,
  tenantId: string,
  decisionId: string,
  underLock: ((d: DecisionRow) => Promise<void>) | undefined,
  ballot: NewBallot,
): Promise<BallotReceipt> {
  const d = await requireVotable(tx, tenantId, decisionId, sql<SqlBool>`true`, {
    forUpdate: true,
    paperSignedAt: ballot.signedAt,
  })
  await underLock?.(d)
  const seq = d.ballot_count + 1
  const prevHash = d.chain_head ?? d.roll_hash!
  // Millisecond precision, as timestamptz keeps microseconds and the hash must survive a round trip.
  const castAt = new Date()
  const event: ChainEvent = {
    decisionId: d.id,
    seq,
    voter: ballot.voterKey,
    castBy: ballot.castBy,
    channel: ballot.channel,
    choices: ballot.choices,
    castAt: castAt.toISOString(),
    effectiveAt: (ballot.signedAt ?? castAt).toISOString(),
    evidence: [ballot.scanRef, ballot.authorizationRef].filter((ref): ref is string => !!ref),
  }
  const hash = eventHash(prevHash, event)
  await tx
    .insertInto('ballot_events')
    .values({
      tenant_id: tenantId,
      decision_id: d.id,
      seq,
      id: uuidv7(),
      voter_key: ballot.voterKey,
      cast_by: ballot.castBy,
      channel: ballot.channel,
      choices: JSON.stringify(ballot.choices) as unknown as Record<string, Choice>,
      cast_at: castAt,
      effective_at: ballot.signedAt ?? castAt,
      scan_ref: ballot.scanRef ?? null,
      proxy_hash: ballot.proxyHash ?? null,
      proxy_name: ballot.proxyName ?? null,
      authorization_ref: ballot.authorizationRef ?? null,
      entered_by: ballot.enteredBy ?? null,
      party_id: ballot.partyId,
      prev_hash: prevHash,
      hash,
    })
    .execute()
  await tx
    .updateTable('decisions')
    .set({ ballot_count: seq, chain_head: hash })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', d.id)
    .execute()
  return { decisionId: d.id, seq, hash, prevHash, castAt: event.castAt, channel: ballot.channel }
}

/** The owner's own ballot, confirmed by the one-time code. Returns the receipt: the event's hash. */
export async function castOnlineBallot(
  ctx: RequestContext,
  decisionId: string,
  input: { choices: Record<string, Choice>; code: string },
): Promise<BallotReceipt> {
  const receipt = await inTenant(ctx, async (tx: Tx, tenantId) => {
    const me = await myRollEntry(tx, ctx, tenantId, decisionId)
    const d = await requireVotable(tx, tenantId, decisionId)
    await checkCodeBudget(tx, tenantId, d.id, me.party_id, 'cast')
    await checkChoices(tx, tenantId, d, input.choices)
    // A wrong code returns instead of throwing, so the counted attempt commits.
    if (!(await spendCode(tx, tenantId, d.id, me.party_id, input.code))) return null
    return appendBallot(tx, tenantId, d.id, undefined, {
      voterKey: me.voter_key,
      castBy: me.pseudonym,
      channel: 'online',
      choices: input.choices,
      partyId: me.party_id,
    })
  })
  if (!receipt) throw new AppError(422, 'GOVERNANCE_CODE_INVALID')
  return receipt
}

interface PaperBallot {
  unitId: string
  signedAt: string
  choices: Record<string, Choice>
  scan: UploadedFile
  proxy?: { name: string; idNumber: string; authorization: UploadedFile } | null | undefined
}

/**
 * A signed paper ballot, or a proxy's ballot with the written authorisation, entered by staff with
 * the scan. It counts for the voter the unit belongs to; the clerk is recorded on the event.
 */
export function enterPaperBallot(ctx: RequestContext, deps: Deps, decisionId: string, input: PaperBallot) {
  const actor = actorOf(ctx)
  return inTenant(ctx, async (tx: Tx, tenantId) => {
    const signedAt = new Date(input.signedAt)
    const d = await requireVotable(tx, tenantId, decisionId, decisionScope(ctx, 'governance.manage'), {
      paperSignedAt: signedAt,
    })
    const unit = await tx
      .selectFrom('decision_roll_units')
      .select(['voter_key', 'owners'])
      .where('tenant_id', '=', tenantId)
      .where('decision_id', '=', d.id)
      .where('unit_id', '=', input.unitId)
      .executeTakeFirst()
    if (!unit) throw new AppError(422, 'GOVERNANCE_UNIT_NOT_ON_ROLL')
    await checkChoices(tx, tenantId, d, input.choices)
    const proxyHash = input.proxy ? deps.pii.lookupHash('id_number', input.proxy.idNumber) : null
    const files = [input.scan, ...(input.proxy ? [input.proxy.authorization] : [])]
    const [scan, authorization] = await Promise.all(files.map((f) => saveFile(deps.files, tenantId, f)))
    const proxy = proxyHash
    // Under the decision's lock: the proxy cap is counted where two proxy ballots cannot both slip
    // under it, and file rows are written after the lock, so every ballot takes its locks in one order.
    const underLock = async (locked: DecisionRow) => {
      for (const file of [scan!, ...(authorization ? [authorization] : [])])
        await recordStoredFile(tx, tenantId, file)
      if (proxy) {
        const principals = await tx
          .selectFrom('ballot_events')
          .select((eb) => eb.fn.count<string>('voter_key').distinct().as('n'))
          .where('tenant_id', '=', tenantId)
          .where('decision_id', '=', locked.id)
          .where('proxy_hash', '=', proxy)
          .where('voter_key', '!=', unit.voter_key)
          .executeTakeFirstOrThrow()
        if (Number(principals.n) >= locked.proxy_cap)
          throw new AppError(422, 'GOVERNANCE_PROXY_CAP', { cap: locked.proxy_cap })
      }
    }
    return appendBallot(tx, tenantId, d.id, underLock, {
      voterKey: unit.voter_key,
      castBy: [...unit.owners].sort()[0]!,
      channel: input.proxy ? 'proxy' : 'paper',
      choices: input.choices,
      partyId: null,
      scanRef: scan!.sha256,
      proxyHash,
      proxyName: input.proxy?.name ?? null,
      authorizationRef: authorization?.sha256 ?? null,
      enteredBy: actor.userId,
      signedAt,
    })
  })
}
