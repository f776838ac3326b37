import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  areaComparator,
  deprivationComparator,
  gapAgainst,
  medianInterval,
  neighbourComparator,
  NotEnoughComparators,
  quartileAndRank,
  rankerFor,
  ratePer10k,
  type AreaObservation,
} from './estimate.ts'

const close = (a: number, b: number, tol = 0.05) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} is not within ${tol} of ${b}`)
const area = (code: string, count: number | string, population = 10_000): AreaObservation => ({
  code,
  observed: typeof count === 'number' ? { count } : { suppressed: count },
  population,
})

describe('expected minus actual', () => {
  it('matches DfE: Birmingham CP plans at 31 March 2014 per 10,000', () => {
    // 844 plans / 281,019 children (mid-2013) x 10,000 = 30.033...
    close(ratePer10k(844, 281_019), 30.03, 0.005)
  })

  it('neighbour mean with a t-interval, then the gap with Poisson noise (hand-checked)', () => {
    // Neighbours' rates 30, 40, 50, 60, 70: mean 50, sd sqrt(250) = 15.811, se 7.071, t(.975, 4) = 2.7764 -> ±19.632.
    const c = neighbourComparator(
      [area('a', 30), area('b', 40), area('c', 50), area('d', 60), area('e', 70)],
      'sn-mean',
    )
    close(c.rate, 50, 1e-9)
    close(c.interval[0], 30.368, 0.002)
    close(c.interval[1], 69.632, 0.002)
    // LA: 300 children in 100,000 (rate 30). Expected 500; gap 200.
    // Expected interval 303.68 to 696.32; exact Poisson limits for 300 ≈ 267.0 and 336.0 (Wilson-Hilferty 267.01, 335.95).
    const g = gapAgainst({ count: 300 }, 100_000, c)
    close(g.expected, 500, 1e-9)
    close(g.gap, 200, 1e-9)
    close(g.gapPer10k, 20, 1e-9)
    close(g.interval[0], 303.68 - 335.95, 0.3)
    close(g.interval[1], 696.32 - 267.01, 0.3)
    assert.equal(g.belowPoissonLimit, true, '300 is far below the 99.8% Poisson lower limit of 500')
    assert.equal(gapAgainst({ count: 495 }, 100_000, c).belowPoissonLimit, false)
  })

  it('drops suppressed neighbours, names them, and refuses with too few', () => {
    const c = neighbourComparator(
      [area('a', 30), area('b', 'c'), area('c', 50), area('d', 60), area('e', 70), area('f', 40)],
      'sn-mean',
    )
    assert.equal(c.used, 5)
    assert.deepEqual(c.dropped, [{ code: 'b', reason: 'suppressed (c)' }])
    assert.throws(
      () => neighbourComparator([area('a', 30), area('b', 'c'), area('c', 'x')], 'sn-mean'),
      (e: unknown) =>
        e instanceof NotEnoughComparators &&
        e.used === 1 &&
        /Only 1 statistical neighbours.*b \(suppressed \(c\)\)/.test(e.message),
    )
  })

  it('median with a distribution-free interval from order statistics', () => {
    // n = 10: P(Bin(10, .5) <= 1) = 11/1024 = 0.0107 <= 0.025 < P(<= 2) = 0.0547, so x(2) and x(9): 97.9% coverage.
    assert.deepEqual(medianInterval(10), [1, 8])
    const c = neighbourComparator(
      [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((n, i) => area(String(i), n)),
      'sn-median',
    )
    assert.equal(c.rate, 55)
    assert.deepEqual(c.interval, [20, 90])
  })

  it('England: its own rate with Poisson limits on its count', () => {
    const c = areaComparator(area('England', 10, 10_000), 'england')
    assert.equal(c.rate, 10)
    close(c.interval[0], 4.795, 0.001)
    close(c.interval[1], 18.39, 0.001)
    assert.throws(() => areaComparator(area('England', 'x'), 'england'), /suppressed \(x\)/)
  })

  it('deprivation model: recovers a known log-linear relationship and predicts with smearing', () => {
    // rate = exp(1 + 0.05 * d) exactly, for d = 0..39: slope 0.05, residuals 0, smearing 1.
    const all = Array.from({ length: 40 }, (_v, d) => ({ code: `L${d}`, rate: Math.exp(1 + 0.05 * d), covariate: d }))
    const { comparator, fit, smearing } = deprivationComparator(all, { code: 'X', covariate: 20 }, 'test covariate')
    close(fit.slope, 0.05, 1e-9)
    close(smearing, 1, 1e-9)
    close(comparator.rate, Math.exp(2), 1e-6)
    assert.throws(() => deprivationComparator(all.slice(0, 10), { code: 'X', covariate: 1 }, 'c'), NotEnoughComparators)
  })

  it('quartile (1 = lowest) and rank (1 = highest)', () => {
    const rates = [10, 20, 30, 40, 50, 60, 70, 80]
    assert.deepEqual(quartileAndRank(15, rates), { quartile: 1, rank: 8, of: 8 })
    assert.deepEqual(quartileAndRank(75, rates), { quartile: 4, rank: 2, of: 8 })
  })

  it('rankerFor answers exactly as quartileAndRank, ties and ends included', () => {
    const rates = [12.5, 3, 40, 40, 7.25, 19, 3, 88, 55.5, 21, 0.5, 19]
    const rank = rankerFor(rates)
    for (const r of [...rates, -1, 0.5, 19.0001, 100, 30])
      assert.deepEqual(rank(r), quartileAndRank(r, rates), `rate ${r}`)
    assert.deepEqual(rankerFor([])(5), quartileAndRank(5, []))
  })
})
