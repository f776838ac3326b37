import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import type { CaseworkRecord } from '../model.ts'
import { openCaseworkStore } from '../store.ts'
import { computeUnworked } from './index.ts'

const source = { fileName: 'cin.xml', sha256: 'dd'.repeat(32), bytes: 10, format: 'cin', readerVersion: 'cin@1' }

const referral = (c: string, referralDate: string, closureDate?: string): CaseworkRecord => ({
  entity: 'referral',
  row: { childId: c, referralId: `${c}-R`, referralDate, closureDate, nfa: false },
})

const records: Record<string, CaseworkRecord[]> = {
  cin: [
    referral('C1', '2013-12-02'),
    { entity: 'cpPlan', row: { childId: 'C1', planId: 'P1', startDate: '2014-01-06' } },
    {
      entity: 'assessment',
      row: {
        childId: 'C1',
        assessmentId: 'A1',
        referralId: 'C1-R',
        startDate: '2013-12-03',
        authorisedDate: '2014-01-02',
      },
    },
    referral('C3', '2014-03-03'), // open, no assessment, no worker
    referral('C4', '2013-12-02', '2014-03-01'), // closed without an assessment
  ],
  annexA: [
    { entity: 'cpPlan', row: { childId: 'C1', planId: 'C1/2014-01-06', startDate: '2014-01-06' } },
    { entity: 'cpVisit', row: { childId: 'C1', planId: 'C1/2014-01-06', visitDate: '2014-03-14' } }, // 11 working days
    { entity: 'lacEpisode', row: { childId: 'C5', periodStartDate: '2013-01-07' } },
    { entity: 'lacVisit', row: { childId: 'C5', visitDate: '2014-02-01', kind: 'social worker' } }, // 58 days
    { entity: 'child', row: { childId: 'C5', birthMonth: '2005-06' } },
  ],
  ssd: [
    { entity: 'contact', row: { childId: 'C2', contactId: 'K2', contactDate: '2014-03-20', outcome: null } }, // 7 wd
    { entity: 'contact', row: { childId: 'C6', contactId: 'K6', contactDate: '2014-03-28', outcome: null } }, // 1 wd
    { entity: 'allocation', row: { childId: 'C1', workerId: 'W1', team: 'Safeguarding 1', startDate: '2013-12-02' } },
    {
      entity: 'allocation',
      row: { childId: 'C3', workerId: 'W2', team: 'Assessment 2', startDate: '2013-01-07', endDate: '2013-02-01' },
    },
  ],
}

test('unworked demand: each child with its reasons and days overdue, most urgent tier first, then longest wait', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casework-unworked-'))
  const store = await openCaseworkStore({ dataDir, laCode: '330' })
  const w = await store.beginSnapshot({ asAt: '2014-03-31', sources: [source] })
  for (const [format, rows] of Object.entries(records)) await w.append(rows, format)
  await w.commit()
  const u = await computeUnworked(store, w.snapshotId, '2014-03-31')
  store.close()
  assert.deepEqual(
    u.children.map((c) => [
      c.priority,
      c.childId,
      c.tier,
      c.daysOverdue,
      c.reasons.map((x) => [x.reason, x.since, x.daysOverdue]),
    ]),
    [
      [1, 'C1', 1, 1, [['cp_visit_overdue', '2014-03-14', 1]]],
      [
        2,
        'C3',
        2,
        19,
        [
          ['referral_awaiting_decision', '2014-03-03', 19],
          ['unallocated', '2014-03-03', 28], // the case opened after its last worker left,
        ],
      ],
      [3, 'C2', 2, 6, [['contact_awaiting_decision', '2014-03-20', 6]]],
      [4, 'C5', 4, 16, [['cla_visit_overdue', '2014-02-01', 16]]],
      [5, 'C4', 5, 30, [['closed_without_assessment', '2014-03-01', 30]]],
    ],
  )
  const c1 = u.children[0]
  assert.deepEqual([c1.stage, c1.worker, c1.team], ['cp_plan', 'W1', 'Safeguarding 1'])
  const c3 = u.children[1]
  assert.deepEqual([c3.stage, c3.worker, c3.team], ['assessment', null, 'Assessment 2']) // the last team known
  assert.equal(u.children[3].ageYears, 8)
  assert.equal(u.counts.assessment_over_45_wd, 0)
  assert.deepEqual(u.unavailable, [{ reason: 'cla_review_late', note: 'No SSDA903 Reviews in this snapshot' }])
})
