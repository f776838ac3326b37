import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { assess, type InspectionRecord } from './assess.ts'
import { DEFAULT_THRESHOLDS, thresholdProblems } from './thresholds.ts'

const sif = (
  date: string,
  overall: InspectionRecord['overallGrade'],
  leadership = overall,
  others: Array<InspectionRecord['overallGrade']> = [],
): InspectionRecord => ({
  framework: 'SIF',
  date,
  overallGrade: overall,
  judgements: [
    { area: 'Overall effectiveness', grade: overall! },
    { area: 'Leadership, management and governance', grade: leadership! },
    ...others.map((g, i) => ({ area: `Area ${i}`, grade: g! })),
  ],
})

describe('intervention criteria and rungs', () => {
  it('good everywhere: none', () => {
    assert.equal(
      assess({
        la: 'x',
        asAt: '2020-01-01',
        inspections: [sif('2015-01-01', 'Good'), sif('2019-01-01', 'Outstanding')],
      }).recommendation,
      'none',
    )
  })
  it('a first, non-systemic inadequate: improvement notice', () => {
    const a = assess({
      la: 'x',
      asAt: '2020-01-01',
      inspections: [
        sif('2015-01-01', 'Good'),
        sif('2019-01-01', 'Inadequate', 'Requires improvement', ['Inadequate', 'Good']),
      ],
    })
    assert.equal(a.scale.systemic, false)
    assert.equal(a.recommendation, 'improvement-notice')
  })
  it('systemic (overall, leadership and two others inadequate): statutory direction', () => {
    const a = assess({
      la: 'x',
      asAt: '2020-01-01',
      inspections: [sif('2019-01-01', 'Inadequate', 'Inadequate', ['Inadequate', 'Inadequate'])],
    })
    assert.equal(a.scale.systemic, true)
    assert.equal(a.scale.weightedScore, 3 + 2 + 1 + 1)
    assert.equal(a.recommendation, 'statutory-direction')
  })
  it('persistent (two in a row): direction; three in a row: alternative delivery', () => {
    const two = [sif('2016-01-01', 'Inadequate', 'Good'), sif('2018-01-01', 'Inadequate', 'Good')]
    assert.equal(assess({ la: 'x', asAt: '2018-06-01', inspections: two }).recommendation, 'statutory-direction')
    const three = [...two, sif('2019-06-01', 'Inadequate', 'Good')]
    assert.equal(assess({ la: 'x', asAt: '2019-07-01', inspections: three }).recommendation, 'alternative-delivery')
  })
  it('requires improvement with an inadequate judgement: support; a strong data signal also gives support', () => {
    assert.equal(
      assess({
        la: 'x',
        asAt: '2020-01-01',
        inspections: [sif('2019-01-01', 'Requires improvement', 'Good', ['Inadequate'])],
      }).recommendation,
      'support',
    )
    const signal = { measure: 'cpp_at_31_march', year: 2019, gapPer10k: 12, lowerPer10k: 3 }
    const ri = [sif('2019-01-01', 'Requires improvement', 'Requires improvement')]
    assert.equal(assess({ la: 'x', asAt: '2020-01-01', inspections: ri, riskGap: signal }).recommendation, 'support')
    assert.equal(
      assess({ la: 'x', asAt: '2020-01-01', inspections: ri, riskGap: { ...signal, lowerPer10k: -1 } }).recommendation,
      'none',
    )
    // Beside a good judgement the same gap is noted but not decisive.
    const good = assess({ la: 'x', asAt: '2020-01-01', inspections: [sif('2019-01-01', 'Good')], riskGap: signal })
    assert.equal(good.recommendation, 'none')
    assert.ok(good.rationale.some((r) => r.criterion === 'data signal: unidentified risk'))
  })
  it('thresholds are versioned and configurable', () => {
    const strict = { ...DEFAULT_THRESHOLDS, version: 'strict-1', persistentConsecutive: 1 }
    const a = assess({ la: 'x', asAt: '2020-01-01', inspections: [sif('2019-01-01', 'Inadequate', 'Good')] }, strict)
    assert.equal(a.thresholdsVersion, 'strict-1')
    assert.equal(a.recommendation, 'statutory-direction')
    assert.deepEqual(thresholdProblems(DEFAULT_THRESHOLDS), [])
    assert.ok(thresholdProblems({ ...DEFAULT_THRESHOLDS, version: '', persistentYears: -1 }).length === 2)
  })
})
