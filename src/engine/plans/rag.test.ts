import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  daysBetween,
  deliveryRag,
  kpiRag,
  worstRag,
  DEFAULT_RAG_CONFIG,
  type ActionForRag,
  type KpiForRag,
} from './rag.ts'

const action = (over: Partial<ActionForRag> = {}): ActionForRag => ({
  status: 'on track',
  ownerId: 7,
  startDate: '2014-06-01',
  dueDate: '2014-09-30',
  milestones: [{ title: 'Audit of 50 cases', dueDate: '2014-07-31', completedOn: null }],
  ...over,
})

describe('delivery RAG', () => {
  it('counts whole days between ISO dates', () => {
    assert.equal(daysBetween('2014-05-23', '2014-07-22'), 60) // 8 days of May + 30 of June + 22 of July
    assert.equal(daysBetween('2014-07-22', '2014-05-23'), -60)
  })

  it('is green when nothing is wrong, with the rule named', () => {
    assert.deepEqual(deliveryRag(action(), '2014-07-01'), { rag: 'green', rule: 'on-track', reason: 'On track' })
  })

  it('is blue when complete, even after the due date', () => {
    assert.equal(deliveryRag(action({ status: 'complete' }), '2014-12-01').rag, 'blue')
  })

  it('is red when past due and not complete, counting the days', () => {
    const r = deliveryRag(action(), '2014-10-05')
    assert.equal(r.rag, 'red')
    assert.equal(r.rule, 'past-due')
    assert.equal(r.reason, 'Due 30 September 2014, 5 days overdue')
  })

  it('is not past due on the due date itself', () => {
    assert.notEqual(deliveryRag(action({ milestones: [], dueDate: '2014-07-01' }), '2014-07-01').rule, 'past-due')
  })

  it('is amber for a missed milestone, red once it is missed by more than 28 days', () => {
    // milestone due 31 July: on 28 August 28 days late (amber), on 29 August 29 days (red)
    assert.equal(deliveryRag(action(), '2014-08-28').rule, 'milestone-missed')
    assert.equal(deliveryRag(action(), '2014-08-28').rag, 'amber')
    const red = deliveryRag(action(), '2014-08-29')
    assert.equal(red.rag, 'red')
    assert.equal(red.rule, 'milestone-missed-long')
    assert.equal(red.reason, 'Milestone "Audit of 50 cases" due 31 July 2014 missed by 29 days')
  })

  it('does not count a milestone completed on or before the date, but does count one completed after it', () => {
    const done = action({ milestones: [{ title: 'M', dueDate: '2014-07-31', completedOn: '2014-08-10' }] })
    assert.equal(deliveryRag(done, '2014-08-05').rule, 'milestone-missed')
    assert.equal(deliveryRag(done, '2014-08-10').rule, 'on-track')
  })

  it('uses the configured threshold', () => {
    const cfg = { ...DEFAULT_RAG_CONFIG, milestoneRedAfterDays: 7 }
    assert.equal(deliveryRag(action(), '2014-08-08', cfg).rag, 'red') // 8 days late > 7
  })

  it('lets a rule be switched off locally', () => {
    const cfg = { ...DEFAULT_RAG_CONFIG, disabledRules: ['incomplete-row'] }
    assert.equal(deliveryRag(action({ ownerId: null }), '2014-07-01').rule, 'incomplete-row')
    assert.equal(deliveryRag(action({ ownerId: null }), '2014-07-01', cfg).rule, 'on-track')
  })

  it('is amber when the row lacks an owner, due date or milestone, naming what is missing', () => {
    const r = deliveryRag(action({ ownerId: null, dueDate: null, milestones: [] }), '2014-07-01')
    assert.deepEqual(r, { rag: 'amber', rule: 'incomplete-row', reason: 'No owner, no due date, no milestone' })
  })

  it('rates blocked and off track red, at risk and late start amber', () => {
    assert.equal(deliveryRag(action({ status: 'blocked' }), '2014-07-01').rule, 'blocked')
    assert.equal(deliveryRag(action({ status: 'off track' }), '2014-07-01').rag, 'red')
    assert.equal(deliveryRag(action({ status: 'at risk' }), '2014-07-01').rag, 'amber')
    const late = deliveryRag(action({ status: 'not started' }), '2014-06-02')
    assert.deepEqual(late, { rag: 'amber', rule: 'late-start', reason: 'Should have started on 1 June 2014' })
    assert.equal(deliveryRag(action({ status: 'not started' }), '2014-06-01').rule, 'on-track')
  })

  it('shows an override with the computed colour and the reason beside it', () => {
    const r = deliveryRag(
      action({ ragOverride: 'green', ragOverrideReason: 'Recovery plan agreed at board' }),
      '2014-10-05',
    )
    assert.equal(r.rag, 'green')
    assert.equal(r.rule, 'override')
    assert.deepEqual(r.override, { computed: 'red', computedRule: 'past-due', reason: 'Recovery plan agreed at board' })
  })
})

