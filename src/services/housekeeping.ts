import type { Services } from './index.ts'

/** How often the server tidies ended sessions and old sign-in attempts. */
export const HOUSEKEEPING_EVERY_MS = 10 * 60_000

/**
 * Removes ended sessions (so visitors who never sign in do not fill the store) and sign-in attempts too old to count.
 * Returns what it removed.
 */
export async function tidyUp(services: Pick<Services, 'users' | 'signIns'>) {
  const sessions = await services.users.sessions.purgeExpired()
  const attempts = await services.signIns.forgetOld()
  return { sessions, attempts }
}

/** Runs tidyUp every `everyMs` until stopped; a failure is logged and the next run tries again. */
export function startHousekeeping(
  services: Pick<Services, 'users' | 'signIns'>,
  options: { everyMs?: number; log: (message: string) => void },
) {
  const timer = setInterval(() => {
    tidyUp(services).catch((err) => options.log(`Housekeeping did not finish: ${err.message}`))
  }, options.everyMs ?? HOUSEKEEPING_EVERY_MS)
  timer.unref()
  return () => clearInterval(timer)
}
