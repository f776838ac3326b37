import {
  auditEventHash,
  auditEventsAfter,
  latestFullCheckpoint,
  latestGoodCheckpoint,
  saveCheckpoint,
  type AuditCheckpoint,
} from '../data/repositories/auditRepository.ts'
import type { DbOrTx } from '../data/store.ts'
import { checkAnchors, type AuditAnchor } from '../engine/audit/anchors.ts'
import { GENESIS_HASH, verifyChain, type ChainBreak } from '../engine/audit/hashChain.ts'

/** Events read and hashed per batch by the full check, so 100,000 events are never all in memory at once. */
const BATCH = 5_000

export interface FullVerification {
  /** Events whose hashes were checked (up to and including a break). */
  checked: number
  anchors: number
  break?: ChainBreak
}

/** What the anchor file holds: its anchors, and any lines that are not anchors (a break in themselves). */
export interface AnchorRead {
  anchors: AuditAnchor[]
  badLines: number[]
}

/**
 * Checks the whole trail from its first event, in batches, then every anchor; records the outcome as a 'full'
 * checkpoint (good or not), so the audit page can say when the whole trail was last checked and start from there.
 */
export async function verifyWholeTrail(db: DbOrTx, readAnchors: () => AnchorRead): Promise<FullVerification> {
  let prev = GENESIS_HASH
  let lastId = 0
  const seen: Array<{ id: number; hash: string }> = []
  let chainBreak: ChainBreak | undefined
  let checked = 0
  for (;;) {
    const batch = await auditEventsAfter(db, lastId, BATCH)
    if (!batch.length) break
    chainBreak = verifyChain(batch, prev)
    const good = chainBreak ? batch.findIndex((e) => e.id === chainBreak!.id) : batch.length
    checked += chainBreak ? good + 1 : good
    for (const e of batch.slice(0, good)) seen.push({ id: e.id, hash: e.hash })
    if (good > 0) ({ id: lastId, hash: prev } = batch[good - 1])
    if (chainBreak) break
  }
  const { anchors, badLines } = readAnchors()
  chainBreak ??= badLines.length
    ? { id: 0, reason: `the anchor file has lines that are not anchors (lines ${badLines.join(', ')})` }
    : checkAnchors(anchors, seen)
  const result: FullVerification = {
    checked,
    anchors: anchors.length,
    ...(chainBreak ? { break: chainBreak } : {}),
  }
  await saveCheckpoint(db, {
    kind: 'full',
    lastId,
    head: prev,
    eventCount: seen.length,
    checked: result.checked,
    anchors: anchors.length,
    breakId: chainBreak?.id ?? null,
    breakReason: chainBreak?.reason ?? null,
  })
  return result
}

/** A checkpoint as the page shows it. */
export interface CheckpointView {
  kind: 'full' | 'incremental'
  lastId: number
  eventCount: number
  verifiedAt: string
  anchors: number
  break?: ChainBreak
}

function viewOf(c: AuditCheckpoint): CheckpointView {
  return {
    kind: c.kind,
    lastId: c.lastId,
    eventCount: c.eventCount,
    verifiedAt: c.verifiedAt.toISOString(),
    anchors: c.anchors,
    ...(c.breakId !== null ? { break: { id: c.breakId, reason: c.breakReason ?? '' } } : {}),
  }
}

export interface RecentCheck {
  /** The checkpoint this check started from (none: from the first event). */
  from?: CheckpointView
  /** The newest full verification, good or not. */
  lastFull?: CheckpointView
  /** Events hashed by this check. */
  checked: number
  /** The chain is verified (by checkpoints and this check) up to this event, this many events long. */
  throughId: number
  eventCount: number
  /** More events remain after `throughId` than one check hashes (`cap`): the next view goes on from there. */
  more: boolean
  cap: number
  /** The newest anchor outside the store, if there is one: it agrees, or this check has not reached its event yet. */
  anchor?: { at: string; lastId: number; count: number; status: 'agrees' | 'not reached' }
  break?: ChainBreak
  /** Work done, for the tests and the benchmark: events hashed and rows read from the store. */
  work: { hashed: number; rowsRead: number }
}

/**
 * Checks only the events written since the newest good checkpoint (at most `cap` of them), and that the checkpoint's
 * event still has the hash it was verified with, and the newest anchor; then records a new 'incremental' checkpoint.
 * A change to an event before the checkpoint is NOT seen here: that is what the full check is for, and the page says so.
 */
