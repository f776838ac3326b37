/**
 * A seeded pseudo-random stream (mulberry32 over a 32-bit state, seeded through a string hash), so the same seed
 * gives byte-identical output. Each child draws from its own stream, keyed by seed, LA and child number, so a child's
 * history does not depend on how many numbers other children used.
 */
export function hash32(text: string): number {
  let h = 2166136261
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 16777619)
  }
  return h >>> 0
}

export class Random {
  private state: number

  constructor(seed: string | number) {
    this.state = typeof seed === 'number' ? seed >>> 0 : hash32(seed)
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }

  /** Picks by weight: entries are [value, weight]. */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    let total = 0
    for (const [, w] of entries) total += w
    let r = this.next() * total
    for (const [v, w] of entries) {
      r -= w
      if (r < 0) return v
    }
    return entries[entries.length - 1][0]
  }

  /** Exponential with the given mean, at least min. */
  exp(mean: number, min = 0): number {
    return min + Math.floor(-Math.log(1 - this.next()) * mean)
  }
}
