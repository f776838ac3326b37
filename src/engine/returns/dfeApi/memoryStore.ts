import type { CaseworkRecord } from '../../casework/model.ts'
import type { ApiChildStore, ApiRequest } from './submission.ts'
import { caseworkRecords } from './toCasework.ts'

/**
 * An ApiChildStore in memory with the casework store's rules (whole-child replacement, a day's rolling snapshot
 * starting from the latest, nothing kept of a request with an unknown purge): for tests of the endpoint.
 */
export function memoryApiChildStore() {
  const days = new Map<string, Map<string, Map<string, CaseworkRecord[]>>>()
  const requests: ApiRequest[] = []
  const latest = (laCode: string) => {
    const la = days.get(laCode)
    if (!la?.size) return new Map<string, CaseworkRecord[]>()
    return la.get([...la.keys()].sort().at(-1)!)!
  }
  return {
    requests,
    /** The children held for an LA on a day (default: the latest), with their records. */
    snapshot: (laCode: string, day?: string) => (day ? days.get(laCode)?.get(day) : latest(laCode)) ?? new Map(),
    async apply(request) {
      const la = days.get(request.laCode) ?? new Map<string, Map<string, CaseworkRecord[]>>()
      const day = new Map(la.get(request.day) ?? latest(request.laCode))
      const unknownPurges: number[] = []
      for (const [i, child] of request.children.entries()) {
        if (child.purge === true) {
          if (!day.delete(child.la_child_id)) unknownPurges.push(i)
        } else day.set(child.la_child_id, caseworkRecords(child).records)
      }
      if (unknownPurges.length) return { unknownPurges }
      la.set(request.day, day)
      days.set(request.laCode, la)
      requests.push(request)
      return { unknownPurges }
    },
  } satisfies ApiChildStore & Record<string, unknown>
}
