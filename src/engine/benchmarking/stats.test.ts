import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  chiSquareQuantile,
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
})
