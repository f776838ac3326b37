import { BoundedCache } from '../boundedCache.ts'
import fs from 'node:fs'
import { caseworkFile } from '../../engine/casework/store.ts'
import type { CaseworkService } from '../casework/caseworkService.ts'
import { insightService } from '../casework/insightService.ts'

/** Unworked demand in one casework snapshot, counts only (never a child id, age, worker or team). */
export interface KnownNotWorked {
  snapshotId: number
  asAt: string
  children: number
  byReason: Array<{ label: string; children: number }>
}

/** The complete snapshot whose as-at is nearest 31 March of the year (the earlier on a tie), or undefined. */
export function nearestSnapshot<S extends { asAt: string; status: string }>(snapshots: S[], year: number) {
  const target = Date.parse(`${year}-03-31`)
  const distance = (asAt: string) => Math.abs(Date.parse(asAt) - target)
  return snapshots
    .filter((s) => s.status === 'complete')
    .reduce<S | undefined>(
      (a, b) =>
        !a || distance(b.asAt) < distance(a.asAt) || (distance(b.asAt) === distance(a.asAt) && b.asAt < a.asAt) ? b : a,
      undefined,
    )
}

/** Counts kept: one per LA with casework (152 at most), with room for ones a newer snapshot replaced. */
export const KNOWN_NOT_WORKED_KEPT = 300

/**
 * "Known but not worked" for the unidentified-risk page: the unworked-demand counts of the LA's complete casework
 * snapshot whose as-at is nearest 31 March of the statistical year (the earlier on a tie), or null when the council
 * has sent no casework data. An LA without a casework store is never given one by asking. Snapshots never change, so
 * each snapshot's counts are kept once computed.
 */
export function knownNotWorkedService(casework: CaseworkService, dataDir: string) {
  const insight = insightService(casework)
  // One key per LA and nearest snapshot: a new upload adds one, so the least recently used go.
  const held = new BoundedCache<string, Promise<KnownNotWorked>>('risk.knownNotWorked', KNOWN_NOT_WORKED_KEPT)
  return async function knownNotWorked(laCode: string, year: number): Promise<KnownNotWorked | null> {
    if (!fs.existsSync(caseworkFile(dataDir, laCode))) return null
    const nearest = nearestSnapshot(await casework.snapshots(laCode), year)
    if (!nearest) return null
    const key = `${laCode}:${nearest.snapshotId}`
    if (!held.has(key)) {
      const pending = insight.unworkedCounts(laCode, nearest.snapshotId).then((c) => ({
        snapshotId: nearest.snapshotId,
        asAt: nearest.asAt,
        children: c.children,
        byReason: c.byReason.filter((r) => r.children > 0).map((r) => ({ label: r.label, children: r.children })),
      }))
      held.set(key, pending)
      pending.catch(() => held.delete(key))
    }
    return held.get(key)!
  }
}
