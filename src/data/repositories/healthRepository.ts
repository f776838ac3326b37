import type { Store } from '../store.ts'

/** Whether the store answers a trivial query, and how long it took. */
export async function pingStore(store: Pick<Store, 'query'>): Promise<number> {
  const started = Date.now()
  await store.query('SELECT 1')
  return Date.now() - started
}
