import type { Store } from '../../data/store.ts'

/**
 * The register's data version: it changes when, and only when, a dataset is loaded. Everything computed from the
 * public data (register reads, grades, LA profiles and trends, the risk cube and ranking) is cached under it.
 *
 * Asking the store on every request cost a query per cache (up to 154 on one page), so the answer is kept: a load in
 * this process (loadPublicData) drops it at once through `dataChanged`; a load by another process sharing a
 * PostgreSQL database is seen within RECHECK_MS. Requests that arrive together share one query.
 */
export const RECHECK_MS = 2000

interface Held {
  value?: string
  at: number
  pending?: Promise<string>
  generation: number
}

const held = new WeakMap<Store, Held>()

/** The data version, as the store computes it. */
export const DATA_VERSION_SQL = `SELECT coalesce(max(loaded_at)::text, '') || ':' || count(*) AS v FROM dataset`

const query = async (store: Store) => (await store.query<{ v: string }>(DATA_VERSION_SQL))[0].v

export async function dataVersion(store: Store, now = Date.now()): Promise<string> {
  let h = held.get(store)
  if (!h) held.set(store, (h = { at: 0, generation: 0 }))
  if (h.value !== undefined && now - h.at < RECHECK_MS) return h.value
  if (!h.pending) {
    const generation = h.generation
    const entry = h
    h.pending = query(store).then(
      (v) => {
        entry.pending = undefined
        // A load that finished while the query ran has made this answer stale: keep it for this caller only.
        if (entry.generation === generation) Object.assign(entry, { value: v, at: Date.now() })
        return v
      },
      (err) => {
        entry.pending = undefined
        throw err
      },
    )
  }
  return h.pending
}

/** Called after a dataset is loaded or replaced: the next reader asks the store again. */
export function dataChanged(store: Store) {
  const h = held.get(store)
  if (h) Object.assign(h, { value: undefined, pending: undefined, generation: h.generation + 1 })
}

/**
 * What `read` makes of the store's current data version: read once and shared by every request that arrives while it
 * runs, read again only when a dataset is loaded; a failed read is not kept.
 */
export function perDataVersion<T>(store: Store, read: (store: Store, version: string) => Promise<T>) {
  let held: { version: string; value: Promise<T> } | undefined
  return async function load(): Promise<T> {
    const version = await dataVersion(store)
    if (held?.version !== version) {
      const entry = { version, value: read(store, version) }
      held = entry
      entry.value.catch(() => {
        if (held === entry) held = undefined
      })
    }
    return held.value
  }
}
