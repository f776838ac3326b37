import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  chiSquareQuantile,
  gammaP,
  normalQuantile,
  tCdf,
  mean,
  median,
  ols,
  poissonCdf,
  poissonInterval,
  predictionInterval,
  quantile,
  sd,
  tQuantile,
} from './stats.ts'

const close = (a: number, b: number, tol = 1e-3) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} is not within ${tol} of ${b}`)

describe('benchmarking statistics (values checked against published tables)', () => {
  it('summaries', () => {
    const xs = [2, 4, 4, 4, 5, 5, 7, 9]
    assert.equal(mean(xs), 5)
    close(sd(xs), 2.13809) // sqrt(32/7)
    assert.equal(median([3, 1, 2]), 2)
    assert.equal(median([1, 2, 3, 4]), 2.5)
    assert.equal(quantile([1, 2, 3, 4, 5], 0.25), 2)
  })
  it('chi-square and t quantiles match statistical tables', () => {
    close(chiSquareQuantile(0.975, 2), 7.3778)
    close(chiSquareQuantile(0.025, 20), 9.5908)
    close(tQuantile(0.975, 9), 2.2622)
    close(tQuantile(0.975, 100), 1.984)
  })
  it('exact Poisson limits (Garwood) and the Poisson distribution function', () => {
    const [lo, hi] = poissonInterval(10)
    close(lo, 4.7954)
    close(hi, 18.3904)
    const [lo0, hi0] = poissonInterval(0)
    assert.equal(lo0, 0)
    close(hi0, 3.6889)
    close(poissonCdf(2, 2), 0.67668) // e^-2 (1 + 2 + 2)
  })
  it('least squares with a prediction interval', () => {
    // y = 1 + 2x exactly except one point: x 0..4, y 1, 3, 5, 7, 10.
    const fit = ols([0, 1, 2, 3, 4], [1, 3, 5, 7, 10])
    close(fit.slope, 2.2)
    close(fit.intercept, 0.8)
    // residuals 0.2, -0.0, -0.2, -0.4, 0.4 -> SSE 0.4 -> s = sqrt(0.4/3)
    close(fit.s, Math.sqrt(0.4 / 3))
    const [lo, hi] = predictionInterval(fit, 2)
    const half = 3.1824 * Math.sqrt(0.4 / 3) * Math.sqrt(1 + 1 / 5)
    close(lo, 5.2 - half, 2e-3)
    close(hi, 5.2 + half, 2e-3)
  })

  it('Newton quantiles agree with the 200-step bisection they replaced, to 1e-9 relative, over the published range', () => {
    // The former method, kept here as the reference: bisection of the distribution function, 200 halvings.
    const bisect = (f: (x: number) => number, target: number, lo: number, hi: number) => {
      for (let i = 0; i < 200; i++) {
        const mid = (lo + hi) / 2
        if (f(mid) < target) lo = mid
        else hi = mid
      }
      return (lo + hi) / 2
    }
    const oldChi = (p: number, k: number) => bisect((x) => gammaP(k / 2, x / 2), p, 0, Math.max(100, k * 10))
    const oldT = (p: number, df: number) => bisect((t) => tCdf(t, df), p, -1000, 1000)
    const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-12, Math.abs(b))
    // Counts from 0 to England's referrals (about 650,000): both Garwood limits, as poissonInterval uses them.
    const counts = [0, 1, 2, 3, 5, 8, 13, 40, 99, 250, 844, 1999, 5003, 12_345, 60_000, 250_000, 654_321]
    for (const c of counts)
      for (const [p, k] of [
        [0.025, 2 * c],
        [0.975, 2 * c + 2],
        [0.0005, 2 * c + 2],
      ]) {
        if (k === 0) continue
        assert.ok(rel(chiSquareQuantile(p, k), oldChi(p, k)) < 1e-9, `chi-square(${p}, ${k})`)
      }
    for (const df of [1, 2, 3, 4, 5, 7, 9, 10, 15, 30, 100, 151, 1000])
      for (const p of [0.5, 0.9, 0.975, 0.995, 0.025])
        assert.ok(rel(tQuantile(p, df), oldT(p, df)) < 1e-9 || Math.abs(tQuantile(p, df)) < 1e-12, `t(${p}, ${df})`)
    close(normalQuantile(0.975), 1.959963985, 1e-8)
    close(normalQuantile(0.001), -3.090232306, 1e-8)
  })
})
