import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { conversion, trendBreaks } from './trends.ts'

describe('trend breaks and conversions', () => {
  it("flags Birmingham's fall in CP plans during 2013-14 (1,026 to 844 at 31 March)", () => {
    // Rates per 10,000: 1,026 / 277,400 x 10,000 = 36.99 (2013); 844 / 281,019 x 10,000 = 30.03 (2014): -18.8%.
    const la = [
      { year: 2013, rate: 36.99 },
      { year: 2014, rate: 30.03 },
    ]
    const neighbours = {
      a: [
        { year: 2013, rate: 40 },
        { year: 2014, rate: 42 },
      ],
      b: [
        { year: 2013, rate: 50 },
        { year: 2014, rate: 50 },
      ],
      c: [
        { year: 2013, rate: 45 },
        { year: 2014, rate: 46 },
      ],
      d: [
        { year: 2013, rate: 38 },
        { year: 2014, rate: 37 },
      ],
    }
    const [flag] = trendBreaks(la, neighbours)
    assert.equal(flag.year, 2014)
    assert.ok(Math.abs(flag.change - -0.1882) < 0.001)
    assert.match(flag.reasons[0], /fell 18\.8% in a year/)
    assert.match(flag.reasons[1], /standard deviations below the neighbours' change/)
  })

  it('does not flag a fall when need fell as much (not a break in practice)', () => {
    const la = [
      { year: 2013, rate: 40 },
      { year: 2014, rate: 30 },
    ]
    const need = [
      { year: 2013, rate: 400 },
      { year: 2014, rate: 300 },
    ]
    assert.deepEqual(trendBreaks(la, {}, need), [])
    assert.equal(
      trendBreaks(la, {}, [
        { year: 2013, rate: 400 },
        { year: 2014, rate: 390 },
      ]).length,
      1,
    )
  })

  it('skips suppressed years rather than reading them as zero', () => {
    assert.deepEqual(
      trendBreaks(
        [
          { year: 2014, rate: 30 },
          { year: 2015, rate: null },
          { year: 2016, rate: 10 },
        ],
        {},
      ),
      [],
    )
  })

  it('conversion ratio shortfall against the neighbours median', () => {
    // LA: 1,221 plans from 13,815 referrals = 0.0884; neighbours 0.10, 0.12, 0.08 -> median 0.10.
    const c = conversion({ id: 'x', title: 'x' }, { numerator: 1221, denominator: 13815 }, [
      { numerator: 100, denominator: 1000 },
      { numerator: 120, denominator: 1000 },
      { numerator: 80, denominator: 1000 },
      { numerator: null, denominator: 1000 },
    ])
    assert.equal(c.neighbourMedian, 0.1)
    assert.equal(c.neighboursUsed, 3)
    // (0.10 - 1221/13815) x 13815 = 1381.5 - 1221 = 160.5
    assert.ok(Math.abs(c.shortfall! - 160.5) < 1e-9)
  })
})
