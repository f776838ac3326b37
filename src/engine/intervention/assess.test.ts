import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { assess, CRITERIA, type InspectionRecord } from './assess.ts'
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
  it('one inadequate judgement is never persistent, however long ago it was', () => {
    const a = assess({ la: 'x', asAt: '2024-01-01', inspections: [sif('2016-01-01', 'Inadequate', 'Good')] })
    assert.equal(a.persistence.persistent, false)
    assert.equal(a.persistence.yearsInFailure, 8)
    assert.equal(a.recommendation, 'improvement-notice')
    assert.ok(!a.rationale.some((r) => /^persistent failure/.test(r.effect)))
  })
  it('inadequate, then requires improvement, then inadequate over three years: persistent', () => {
    const a = assess({
      la: 'x',
      asAt: '2019-06-01',
      inspections: [
        sif('2015-01-01', 'Inadequate', 'Good'),
        sif('2017-01-01', 'Requires improvement'),
        sif('2019-01-01', 'Inadequate', 'Good'),
      ],
    })
    assert.equal(a.persistence.consecutiveInadequate, 1)
    assert.equal(a.persistence.inadequateInspectionsInFailure, 2)
    assert.equal(a.persistence.persistent, true)
    assert.equal(a.recommendation, 'statutory-direction')
  })
  it('keeps what is in force until improvement is sustained, then steps down', () => {
    const events = [{ id: 1, kind: 'direction-issued' as const, date: '2016-06-01' }]
    const history = [
      sif('2014-01-01', 'Inadequate'),
      sif('2016-01-01', 'Inadequate'),
      sif('2018-01-01', 'Requires improvement'),
    ]
    const kept = assess({ la: 'x', asAt: '2018-06-01', inspections: history, events })
    assert.equal(kept.recommendation, 'statutory-direction')
    assert.ok(kept.rationale.some((r) => r.criterion === 'in force' && /kept in force/.test(r.effect)))
    const withoutRegister = assess({ la: 'x', asAt: '2018-06-01', inspections: history })
    assert.equal(withoutRegister.recommendation, 'support', 'improvement after failure not yet sustained: support')
    const good = assess({ la: 'x', asAt: '2020-06-01', inspections: [...history, sif('2020-01-01', 'Good')], events })
    assert.equal(good.recommendation, 'none')
    assert.ok(good.rationale.some((r) => r.criterion === 'in force' && /step-down/.test(r.effect)))
  })
  it("a commissioner's finding of no capacity: alternative delivery", () => {
    const events = [
      { id: 1, kind: 'direction-issued' as const, date: '2019-02-01' },
      { id: 2, kind: 'commissioner-finds-no-capacity' as const, date: '2019-06-01' },
    ]
    const history = [sif('2019-01-01', 'Inadequate', 'Inadequate', ['Inadequate', 'Inadequate'])]
    assert.equal(
      assess({ la: 'x', asAt: '2019-05-01', inspections: history, events }).recommendation,
      'statutory-direction',
    )
    assert.equal(
      assess({ la: 'x', asAt: '2019-07-01', inspections: history, events }).recommendation,
      'alternative-delivery',
    )
  })
  it('every rung cites every criterion, each with its value and the threshold it was held against', () => {
    const cases = [
      { asAt: '2014-01-01', inspections: [] },
      { asAt: '2020-01-01', inspections: [sif('2015-01-01', 'Good')] },
      { asAt: '2020-01-01', inspections: [sif('2019-01-01', 'Inadequate', 'Good')] },
      { asAt: '2020-01-01', inspections: [sif('2016-01-01', 'Inadequate'), sif('2019-01-01', 'Inadequate')] },
      { asAt: '2020-01-01', inspections: [sif('2016-01-01', 'Inadequate'), sif('2019-01-01', 'Requires improvement')] },
    ]
    const rungs = new Set<string>()
    for (const c of cases) {
      const a = assess({ la: 'x', ...c })
      rungs.add(a.recommendation)
      assert.deepEqual(
        CRITERIA.filter((k) => !a.rationale.some((r) => r.criterion === k)),
        [],
        `${a.recommendation} at ${c.asAt} cites every criterion`,
      )
      assert.equal(new Set(a.rationale.map((r) => r.criterion)).size, a.rationale.length, 'each criterion once')
    }
    assert.deepEqual([...rungs].sort(), ['improvement-notice', 'none', 'statutory-direction', 'support'])
    const first = assess({ la: 'x', asAt: '2020-01-01', inspections: [sif('2019-01-01', 'Inadequate', 'Good')] })
    const longRunning = first.rationale.find((r) => r.criterion === 'persistence: long-running failure')!
    assert.equal(longRunning.value, '1 consecutive inadequate inspection over 1 year in failure')
    assert.match(longRunning.effect, /needs 3 in a row, or 2 in a row over 5 years in failure/)
  })

  it('thresholds are versioned and configurable', () => {
    const lenient = { ...DEFAULT_THRESHOLDS, version: 'lenient-1', persistentConsecutive: 3, alternativeConsecutive: 4 }
    const two = [sif('2016-01-01', 'Inadequate', 'Good'), sif('2018-01-01', 'Inadequate', 'Good')]
    const a = assess({ la: 'x', asAt: '2018-02-01', inspections: two }, lenient)
    assert.equal(a.thresholdsVersion, 'lenient-1')
    assert.equal(a.recommendation, 'improvement-notice')
    assert.deepEqual(thresholdProblems(DEFAULT_THRESHOLDS), [])
    assert.equal(thresholdProblems({ ...DEFAULT_THRESHOLDS, version: '', persistentYears: -1 }).length, 2)
    assert.match(thresholdProblems({ ...DEFAULT_THRESHOLDS, persistentConsecutive: 1 }).join(), /never persistent/)
  })
})

