import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { commitmentProgress, itemMeets, type ItemForCompleteness } from './completeness.ts'

/** 16 items like Birmingham 2014: 12 with an agreed analysis (one agreed only on 25 July), 9 with an owned, dated action. */
function items(): ItemForCompleteness[] {
  return Array.from({ length: 16 }, (_, i) => ({
    id: i + 1,
    analyses:
      i < 12
        ? [{ status: 'agreed' as const, agreedOn: i === 11 ? '2014-07-25' : '2014-07-10' }]
        : i < 14
          ? [{ status: 'draft' as const, agreedOn: null }]
          : [],
    actions:
      i < 9
        ? [
            {
              ownerId: 3,
              dueDate: '2014-09-30',
              status: i < 2 ? 'complete' : 'on track',
              completedOn: i < 2 ? '2014-07-01' : null,
              milestoneCount: i < 5 ? 1 : 0,
            },
          ]
        : i < 11
          ? [{ ownerId: null, dueDate: '2014-09-30', status: 'not started', completedOn: null, milestoneCount: 0 }]
          : [],
    kpiCount: i % 4 === 0 ? 1 : 0,
  }))
}

const explain = {
  id: 1,
  title: 'Explanation of the underlying issues for every recommendation',
  measure: 'explained' as const,
  dueDate: '2014-07-22',
  itemId: null,
  metOn: null,
}

describe('commitment completeness', () => {
  it('counts explained items as at the date: an analysis agreed later does not count yet', () => {
    const before = commitmentProgress(explain, items(), '2014-07-22')
    assert.equal(before.summary, '11 of 16 recommendations explained (underlying issues agreed)')
    assert.equal(before.status, 'open', 'due today, not yet overdue')
    const after = commitmentProgress(explain, items(), '2014-07-26')
    assert.equal(after.summary, '12 of 16 recommendations explained (underlying issues agreed)')
    assert.equal(after.status, 'overdue')
    assert.deepEqual(after.outstandingItemIds, [13, 14, 15, 16])
  })

  it('counts items with an action that has both an owner and a due date', () => {
    const p = commitmentProgress({ ...explain, measure: 'owned-action' }, items(), '2014-07-22')
    assert.equal(p.summary, '9 of 16 recommendations have an action with an owner and a due date')
  })

  it('counts milestones, KPIs and completed actions', () => {
    assert.equal(commitmentProgress({ ...explain, measure: 'milestones' }, items(), '2014-08-01').done, 5)
    assert.equal(commitmentProgress({ ...explain, measure: 'kpi' }, items(), '2014-08-01').done, 4) // items 1, 5, 9, 13
    assert.equal(commitmentProgress({ ...explain, measure: 'actions-complete' }, items(), '2014-08-01').done, 2)
    assert.equal(commitmentProgress({ ...explain, measure: 'actions-complete' }, items(), '2014-06-30').done, 0)
  })

  it('measures an item commitment against that item only, and is met when it is done', () => {
    const p = commitmentProgress({ ...explain, itemId: 3 }, items(), '2014-08-01')
    assert.deepEqual(
      [p.done, p.total, p.status, p.summary],
      [1, 1, 'met', '1 of 1 recommendation explained (underlying issues agreed)'],
    )
  })

  it('treats manual commitments as met from their met date', () => {
    const c = { ...explain, measure: 'manual' as const, metOn: '2014-07-20' }
    assert.equal(commitmentProgress(c, [], '2014-07-19').status, 'open')
    assert.equal(commitmentProgress(c, [], '2014-07-20').status, 'met')
    assert.equal(commitmentProgress({ ...c, metOn: null }, [], '2014-07-23').status, 'overdue')
  })

  it('never calls an empty plan met', () => {
    assert.equal(commitmentProgress(explain, [], '2014-07-01').status, 'open')
    assert.equal(itemMeets({ id: 1, analyses: [], actions: [], kpiCount: 0 }, 'milestones', '2014-07-01'), false)
  })
})
