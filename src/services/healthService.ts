import { pingStore } from '../data/repositories/healthRepository.ts'
import type { Store } from '../data/store.ts'

export type StoreHealth =
  { kind: Store['kind']; status: 'UP'; ms: number } | { kind: Store['kind']; status: 'DOWN'; error: string }

/** A check as /health reports it: the store's answer and how old it is (it is shared for up to MAX_AGE_MS). */
export type SharedStoreHealth = StoreHealth & { ageMs: number }

/** The store is asked at most this often by /health; requests in between share the last answer. */
export const MAX_AGE_MS = 1000
/** A store that has not answered a check in this long is reported DOWN (a hung store must not hang the monitor). */
export const CHECK_TIMEOUT_MS = 2000

/**
 * Liveness of what the app depends on: today the store. Never throws; the failure's detail stays in the server's log.
 * `store()` asks the store now; `shared()` (what /health answers, under load balancers and monitors polling it) asks it
 * at most once every MAX_AGE_MS, gives requests arriving while a check runs that check's answer, and says how old the
 * answer is. A store that stops answering is reported DOWN within MAX_AGE_MS + CHECK_TIMEOUT_MS.
 */
export function healthService(
  store: Pick<Store, 'kind' | 'query'>,
  log: (err: unknown) => void = () => {},
  clock: { now: () => number; timeoutMs: number } = { now: Date.now, timeoutMs: CHECK_TIMEOUT_MS },
) {
  let last: { at: number; health: StoreHealth } | undefined
  let running: Promise<StoreHealth> | undefined

  async function check(): Promise<StoreHealth> {
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`The store did not answer a health check within ${clock.timeoutMs} ms`)),
        clock.timeoutMs,
      )
    })
    try {
      return { kind: store.kind, status: 'UP', ms: await Promise.race([pingStore(store), timedOut]) }
    } catch (err) {
      log(err)
      return { kind: store.kind, status: 'DOWN', error: 'The store did not answer' }
    } finally {
      clearTimeout(timer)
    }
  }

  return {
    store: check,

    async shared(): Promise<SharedStoreHealth> {
      const now = clock.now()
      if (last && now - last.at < MAX_AGE_MS) return { ...last.health, ageMs: now - last.at }
      if (!running) {
        const started = now
        running = check().then((health) => {
          last = { at: started, health }
          running = undefined
          return health
        })
      }
      const health = await running
      return { ...health, ageMs: Math.max(0, clock.now() - (last?.at ?? now)) }
    },
  }
}
