import { gauge } from '../memoryGauges.ts'
import { BoundedCache } from '../boundedCache.ts'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { IndicatorValue } from '../../engine/casework/indicators/defineIndicator.ts'
import { computeIndicators, INDICATORS } from '../../engine/casework/indicators/index.ts'
import { DEFAULT_TARGETS, rag } from '../../engine/casework/indicators/targets.ts'
import { childTimeline } from '../../engine/casework/unworked/timeline.ts'
import { computeUnworked } from '../../engine/casework/unworked/index.ts'
import type { DbOrTx, Store } from '../../data/store.ts'
import { dataVersion } from '../register/dataVersion.ts'
import type { Queryable } from '../../data/repositories/registerRepository.ts'
import { neighbourModels, publishedRows } from '../../data/repositories/publishedIndicatorRepository.ts'
import {
  measuresOf,
  neighbourModelFor,
  PUBLISHED_EQUIVALENTS,
  publishedComparison,
  type PublishedComparison,
} from '../../engine/casework/indicators/published.ts'
import { hasIndicatorSnapshot, saveIndicatorSnapshot } from '../../data/repositories/indicatorSnapshotRepository.ts'
import type { Actor } from '../auditService.ts'
import { CaseworkInputError, type AuditSink, type CaseworkService } from './caseworkService.ts'
import { unworkedCounts } from './insightService.ts'
import type { CaseworkStore, SnapshotInfo } from '../../engine/casework/store.ts'

/** The key of the child references written to the audit trail (kept beside the casework stores, made once). */
function auditKey(dataDir: string): Buffer {
  const file = path.join(dataDir, 'casework', 'audit-child.key')
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    try {
      fs.writeFileSync(file, crypto.randomBytes(32), { flag: 'wx', mode: 0o600 })
    } catch {
      /* made by another process meanwhile */
    }
  }
  return fs.readFileSync(file)
}

/** A keyed hash of an LA's child id: what the audit trail holds instead of the id (administrators read it). */
export const childRef = (dataDir: string, laCode: string, childId: string) =>
  crypto.createHmac('sha256', auditKey(dataDir)).update(`${laCode}:${childId}`).digest('hex').slice(0, 32)

export const MIN_REASON = 10

/** A day's API snapshot keeps changing until the day ends, so only upload snapshots are stored. */
const save = (db: DbOrTx, laCode: string, s: { snapshotId: number; asAt: string }, values: IndicatorValue[]) =>
  saveIndicatorSnapshot(
    db,
    { laCode, snapshotId: s.snapshotId, asAt: s.asAt },
    values.map((v) => ({
      indicatorId: v.id,
      value: v.value,
      numerator: v.numerator,
      denominator: v.denominator,
      note: v.note,
    })),
  )

type Indicators = Awaited<ReturnType<typeof computeIndicators>>
type Counts = ReturnType<typeof unworkedCounts>
/** Snapshots' indicator values kept: an LA's trend reads its latest 12; enough for 50 LAs' trends. */
export const INDICATORS_KEPT = 600
/** Unworked-demand counts kept: one per LA's current snapshot (152 LAs), with room for ones just replaced. */
export const COUNTS_KEPT = 300

/**
 * The insight pages' data: indicator trends across an LA's snapshots (with RAG against the local target), a child's
 * timeline (LA users only; every view audited with who and why), and counts for oversight and national roles.
 * Snapshots never change, so each snapshot's values are kept once computed.
 */
export function insightViews(
  casework: CaseworkService,
  o: { dataDir: string; audit?: AuditSink; db?: DbOrTx; publicData?: Store; indicatorsKept?: number },
) {
  // Kept per snapshot; a new upload adds a key, so the least recently used go (a trend reads an LA's latest 12).
  const indicatorCache = new BoundedCache<string, Indicators>(
    'casework.indicators',
    o.indicatorsKept ?? INDICATORS_KEPT,
  )
  const countsCache = new BoundedCache<string, Counts>('casework.nationalCounts', COUNTS_KEPT)

  async function completeSnapshots(laCode: string) {
    const store = await casework.storeFor(laCode)
    const all = await store.snapshots()
    return { store, snapshots: all.filter((s) => s.status === 'complete').sort((a, b) => a.snapshotId - b.snapshotId) }
  }

  return {
    /**
     * Computes a complete upload snapshot's indicators into the operational store (indicator_snapshot), so a KPI linked
     * to an indicator fills itself. Called when an upload becomes current; a snapshot already stored is not computed
     * again (returns 0).
     */
    recordSnapshot: (laCode: string, snapshotId: number) => recordSnapshot(casework, o.db, laCode, snapshotId),

    /** Each indicator's value in each complete snapshot (the latest 12), oldest first, with the latest RAG. */
    async trend(laCode: string) {
      const { store, snapshots } = await completeSnapshots(laCode)
      const recent = snapshots.slice(-12)
      const bySnapshot: Array<{ snapshotId: number; asAt: string; values: IndicatorValue[] }> = []
      for (const s of recent)
        bySnapshot.push({ ...s, values: await indicatorsOnce(store, laCode, s, indicatorCache, o.db) })
      const indicators = INDICATORS.map((d) => {
        const points = bySnapshot.map((b) => ({
          snapshotId: b.snapshotId,
          asAt: b.asAt,
          ...b.values.find((v) => v.id === d.id)!,
        }))
        const latest = points[points.length - 1]
        const target = DEFAULT_TARGETS[d.id]
        return { ...d, points, latest, target, rag: rag(d, latest?.value ?? null, target) }
      })
      return { snapshots: recent.map((s) => ({ snapshotId: s.snapshotId, asAt: s.asAt })), indicators }
    },

    /** A child's timeline in the current snapshot, after recording who looked and why. */
    async childTimeline(laCode: string, childId: string, actor: Actor, reason: string) {
      const why = reason.trim()
      if (why.length < MIN_REASON)
        throw new CaseworkInputError(`Say why you are opening this child's record (at least ${MIN_REASON} characters)`)
      const store = await casework.storeFor(laCode)
      const snapshotId = await store.currentSnapshotId()
      if (snapshotId === null) throw new CaseworkInputError(`LA ${laCode} has no casework snapshot yet`)
      await o.audit?.record({
        actor,
        action: 'casework.child.view',
        subjectType: 'casework_child',
        subjectId: childRef(o.dataDir, laCode, childId),
        laCode,
        after: { reason: why.slice(0, 500), snapshotId },
      })
      return { snapshotId, events: await childTimeline(store, snapshotId, childId) }
    },

    /**
     * England's and the statistical neighbours' published figure beside each indicator that has one, for the year
     * ended by `asAt` (see engine/casework/indicators/published.ts); "no published equivalent" for the others.
     */
    published: (laCode: string, asAt: string) => publishedOnce(o.publicData, laCode, asAt),

    /** Counts, age bands and stages of unworked demand for each LA given that has a casework store. */
    nationalCounts: (laCodes: string[] | null) => nationalCounts(casework, o.dataDir, countsCache, laCodes),

    /** Entries held in memory (tests): snapshots' indicator values and national counts. */
    held: () => ({ indicators: indicatorCache.size, counts: countsCache.size }),
  }
}

