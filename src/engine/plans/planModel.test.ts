import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import v8 from 'node:v8'
import vm from 'node:vm'
import { buildPlanModel, type PlanInputs } from './planModel.ts'

type Comment = PlanInputs['comments'][number]

/** A comment as the store gives it: every column of plan_comment (the version history's JSON), sent from PGlite's thread. */
const stored = (c: Partial<Comment> & { id: number }): Comment =>
  Object.assign(
    {
      id: c.id,
      planId: 1,
      itemId: 11,
      submissionId: null,
      parentId: null,
      kind: 'comment' as const,
      text: `Load test comment from user ${c.id % 100}`,
      authorId: 1 + (c.id % 3),
      createdAt: new Date(Date.UTC(2014, 6, 1) + c.id * 60_000).toISOString(),
      status: null,
      closedBy: null,
      closedAt: null,
      version: 1,
      archivedAt: null,
      archivedBy: null,
      archiveReason: null,
    },
    c,
  )

function inputs(comments: Comment[]): PlanInputs {
  return {
    plan: { id: 1, laCode: '331', title: 'Improvement plan', status: 'draft' },
    laName: 'Coventry',
    reports: [
      {
        id: 5,
        framework: 'ILACS',
        inspectionStart: '2014-05-01',
        inspectionEnd: '2014-05-10',
        published: '2014-06-01',
        lscbJudgement: null,
        judgements: [],
      },
    ],
    items: [
      { id: 11, recommendationId: 21, theme: null },
      { id: 12, recommendationId: 22, theme: null },
    ],
    recommendations: [21, 22].map((id, i) => ({
      id,
      reportId: 5,
      ordinal: i + 1,
      paragraph: null,
      category: 'Practice',
      addressee: 'LA',
      text: `Recommendation ${i + 1}`,
    })),
    analyses: [],
    objectives: [],
    actions: [],
    milestones: [],
    evidence: [],
    kpis: [],
    commitments: [],
    submissions: [],
    // Rows cross from PGlite's worker thread by structured clone, as in the server.
    comments: structuredClone(comments),
    users: { 1: 'Ada', 2: 'Ben', 3: 'Cy' },
  }
}

describe('plan model comments', () => {
  it("threads each challenge's answers under it, in order, and gives each item its own comments, oldest first", () => {
    const m = buildPlanModel(
      inputs([
        stored({ id: 4, kind: 'answer', parentId: 2, text: 'Second answer', createdAt: '2014-07-04T10:00:00.000Z' }),
        stored({ id: 1, text: 'A comment', createdAt: '2014-07-02T10:00:00.000Z' }),
        stored({ id: 2, kind: 'challenge', status: 'open', text: 'Why?', createdAt: '2014-07-01T10:00:00.000Z' }),
        stored({ id: 3, kind: 'answer', parentId: 2, text: 'First answer', createdAt: '2014-07-03T10:00:00.000Z' }),
        stored({ id: 5, itemId: 12, text: 'On the other item', createdAt: '2014-07-05T10:00:00.000Z' }),
      ]),
      '2014-08-01',
    )
    assert.deepEqual(
      m.comments.map((c) => [c.id, c.authorName, c.answers.map((a) => [a.text, a.authorName])]),
      [
        [
          2,
          'Cy',
          [
            ['Second answer', 'Ben'],
            ['First answer', 'Ada'],
          ],
        ],
        [1, 'Ben', []],
        [5, 'Cy', []],
      ],
    )
    assert.deepEqual(
      m.items.map((i) => [i.id, i.comments.map((c) => c.id), i.openChallenges]),
      [
        [11, [2, 1], 1],
        [12, [5], 0],
      ],
    )
    // Every column of the stored comment is kept (plans show --json prints the model).
    assert.equal(m.comments[0].version, 1)
    assert.equal((m.comments[0] as unknown as Record<string, unknown>).closedAt, null)
  })

  it("holds a few hundred bytes per comment, not the ~750 of a hidden class of each comment's own (bench:load's heap growth)", () => {
    v8.setFlagsFromString('--expose-gc')
    const gc = vm.runInNewContext('gc') as () => void
    const n = 3000
    const plan = inputs(
      Array.from({ length: n }, (_, i) =>
        stored(i % 10 === 9 ? { id: i + 1, kind: 'answer', parentId: i } : { id: i + 1, itemId: 11 + (i % 2) }),
      ),
    )
    const models: unknown[] = []
    gc()
    const before = process.memoryUsage().heapUsed
    for (let k = 0; k < 5; k++) models.push(buildPlanModel(plan, '2014-08-01'))
    gc()
    const perComment = (process.memoryUsage().heapUsed - before) / (5 * n)
    assert.equal(models.length, 5)
    assert.ok(perComment < 400, `the plan model holds ${perComment.toFixed(0)} bytes per comment`)
  })
})
