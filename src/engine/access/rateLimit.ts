/**
 * A token bucket per key (an API client): `burst` requests at once, refilled at `perMinute / 60` a second. Kept in
 * memory: one Sightline process serves the API, and a restart forgiving a client's recent requests is harmless.
 * @example const limit = new RateLimiter({ perMinute: 60, burst: 10 }); limit.take('client-1') // { ok: true }
 */
export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>()

  constructor(
    private readonly rule: { perMinute: number; burst: number },
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Takes one request from the key's bucket; when empty, how many whole seconds until the next one is allowed. */
  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.now()
    const rate = this.rule.perMinute / 60_000
    if (this.buckets.size >= MAX_KEYS) this.forgetFull(now)
    const b = this.buckets.get(key) ?? { tokens: this.rule.burst, at: now }
    b.tokens = Math.min(this.rule.burst, b.tokens + (now - b.at) * rate)
    b.at = now
    this.buckets.set(key, b)
    if (b.tokens >= 1) {
      b.tokens -= 1
      return { ok: true }
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000)) }
  }

  /** Drops the buckets that have refilled (keyed by address, they would otherwise grow without end). */
  private forgetFull(now: number) {
    const rate = this.rule.perMinute / 60_000
    for (const [key, b] of this.buckets) if (b.tokens + (now - b.at) * rate >= this.rule.burst) this.buckets.delete(key)
  }
}

const MAX_KEYS = 10_000
