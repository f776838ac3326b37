import { computeIndicators } from '../../engine/casework/indicators/index.ts'
import { CaseworkInputError, type CaseworkService } from './caseworkService.ts'

/** Casework insight for one LA: the indicators of a complete snapshot (the current one unless one is named). */
export function insightService(casework: CaseworkService) {
  return {
    async indicators(laCode: string, snapshotId?: number) {
      const store = await casework.storeFor(laCode)
      const id = snapshotId ?? (await store.currentSnapshotId())
      if (id === null) throw new CaseworkInputError(`LA ${laCode} has no casework snapshot yet: ingest its files first`)
      const info = await store.snapshot(id)
      if (!info || info.status !== 'complete')
        throw new CaseworkInputError(`LA ${laCode} has no complete casework snapshot ${id}`)
      const values = await computeIndicators(store, id, info.asAt)
      return {
        snapshotId: id,
        asAt: info.asAt,
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
  }
}
