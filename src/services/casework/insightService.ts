import { computeIndicators } from '../../engine/casework/indicators/index.ts'
import type { CaseworkStore, SnapshotInfo } from '../../engine/casework/store.ts'
import { computeUnworked, REASONS, type UnworkedList } from '../../engine/casework/unworked/index.ts'
import { CaseworkInputError, type CaseworkService } from './caseworkService.ts'

/**
 * A snapshot once complete keeps its as-at date and kind (an API day's snapshot is added to, but stays complete), so
 * its details are read once per open store: a page request then asks the store only which snapshot is current.
 */
const completeInfo = new WeakMap<CaseworkStore, Map<number, Pick<SnapshotInfo, 'asAt' | 'kind'>>>()

/** The complete snapshot named, or the LA's current one; a plain message when there is none. */
async function completeSnapshot(store: CaseworkStore, laCode: string, snapshotId?: number) {
  const id = snapshotId ?? (await store.currentSnapshotId())
  if (id === null) throw new CaseworkInputError(`LA ${laCode} has no casework snapshot yet: ingest its files first`)
  let known = completeInfo.get(store)
  if (!known) completeInfo.set(store, (known = new Map()))
  const kept = known.get(id)
  if (kept) return { id, ...kept }
  const info = await store.snapshot(id)
  if (!info || info.status !== 'complete')
    throw new CaseworkInputError(`LA ${laCode} has no complete casework snapshot ${id}`)
  known.set(id, { asAt: info.asAt, kind: info.kind })
  return { id, asAt: info.asAt, kind: info.kind }
}

/** Age bands for counts shown to oversight and national roles (never a child's own age with its id). */
export const AGE_BANDS = [
  { label: 'Under 1', max: 0 },
  { label: '1 to 4', max: 4 },
  { label: '5 to 9', max: 9 },
  { label: '10 to 15', max: 15 },
  { label: '16 and over', max: Infinity },
]
const bandOf = (age: number | null) => (age === null ? 'Unknown' : AGE_BANDS.find((b) => age <= b.max)!.label)

/**
 * Counts only, for oversight and national roles: children and items by reason, children by age band and by stage.
 * Holds no child id, worker or team.
 */
export function unworkedCounts(u: UnworkedList) {
  const tally = (keys: string[]) => {
    const m = new Map<string, number>()
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1)
    return [...m.entries()].map(([key, children]) => ({ key, children }))
  }
  return {
    asAt: u.asAt,
    children: u.children.length,
    byReason: REASONS.map((r) => ({
      reason: r.id,
      label: r.label,
      items: u.counts[r.id] ?? null,
      children: u.children.filter((c) => c.reasons.some((x) => x.reason === r.id)).length,
    })),
    byAge: tally(u.children.map((c) => bandOf(c.ageYears))),
    byStage: tally(u.children.map((c) => c.stage ?? 'closed or not open')),
    unavailable: u.unavailable,
  }
}

/**
 * A complete snapshot never changes, so its unworked list is computed once per open store (the latest few kept): the
 * children-waiting page, its exports and filters read the same list. Callers must not change it.
 */
const unworkedLists = new WeakMap<CaseworkStore, Map<number, Promise<UnworkedList>>>()
const KEEP_LISTS = 3
function unworkedOnce(store: CaseworkStore, snapshotId: number, asAt: string) {
  let lists = unworkedLists.get(store)
  if (!lists) unworkedLists.set(store, (lists = new Map()))
  let list = lists.get(snapshotId)
  if (!list) {
    list = computeUnworked(store, snapshotId, asAt)
    list.catch(() => lists.delete(snapshotId))
    lists.set(snapshotId, list)
    if (lists.size > KEEP_LISTS) lists.delete(lists.keys().next().value!)
  }
  return list
}

/** Casework insight for one LA: the indicators of a complete snapshot (the current one unless one is named). */
export function insightService(casework: CaseworkService) {
  return {
    async indicators(laCode: string, snapshotId?: number) {
      const store = await casework.storeFor(laCode)
      const { id, asAt } = await completeSnapshot(store, laCode, snapshotId)
      const values = await computeIndicators(store, id, asAt)
      return {
        snapshotId: id,
        asAt,
        indicators: values.map((v) => ({
          id: v.id,
          title: v.title,
          value: v.value,
          numerator: v.numerator,
          denominator: v.denominator,
          ...(v.note ? { note: v.note } : {}),
        })),
      }
    },

    /** Child-level: for users of that LA only (the caller checks). */
    async unworked(laCode: string, snapshotId?: number) {
      const store = await casework.storeFor(laCode)
      const { id, asAt, kind } = await completeSnapshot(store, laCode, snapshotId)
      // A day's API snapshot changes until the day ends: only an upload's list is kept.
      const list = kind === 'upload' ? unworkedOnce(store, id, asAt) : computeUnworked(store, id, asAt)
      return { snapshotId: id, ...(await list) }
    },

    /** Counts, ages and stages only: what oversight and national roles may see. */
    async unworkedCounts(laCode: string, snapshotId?: number) {
      const store = await casework.storeFor(laCode)
      const { id, asAt } = await completeSnapshot(store, laCode, snapshotId)
      return { snapshotId: id, laCode, ...unworkedCounts(await computeUnworked(store, id, asAt)) }
    },
  }
}
