import type { ApiBatch, ApiChildStore } from './submission.ts'
import type { ApiChild } from './schema.ts'

/**
 * An ApiChildStore in memory, with the rolling-snapshot rule (each day starts from the previous day's records): for
 * tests of the endpoint, and the reference the casework store's implementation is tested against.
 */
export function memoryApiChildStore() {
  const days = new Map<string, Map<string, Map<string, ApiChild>>>()
  const batches: ApiBatch[] = []
  const latest = (laCode: string) => {
    const la = days.get(laCode)
    if (!la?.size) return new Map<string, ApiChild>()
    return la.get([...la.keys()].sort().at(-1)!)!
  }
  const store: ApiChildStore & { batches: ApiBatch[]; snapshot(laCode: string, day?: string): Map<string, ApiChild> } =
    {
      batches,
      async held(laCode, ids) {
        const now = latest(laCode)
        return new Map(ids.filter((id) => now.has(id)).map((id) => [id, structuredClone(now.get(id)!)]))
      },
      async write(batch) {
        const la = days.get(batch.laCode) ?? new Map<string, Map<string, ApiChild>>()
        days.set(batch.laCode, la)
        const day = la.get(batch.asAt) ?? new Map(latest(batch.laCode))
        for (const c of batch.changes) {
          if (c.record) day.set(c.laChildId, structuredClone(c.record))
          else day.delete(c.laChildId)
        }
        la.set(batch.asAt, day)
        batches.push(batch)
      },
      snapshot: (laCode, day) => (day ? (days.get(laCode)?.get(day) ?? new Map()) : latest(laCode)),
    }
  return store
}
