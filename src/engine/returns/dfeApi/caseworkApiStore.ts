import crypto from 'node:crypto'
import type { CaseworkRecord } from '../../casework/model.ts'
import type { CaseworkStore } from '../../casework/store.ts'
import type { ApiChild } from './schema.ts'
import type { ApiChildStore, ApiRequest } from './submission.ts'
import { caseworkRecords } from './toCasework.ts'

/**
 * The records a run of requests leaves, request by request and child by child in arrival order (a child sent twice:
 * the later wins; a purge removes what came before it): each request's purges of children neither held nor sent
 * before it (such a request is refused and changes nothing), and the children the accepted requests touch.
 */
export function groupRecords(requests: ApiChild[][], held: Set<string>) {
  let present = new Set(held)
  let latest = new Map<string, CaseworkRecord[]>()
  const unknownPurges: number[][] = []
  for (const children of requests) {
    const now = new Set(present)
    const records = new Map(latest)
    const unknown: number[] = []
    for (const [i, child] of children.entries()) {
      const id = child.la_child_id
      if (child.purge === true) {
        if (!now.delete(id)) unknown.push(i)
        records.delete(id)
        continue
      }
      now.add(id)
      const { records: rows, workers } = caseworkRecords(child)
      records.set(id, [...rows, ...workers.map((workerId) => ({ entity: 'worker' as const, row: { workerId } }))])
    }
    unknownPurges.push(unknown)
    if (!unknown.length) [present, latest] = [now, records]
  }
  return { records: [...latest.values()].flat(), unknownPurges }
}

/** The version of the request format the records were read with (the OpenAPI document's). */
export const DFE_API_READER = 'dfe-csc-api@1.0.1'

/** The most requests written in one DuckDB transaction. */
const MAX_GROUP = 20

interface Pending {
  request: ApiRequest
  resolve(outcome: { unknownPurges: number[] }): void
  reject(err: unknown): void
}

/**
 * API requests into the LA casework stores (`<dataDir>/casework/<laCode>.duckdb`, engine/casework). Requests that
 * arrive while an LA's store is busy wait, and are then written together in one ApiSubmission on the day's rolling
 * snapshot (group commit: a DuckDB statement costs a millisecond or two whatever its size, and a request takes about
 * forty), each still all or nothing: when one of them purges an unknown child, the rest are written without it.
 * Stores open on first use and stay open.
 */
export function caseworkApiStore(o: { dataDir: string; keepDayOfBirth?: boolean }): ApiChildStore & {
  close(): Promise<void>
} {
  const { storeFor, close } = lazyStores(o)

  /** Writes the requests (one LA, one day) in one submission; each request's unknown purges. */
  async function writeGroup(requests: ApiRequest[]): Promise<number[][]> {
    const store = await storeFor(requests[0].laCode)
    const sub = await store.beginApiSubmission({
      day: requests[0].day,
      createdBy: [...new Set(requests.map((r) => r.clientId))].join(' '),
      source: {
        fileName: `api request ${requests.map((r) => r.requestId).join(' ')}`,
        sha256: requests.length === 1 ? requests[0].sha256 : combinedSha256(requests),
        bytes: requests.reduce((n, r) => n + r.bytes, 0),
        format: 'dfeApi',
        readerVersion: DFE_API_READER,
      },
    })
    try {
      const ids = [...new Set(requests.flatMap((r) => r.children.map((c) => c.la_child_id)))]
      const held = await sub.removeChildren(ids)
      const { records, unknownPurges } = groupRecords(
        requests.map((r) => r.children),
        held,
      )
      if (unknownPurges.some((u) => u.length)) {
        // Undo the group and write the accepted requests alone: a refused request changed nothing they rely on.
        await sub.abandon()
        const accepted = requests.filter((_, i) => !unknownPurges[i].length)
        if (accepted.length) await writeGroup(accepted)
        return unknownPurges
      }
      await sub.appendRecords(records)
      await sub.commit()
      return unknownPurges
    } catch (err) {
      await sub.abandon().catch(() => undefined)
      throw err
    }
  }

  const queues = new Map<string, Pending[]>()
  async function drain(laCode: string, queue: Pending[]) {
    while (queue.length) {
      const day = queue[0].request.day
      const otherDay = queue.findIndex((p) => p.request.day !== day)
      const group = queue.splice(0, Math.min(MAX_GROUP, otherDay === -1 ? queue.length : otherDay))
      try {
        const outcomes = await writeGroup(group.map((p) => p.request))
        group.forEach((p, i) => p.resolve({ unknownPurges: outcomes[i] }))
      } catch (err) {
        for (const p of group) p.reject(err)
      }
    }
    queues.delete(laCode)
  }

  return {
    apply(request: ApiRequest) {
      return new Promise((resolve, reject) => {
        const queue = queues.get(request.laCode)
        if (queue) return void queue.push({ request, resolve, reject })
        const started: Pending[] = [{ request, resolve, reject }]
        queues.set(request.laCode, started)
        void drain(request.laCode, started)
      })
    },
    close,
  }
}

/** The LA casework stores, each opened on first use (DuckDB loaded only then) and kept open. */
function lazyStores(o: { dataDir: string; keepDayOfBirth?: boolean }) {
  const stores = new Map<string, Promise<CaseworkStore>>()
  return {
    storeFor(laCode: string) {
      let store = stores.get(laCode)
      if (!store) {
        store = import('../../casework/store.ts').then((m) =>
          m.openCaseworkStore({ dataDir: o.dataDir, laCode, keepDayOfBirth: o.keepDayOfBirth }),
        )
        stores.set(laCode, store)
        store.catch(() => stores.delete(laCode))
      }
      return store
    },
    async close() {
      for (const store of stores.values()) (await store.catch(() => undefined))?.close()
      stores.clear()
    },
  }
}

/** A group's source checksum: the SHA-256 of its requests' checksums, in order. */
function combinedSha256(requests: ApiRequest[]): string {
  return crypto
    .createHash('sha256')
    .update(requests.map((r) => r.sha256).join('\n'))
    .digest('hex')
}