describe('worst RAG', () => {
  it('takes the worst colour with its rule and says how many share it; grey when nothing is rated', () => {
    const r = worstRag(
      [
        { rag: 'green', rule: 'on-track', reason: 'On track' },
        { rag: 'amber', rule: 'at-risk', reason: 'Reported at risk' },
        { rag: 'blue', rule: 'complete', reason: 'Marked complete' },
        { rag: 'amber', rule: 'late-start', reason: 'Should have started on 1 June 2014' },
        { rag: 'grey', rule: 'kpi-no-value', reason: '' },
      ],
      'No actions',
      'worst-action',
    )
    assert.deepEqual(r, { rag: 'amber', rule: 'at-risk', reason: '2 of 4 rated amber: Reported at risk' })
    assert.deepEqual(
      worstRag([{ rag: 'red', rule: 'past-due', reason: 'Due 2014-07-01, 3 days overdue' }], 'x', 'worst-action'),
      { rag: 'red', rule: 'past-due', reason: 'Due 2014-07-01, 3 days overdue' },
    )
    assert.deepEqual(worstRag([], 'No actions', 'worst-action'), {
      rag: 'grey',
      rule: 'worst-action-none',
      reason: 'No actions',
    })
  })
})

describe('impact RAG (KPI)', () => {
  const kpi = (over: Partial<KpiForRag> = {}): KpiForRag => ({
    polarity: 'higher',
    targetValue: 80,
    amberTolerance: null,
    trajectory: [
      { month: '2014-06-01', value: 60 },
      { month: '2014-07-01', value: 65 },
    ],
    values: [
      { month: '2014-06-01', value: 58 },
      { month: '2014-07-01', value: 59 },
    ],
    ...over,
  })

  it('compares the latest value on or before the date with the trajectory for its month', () => {
    // June: 58 vs 60, 2 short, within the default 5 -> amber
    const june = kpiRag(kpi(), '2014-06-30')
    assert.equal(june.rag, 'amber')
    assert.equal(june.rule, 'kpi-within-tolerance')
    assert.equal(june.reason, '58 misses trajectory 60 for 2014-06 by 2, within 5')
    // July: 59 vs 65, 6 short -> red
    assert.equal(kpiRag(kpi(), '2014-07-15').rag, 'red')
  })

  it('falls back to the final target without a trajectory point, and respects polarity', () => {
    assert.equal(
      kpiRag(kpi({ trajectory: [], values: [{ month: '2014-07-01', value: 81 }] }), '2014-08-01').rag,
      'green',
    )
    // lower is better: re-referrals 26% against a 22% target, tolerance 3 -> 4 over -> red
    const down = kpi({
      polarity: 'lower',
      targetValue: 22,
      amberTolerance: 3,
      trajectory: [],
      values: [{ month: '2014-07-01', value: 26 }],
    })
    const r = kpiRag(down, '2014-07-31')
    assert.equal(r.rag, 'red')
    assert.equal(r.reason, '26 misses target 22 by 4, beyond 3')
    assert.equal(kpiRag({ ...down, values: [{ month: '2014-07-01', value: 21 }] }, '2014-07-31').rag, 'green')
  })

  it('rates a month between trajectory points against the latest target, not the final one', () => {
    // August has no point of its own: July's 65 holds. 62 is 3 short of 65 (amber), but 18 short of the final 80.
    const august = kpiRag(kpi({ values: [{ month: '2014-08-01', value: 62 }] }), '2014-08-31')
    assert.equal(august.rag, 'amber')
    assert.equal(august.reason, '62 misses trajectory 65 for 2014-08 by 3, within 5')
  })

  it('does not judge a month before the trajectory starts against the final target', () => {
    const may = kpiRag(kpi({ values: [{ month: '2014-05-01', value: 55 }] }), '2014-05-31')
    assert.deepEqual(
      [may.rag, may.rule, may.reason],
      ['grey', 'kpi-before-trajectory', 'No target yet for 2014-05: the trajectory starts in 2014-06'],
    )
  })

  it('does not rate context measures or measures without values', () => {
    assert.equal(kpiRag(kpi({ polarity: 'context' }), '2014-07-31').rule, 'kpi-context')
    const none = kpiRag(kpi(), '2014-05-31')
    assert.deepEqual([none.rule, none.reason], ['kpi-no-value', 'No value on or before 31 May 2014'])
  })
})
