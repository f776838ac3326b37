import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { rankByEvidence, whyListed, type RankCandidate } from './ranking.ts'

const row = (name: string, gap: number, interval: [number, number], population: number): RankCandidate => ({
  la: name,
  name,
  count: 100,
  population,
  rate: (100 / population) * 10_000,
  comparatorRate: ((100 + gap) / population) * 10_000,
  expected: 100 + gap,
  gap,
  gapPer10k: (gap / population) * 10_000,
  interval,
})

describe('ranking by strength of evidence', () => {
  const scilly = row('Isles of Scilly', 0.5, [-2, 2], 400) // gap 12.5 per 10,000, but could be chance
  const big = row('Big city', 300, [150, 450], 300_000) // 10 per 10,000; at least 5
  const mid = row('Mid county', 200, [120, 280], 100_000) // 20 per 10,000; at least 12
  const over = row('Over-identifier', -80, [-120, -40], 100_000)
  const none = { ...row('Suppressed', 0, [0, 0], 1000), gap: null, gapPer10k: null, interval: null, problem: 'x' }

  it('ranks only intervals wholly above zero, by the lower bound per 10,000', () => {
    const r = rankByEvidence([scilly, big, mid, over, none])
    assert.deepEqual(
      r.ranked.map((x) => x.row.name),
      ['Mid county', 'Big city'],
    )
    assert.ok(Math.abs(r.ranked[0].lowerPer10k - 12) < 1e-9)
    assert.deepEqual(
      r.inconclusive.map((x) => x.row.name),
      ['Isles of Scilly'],
      'a raw gap of 12.5 per 10,000 is not evidence when the interval includes zero',
    )
    assert.deepEqual(
      r.excess.map((x) => x.row.name),
      ['Over-identifier'],
    )
    assert.deepEqual(
      r.notEstimated.map((x) => x.name),
      ['Suppressed'],
    )
  })

  it('says why in plain English', () => {
    assert.equal(
      whyListed({ ...mid, evidence: 'shortfall' }, 'child protection plans at 31 March', 'sn-mean'),
      "Recorded 100 child protection plans at 31 March (10.0 per 10,000 children); at its statistical neighbours' average rate (30.0 per 10,000) about 300 were expected: 200 fewer, and at least 120 fewer allowing for chance.",
    )
    assert.match(
      whyListed({ ...scilly, evidence: 'inconclusive' }, 'referrals', 'england'),
      /at England's rate .*could be chance alone \(anywhere from 2 more to 2 fewer\), so it is not ranked\.$/,
    )
    assert.match(whyListed({ ...over, evidence: 'excess' }, 'referrals', 'region'), /80 more, and at least 40 more/)
  })
})
