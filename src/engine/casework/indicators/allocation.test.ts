import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import type { CaseworkRecord } from '../model.ts'
import { openCaseworkStore } from '../store.ts'
import {
  agencyWorkerShare,
  caseloadPerWorker,
  unallocatedByStage,
  unallocatedCases,
  workersOverCaseload,
} from './allocation.ts'
import { caseloadByTeam, computeIndicators } from './index.ts'

const source = { fileName: 'cin.xml', sha256: 'bb'.repeat(32), bytes: 10, format: 'cin', readerVersion: 'cin@1' }

async function storeWith(byFormat: Record<string, CaseworkRecord[]>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casework-allocation-'))
  const store = await openCaseworkStore({ dataDir, laCode: '330' })
  const w = await store.beginSnapshot({ asAt: '2014-03-31', sources: [source] })
  for (const [format, records] of Object.entries(byFormat)) await w.append(records, format)
  await w.commit()
  return { store, snapshotId: w.snapshotId }
}

const episode = (c: string, referralDate: string, closureDate?: string): CaseworkRecord => ({
  entity: 'referral',
  row: { childId: c, referralId: `${c}-R`, referralDate, closureDate },
})
const allocated = (c: string, workerId: string, team: string, startDate: string, endDate?: string): CaseworkRecord => ({
  entity: 'allocation',
  row: { childId: c, workerId, team, startDate, endDate },
})
const worker = (workerId: string, team: string, agency: boolean | null): CaseworkRecord => ({
  entity: 'worker',
  row: { workerId, team, agency },
})
const many = Array.from({ length: 21 }, (_, i) => `D${i}`)

const caseTable = {
  cin: [
    ...['C1', 'C2', 'C3', 'C4', 'C6', 'C7', ...many].map((c) => episode(c, '2013-01-07')),
    episode('C5', '2013-01-07', '2014-01-02'), // closed
    { entity: 'cpPlan', row: { childId: 'C2', planId: 'P2', startDate: '2013-02-04' } },
    { entity: 'cpPlan', row: { childId: 'C7', planId: 'P7', startDate: '2013-02-04', endDate: '2014-03-03' } },
    { entity: 'cinPlan', row: { childId: 'C3', planId: 'N3', startDate: '2013-02-04' } },
  ] as CaseworkRecord[],
  ssda903: [{ entity: 'lacEpisode', row: { childId: 'C1', startDate: '2013-02-04' } }] as CaseworkRecord[],
  ssd: [
    allocated('C1', 'W1', 'Team A', '2013-01-07'),
    allocated('C2', 'W1', 'Team A', '2013-01-07', '2014-03-03'), // ended: unallocated
    allocated('C3', 'W1', 'Team A', '2013-01-07'),
    allocated('C5', 'W2', 'Team A', '2013-01-07'), // closed case: not counted
    allocated('C6', 'W2', 'Team A', '2014-04-01'), // after A: unallocated
    allocated('C7', 'W2', 'Team A', '2013-01-07'),
    ...many.map((c) => allocated(c, 'W3', 'Team B', '2013-01-07')),
    worker('W1', 'Team A', true),
    worker('W2', 'Team A', false),
    worker('W3', 'Team B', null),
  ],
}

test('unallocated open cases, by stage (looked after, CP plan, CIN plan, assessment: the first that applies)', async () => {
  const { store, snapshotId } = await storeWith(caseTable)
  const v = await computeIndicators(store, snapshotId, '2014-03-31', [unallocatedCases, ...unallocatedByStage])
  assert.deepEqual(
    v.map((x) => [x.id, x.numerator, x.denominator]),
    [
      ['unallocated_cases', 3, 27],
      ['unallocated_cases_looked_after', 0, 1],
      ['unallocated_cases_cp_plan', 1, 1],
      ['unallocated_cases_cin_plan', 0, 1],
      ['unallocated_cases_assessment', 2, 24], // C4, C6 unallocated; C7 (plan ended) and the 21 D children held
    ],
  )
  store.close()
})

test('caseloads: per worker holding cases, workers over 20, agency share, and per team', async () => {
  const { store, snapshotId } = await storeWith(caseTable)
  const v = await computeIndicators(store, snapshotId, '2014-03-31', [
    caseloadPerWorker,
    workersOverCaseload,
    agencyWorkerShare,
  ])
  assert.deepEqual(
    v.map((x) => [x.id, x.value, x.numerator, x.denominator]),
    [
      ['caseload_per_worker', 8, 24, 3], // W1 2 (C1, C3), W2 1 (C7), W3 21
      ['workers_over_caseload', 1, 1, 3],
      ['agency_worker_share', 33.3, 1, 3],
    ],
  )
  assert.deepEqual(
    (await caseloadByTeam(store, snapshotId, '2014-03-31')).map((t) => [t.team, t.value, t.numerator, t.denominator]),
    [
      ['Team A', 1.5, 3, 2],
      ['Team B', 21, 21, 1],
    ],
  )
  store.close()
})

test('without SSD involvements no allocation indicator gives a number; with no case holders the ratio says so', async () => {
  const { store, snapshotId } = await storeWith({ cin: [episode('C1', '2013-01-07')] })
  const [u] = await computeIndicators(store, snapshotId, '2014-03-31', [unallocatedCases])
  assert.deepEqual([u.value, u.numerator, u.denominator], [null, null, null])
  assert.match(u.note!, /No SSD worker allocations \(ssd_involvements.csv\) in this snapshot/)
  store.close()
  const only = await storeWith({
    cin: [episode('C1', '2013-01-07')],
    ssd: [allocated('C9', 'W1', 'Team A', '2013-01-07')],
  })
  const [c] = await computeIndicators(only.store, only.snapshotId, '2014-03-31', [caseloadPerWorker])
  assert.deepEqual([c.value, c.numerator, c.denominator], [null, 0, 0])
  assert.match(c.note!, /denominator is zero/)
  only.store.close()
})

test('open cases are made once per snapshot, date and unchanged store, and again after any writer', async () => {
  const ssd = [allocated('Z', 'W1', 'T1', '2013-01-07', '2013-02-01')]
  const { store, snapshotId } = await storeWith({ cin: [episode('A', '2014-01-06')], ssd })
  let made = 0
  const rows = store.rows.bind(store)
  store.rows = ((sql: string, params?: Parameters<typeof rows>[1]) => {
    if (sql.includes('TEMP TABLE open_case')) made++
    return rows(sql, params)
  }) as typeof store.rows
  const unallocated = async (s: number, asAt = '2014-03-31') =>
    (await computeIndicators(store, s, asAt, [unallocatedCases]))[0].numerator
  assert.equal(await unallocated(snapshotId), 1)
  assert.equal(await unallocated(snapshotId), 1)
  assert.equal(made, 1, 'the same snapshot and date on an unchanged store: made once')
  assert.equal(await unallocated(snapshotId, '2013-12-31'), 0, 'before the referral: no open case')
  assert.equal(made, 2, 'another date: made again')
  const w = await store.beginSnapshot({ asAt: '2014-03-31', sources: [source] })
  await w.append([episode('A', '2014-01-06'), episode('B', '2014-02-03')], 'cin')
  await w.append(ssd, 'ssd')
  assert.equal(await unallocated(snapshotId), 1, 'while a writer is open')
  await w.commit()
  assert.equal(made, 3, 'a writer open: never kept')
  assert.equal(await unallocated(w.snapshotId), 2, 'the new snapshot')
  assert.equal(await unallocated(snapshotId), 1, 'the first snapshot again')
  assert.equal(made, 5)
  store.close()
})