export async function checkSinceCheckpoint(
  db: DbOrTx,
  options: { cap: number; newestAnchor: () => AuditAnchor | { badLine: true } | undefined },
): Promise<RecentCheck> {
  const work = { hashed: 0, rowsRead: 0 }
  const [from, lastFull] = [await latestGoodCheckpoint(db), await latestFullCheckpoint(db)]
  work.rowsRead += (from ? 1 : 0) + (lastFull ? 1 : 0)
  const base = {
    ...(from ? { from: viewOf(from) } : {}),
    ...(lastFull ? { lastFull: viewOf(lastFull) } : {}),
  }
  const startId = from?.lastId ?? 0
  const startHash = from?.head ?? GENESIS_HASH
  const startCount = from?.eventCount ?? 0
  const result = (r: Partial<RecentCheck>): RecentCheck => ({
    ...base,
    checked: work.hashed,
    throughId: startId,
    eventCount: startCount,
    more: false,
    cap: options.cap,
    work,
    ...r,
  })
  if (from && from.lastId > 0) {
    const hash = await auditEventHash(db, from.lastId)
    work.rowsRead += hash ? 1 : 0
    const when = `verified at ${from.verifiedAt.toISOString()}`
    if (hash === undefined)
      return result({ break: { id: from.lastId, reason: `it is missing: the trail was ${when} up to it (deleted)` } })
    if (hash !== from.head)
      return result({
        break: { id: from.lastId, reason: `its hash differs from the one ${when} (the trail was rewritten)` },
      })
  }
  const rows = await auditEventsAfter(db, startId, options.cap + 1)
  work.rowsRead += rows.length
  const toCheck = rows.slice(0, options.cap)
  const chainBreak = verifyChain(toCheck, startHash)
  work.hashed = chainBreak ? toCheck.findIndex((e) => e.id === chainBreak.id) + 1 : toCheck.length
  if (chainBreak) return result({ break: chainBreak })
  const last = toCheck.at(-1)
  const through = {
    throughId: last?.id ?? startId,
    eventCount: startCount + toCheck.length,
    more: rows.length > options.cap,
  }
  const anchorCheck = await checkNewestAnchor(db, options.newestAnchor(), { ...through, hashes: toCheck, work })
  if (anchorCheck.break) return result({ ...through, ...anchorCheck })
  if (last)
    await saveCheckpoint(db, {
      kind: 'incremental',
      lastId: last.id,
      head: last.hash,
      eventCount: through.eventCount,
      checked: toCheck.length,
    })
  return result({ ...through, ...anchorCheck })
}

/** The newest anchor against the chain as just verified: the event it names must be there, with the same hash. */
async function checkNewestAnchor(
  db: DbOrTx,
  anchor: AuditAnchor | { badLine: true } | undefined,
  at: { throughId: number; more: boolean; hashes: Array<{ id: number; hash: string }>; work: RecentCheck['work'] },
): Promise<Pick<RecentCheck, 'anchor' | 'break'>> {
  if (!anchor) return {}
  if ('badLine' in anchor)
    return { break: { id: 0, reason: 'the last line of the anchor file is not an anchor (the file was changed)' } }
  const when = `anchored at ${anchor.at} with ${anchor.count} events`
  const view = { at: anchor.at, lastId: anchor.lastId, count: anchor.count }
  if (anchor.lastId > at.throughId) {
    if (at.more) return { anchor: { ...view, status: 'not reached' } }
    return {
      break: { id: anchor.lastId, reason: `it is missing: the trail was ${when} ending with it (events deleted)` },
    }
  }
  let hash = at.hashes.find((e) => e.id === anchor.lastId)?.hash
  if (hash === undefined) {
    hash = await auditEventHash(db, anchor.lastId)
    at.work.rowsRead += hash ? 1 : 0
  }
  if (hash === undefined)
    return {
      break: { id: anchor.lastId, reason: `it is missing: the trail was ${when} ending with it (events deleted)` },
    }
  if (hash !== anchor.head)
    return { break: { id: anchor.lastId, reason: `its hash differs from the one ${when} (the trail was rewritten)` } }
  return { anchor: { ...view, status: 'agrees' } }
}
