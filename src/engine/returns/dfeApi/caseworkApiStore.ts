import type { CaseworkRecord } from '../../casework/model.ts'
import type { CaseworkStore } from '../../casework/store.ts'
import type { ApiChild } from './schema.ts'
import type { ApiChildStore, ApiRequest } from './submission.ts'
import { caseworkRecords } from './toCasework.ts'

/**
 * The records a request leaves, child by child in order (a child sent twice: the later wins; a purge removes what came
 * before it), and the indexes of purges of children neither held nor sent earlier in the request.
 */
export function requestRecords(children: ApiChild[], held: Set<string>) {
  const present = new Set(held)
  const latest = new Map<string, CaseworkRecord[]>()
  const unknownPurges: number[] = []
  for (const [i, child] of children.entries()) {
    const id = child.la_child_id
    if (child.purge === true) {
      if (!present.delete(id)) unknownPurges.push(i)
      latest.delete(id)
      continue
    }
    present.add(id)
    const { records, workers } = caseworkRecords(child)
    latest.set(id, [...records, ...workers.map((workerId) => ({ entity: 'worker' as const, row: { workerId } }))])
  }
  return { records: [...latest.values()].flat(), unknownPurges }
}

/** The version of the request format the records were read with (the OpenAPI document's). */
export const DFE_API_READER = 'dfe-csc-api@1.0.1'

/**
 * API requests into the LA casework stores (`<dataDir>/casework/<laCode>.duckdb`, engine/casework): each request is
 * one ApiSubmission on the day's rolling snapshot, committed whole or abandoned. Stores open on first use and stay
 * open; DuckDB is loaded only then, so commands that never take API requests do not pay for it.
 */
export function caseworkApiStore(o: { dataDir: string; keepDayOfBirth?: boolean }): ApiChildStore & {
  close(): Promise<void>
} {
  const stores = new Map<string, Promise<CaseworkStore>>()
  const storeFor = (laCode: string) => {
    let store = stores.get(laCode)
    if (!store) {
      store = import('../../casework/store.ts').then((m) =>
        m.openCaseworkStore({ dataDir: o.dataDir, laCode, keepDayOfBirth: o.keepDayOfBirth }),
      )
      stores.set(laCode, store)
      store.catch(() => stores.delete(laCode))
    }
    return store
  }
  return {
    async apply(request: ApiRequest) {
      const store = await storeFor(request.laCode)
      const sub = await store.beginApiSubmission({
        day: request.day,
        createdBy: request.clientId,
        source: {
          fileName: `api request ${request.requestId}`,
          sha256: request.sha256,
          bytes: request.bytes,
          format: 'dfeApi',
          readerVersion: DFE_API_READER,
        },
      })
      try {
        const present = await sub.removeChildren([...new Set(request.children.map((c) => c.la_child_id))])
        const { records, unknownPurges } = requestRecords(request.children, present)
        if (!unknownPurges.length) await sub.appendRecords(records)
        if (unknownPurges.length) await sub.abandon()
        else await sub.commit()
        return { unknownPurges }
      } catch (err) {
        await sub.abandon().catch(() => undefined)
        throw err
      }
    },
    async close() {
      for (const store of stores.values()) (await store.catch(() => undefined))?.close()
      stores.clear()
    },
  }
}
