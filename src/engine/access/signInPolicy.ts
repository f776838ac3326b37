/**
 * How long a sign-in must wait after failed attempts. Not a lock: each failure past a free allowance doubles the wait
 * before the next attempt, up to a cap, so guessing is slowed to a crawl while the owner of a targeted username can
 * still sign in after a short wait. Three counts, each over the last `windowMinutes`:
 *
 * - this username from this address (the person mistyping, or one attacker on one account): 3 free, then 1 s, 2 s,
 *   4 s ... up to 15 minutes;
 * - this address, over every username (one attacker trying many accounts): 20 free, then doubling up to 15 minutes;
 * - this username, from every address (a spread-out attack on one account): 30 free, then doubling up to 1 minute only,
 *   so an attacker elsewhere can never keep the owner out for long.
 */
export const SIGN_IN_POLICY = {
  windowMinutes: 15,
  pair: { free: 3, maxWaitSeconds: 15 * 60 },
  address: { free: 20, maxWaitSeconds: 15 * 60 },
  username: { free: 30, maxWaitSeconds: 60 },
} as const

/** Failures counted for one kind of key, and when the latest of them was. */
export interface FailureCount {
  failures: number
  lastFailureAt?: Date
}

export interface SignInHistory {
  pair: FailureCount
  address: FailureCount
  username: FailureCount
}

function waitFor(count: FailureCount, rule: { free: number; maxWaitSeconds: number }, now: Date): number {
  if (count.failures < rule.free || !count.lastFailureAt) return 0
  const wait = Math.min(rule.maxWaitSeconds, 2 ** (count.failures - rule.free))
  const elapsed = (now.getTime() - count.lastFailureAt.getTime()) / 1000
  return Math.max(0, Math.ceil(wait - elapsed))
}

/** Whole seconds to wait before another attempt may be checked (0: check it now). */
export function secondsToWait(history: SignInHistory, now: Date): number {
  return Math.max(
    waitFor(history.pair, SIGN_IN_POLICY.pair, now),
    waitFor(history.address, SIGN_IN_POLICY.address, now),
    waitFor(history.username, SIGN_IN_POLICY.username, now),
  )
}

/** "Wait 8 seconds", "Wait 1 minute", "Wait 15 minutes": for the sign-in page. */
export function describeWait(seconds: number): string {
  if (seconds < 60) return `Wait ${seconds} second${seconds === 1 ? '' : 's'}`
  const minutes = Math.ceil(seconds / 60)
  return `Wait ${minutes} minute${minutes === 1 ? '' : 's'}`
}