describe('data signal: unworked demand from the council’s casework snapshot', () => {
  const inspections = [sif('2012-01-01', 'Inadequate'), sif('2014-03-01', 'Inadequate')]
  const snapshot = {
    asAt: '2014-05-12',
    snapshotId: 7,
    children: 412,
    byReason: [
      { label: 'Referral with no decision or assessment after 1 working day', children: 398 },
      { label: 'Open case with no allocated social worker', children: 61 },
      { label: 'Looked-after review late', children: 0 },
    ],
  }
  const line = (a: ReturnType<typeof assess>) =>
    a.rationale.find((r) => r.criterion === 'data signal: unworked demand')!

  it('cites the count, the snapshot date and the reasons once the snapshot is as at or before the date', () => {
    for (const asAt of ['2014-05-12', '2014-06-01']) {
      const a = assess({ la: 'x', asAt, inspections, unworkedDemand: snapshot })
      assert.equal(
        line(a).value,
        '412 children known but not worked, casework snapshot as at 12 May 2014; by reason: ' +
          '398 referral with no decision or assessment after 1 working day; 61 open case with no allocated social worker',
      )
      assert.match(line(a).effect, /does not change the rung/)
      assert.deepEqual(a.signals.unworkedDemand, snapshot)
      assert.equal(a.recommendation, assess({ la: 'x', asAt, inspections }).recommendation, 'the rung is unchanged')
    }
  })

  it('says one child, not one children', () => {
    const a = assess({ la: 'x', asAt: '2014-06-01', inspections, unworkedDemand: { ...snapshot, children: 1 } })
    assert.match(String(line(a).value), /^1 child known but not worked/)
  })

  it('does not use a snapshot taken after the assessment date, and says why', () => {
    const a = assess({ la: 'x', asAt: '2014-05-11', inspections, unworkedDemand: snapshot })
    assert.equal(
      line(a).value,
      'not available on this date: the council’s casework snapshot is as at 12 May 2014, after it',
    )
    assert.equal(a.signals.unworkedDemand, null)
  })

  it('says plainly that it is not available when the council has sent no casework data', () => {
    for (const unworkedDemand of [undefined, null]) {
      const a = assess({ la: 'x', asAt: '2014-06-01', inspections, unworkedDemand })
      assert.equal(line(a).value, 'not available: the council has sent no casework data')
      assert.equal(a.signals.unworkedDemand, null)
      assert.equal(a.rationale.filter((r) => r.criterion === 'data signal: unworked demand').length, 1)
    }
  })
})
