import { pingStore } from '../data/repositories/healthRepository.ts'
import type { Store } from '../data/store.ts'

export type StoreHealth =
  { kind: Store['kind']; status: 'UP'; ms: number } | { kind: Store['kind']; status: 'DOWN'; error: string }

/** Liveness of what the app depends on: today the store. Never throws; the failure's detail stays in the server's log. */
export function healthService(store: Pick<Store, 'kind' | 'query'>, log: (err: unknown) => void = () => {}) {
  return {
    async store(): Promise<StoreHealth> {
      try {
        return { kind: store.kind, status: 'UP', ms: await pingStore(store) }
      } catch (err) {
        log(err)
        return { kind: store.kind, status: 'DOWN', error: 'The store did not answer' }
      }
    },
  }
}