/** A snapshot's indicator values, computed (and stored for KPIs, when an upload's) the first time they are asked for. */
async function indicatorsOnce(
  store: CaseworkStore,
  laCode: string,
  s: SnapshotInfo,
  cache: BoundedCache<string, Indicators>,
  db: DbOrTx | undefined,
) {
  const key = `${laCode}:${s.snapshotId}`
  let values = cache.get(key)
  if (!values) {
    values = await computeIndicators(store, s.snapshotId, s.asAt)
    cache.set(key, values)
    if (db && s.kind === 'upload') await save(db, laCode, s, values)
  }
  return values
}

async function nationalCounts(
  casework: CaseworkService,
  dataDir: string,
  cache: BoundedCache<string, Counts>,
  laCodes: string[] | null,
) {
  const dir = path.join(dataDir, 'casework')
  const held = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => /^\d{3}\.duckdb$/.test(f))
        .map((f) => f.slice(0, 3))
        .sort()
    : []
  const out = []
  for (const la of held.filter((l) => laCodes === null || laCodes.includes(l))) {
    const store = await casework.storeFor(la)
    const id = await store.currentSnapshotId()
    if (id === null) continue
    const key = `${la}:${id}`
    let counts = cache.get(key)
    if (!counts) {
      const info = (await store.snapshot(id))!
      counts = unworkedCounts(await computeUnworked(store, id, info.asAt))
      cache.set(key, counts)
    }
    out.push({ laCode: la, snapshotId: id, ...counts })
  }
  return out
}

/** Published figures change only when public data is loaded: kept per data version, LA and date (the latest 50). */
const publishedCache = gauge(
  'casework.published',
  new Map<string, Promise<Map<string, PublishedComparison>>>(),
  (m) => m.size,
)
async function publishedOnce(db: Store | undefined, laCode: string, asAt: string) {
  if (!db) return publishedFor(db, laCode, asAt)
  const key = `${await dataVersion(db)}|${laCode}|${asAt}`
  let hit = publishedCache.get(key)
  if (!hit) {
    hit = publishedFor(db, laCode, asAt)
    hit.catch(() => publishedCache.delete(key))
    publishedCache.set(key, hit)
    if (publishedCache.size > 50) publishedCache.delete(publishedCache.keys().next().value!)
  }
  return hit
}

async function publishedFor(db: Queryable | undefined, laCode: string, asAt: string) {
  const models = db ? await neighbourModels(db, laCode) : new Map<string, string[]>()
  const neighboursFor = (year: number) => models.get(neighbourModelFor([...models.keys()], year) ?? '') ?? []
  const areas = [laCode, 'England', ...new Set([...models.values()].flat())]
  const out = new Map<string, PublishedComparison>()
  for (const d of INDICATORS) {
    const e = PUBLISHED_EQUIVALENTS[d.id]
    const rows = e && db ? await publishedRows(db, e.dataset, measuresOf(e), areas) : []
    out.set(d.id, publishedComparison(d.id, rows, { laCode, neighboursFor, asAt }))
  }
  return out
}

async function recordSnapshot(casework: CaseworkService, db: DbOrTx | undefined, laCode: string, snapshotId: number) {
  const store = await casework.storeFor(laCode)
  const info = await store.snapshot(snapshotId)
  if (!info || info.status !== 'complete' || !db) return 0
  if (await hasIndicatorSnapshot(db, laCode, snapshotId)) return 0
  const values = await computeIndicators(store, snapshotId, info.asAt)
  await save(db, laCode, info, values)
  return values.length
}
