import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { openCaseworkStore } from './store.ts'

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'casework-store-'))
const source = { fileName: 'cin.xml', sha256: 'ab'.repeat(32), bytes: 10, format: 'cin', readerVersion: 'cin@1' }
const child = (childId: string) => ({
  entity: 'child' as const,
  row: { childId, sex: 'F', birthMonth: '2010-04', birthDate: '2010-04-17' },
})

test('an upload is invisible until committed, then current; a later rejected upload leaves it current', async () => {
  const store = await openCaseworkStore({ dataDir: tmp(), laCode: '330' })
  const w = await store.beginSnapshot({ asAt: '2014-03-31', sources: [source] })
  await w.append([child('C1')], 'cin')
  await w.append(
    [
      {
        entity: 'contact',
        row: { childId: 'C1', contactId: 'K1', contactDate: '2014-01-06', source: '1A' },
      },
    ],
    'annexA',
  )
  assert.equal(await store.currentSnapshotId(), null)
  const done = await w.commit()
  assert.deepEqual(done.records, { child: 1, contact: 1 })
  assert.equal(await store.currentSnapshotId(), w.snapshotId)
  const rows = await store.rows(
    `SELECT child_id, birth_month, birth_date FROM child WHERE snapshot_id = ${w.snapshotId}`,
  )
  assert.deepEqual(rows, [{ child_id: 'C1', birth_month: '2010-04', birth_date: null }], 'day of birth not kept')

  const bad = await store.beginSnapshot({ asAt: '2014-04-30', sources: [source] })
  await bad.append([child('C2')], 'cin')
  bad.addIssue({ severity: 'error', source: 'cin.xml', message: 'Not a CIN census' })
  await bad.reject('cin.xml could not be read')
  assert.equal(await store.currentSnapshotId(), w.snapshotId)
  const left = await store.rows(`SELECT count(*)::INTEGER AS n FROM child WHERE snapshot_id = ${bad.snapshotId}`)
  assert.deepEqual(left, [{ n: 0 }])
  const [rejected, first] = await store.snapshots()
  assert.equal(rejected.status, 'rejected')
  assert.equal(rejected.errors, 1)
  assert.equal(rejected.message, 'cin.xml could not be read')
  assert.equal(first.current, true)
  assert.deepEqual(first.records, { child: 1, contact: 1 })
  assert.equal((await store.sources(first.snapshotId))[0].sha256, source.sha256)
  store.close()
})

test('keepDayOfBirth keeps the day; a snapshot left building by a crash is abandoned on open', async () => {
  const dataDir = tmp()
  const store = await openCaseworkStore({ dataDir, laCode: '331', keepDayOfBirth: true })
  const w = await store.beginSnapshot({ asAt: '2014-03-31', sources: [source] })
  await w.append([child('C1')], 'cin')
  await w.commit()
  const [row] = await store.rows('SELECT birth_date FROM child')
  assert.equal(row.birth_date, '2010-04-17')
  const interrupted = await store.beginSnapshot({ asAt: '2014-04-30', sources: [source] })
  await interrupted.append([child('C9')], 'cin')
  store.close()
  const again = await openCaseworkStore({ dataDir, laCode: '331' })
  const info = await again.snapshot(interrupted.snapshotId)
  assert.equal(info?.status, 'abandoned')
  again.close()
})

test('API submissions roll into one snapshot per day, copied from the current one; purge and abandon', async () => {
  const store = await openCaseworkStore({ dataDir: tmp(), laCode: '332' })
  const w = await store.beginSnapshot({ asAt: '2014-03-31', sources: [source] })
  await w.append([child('C1')], 'cin')
  await w.append([child('C2')], 'cin')
  await w.commit()
  const api = { fileName: 'api request 1', sha256: 'cd'.repeat(32), bytes: 5, format: 'dfeApi' }
  const s1 = await store.beginApiSubmission({ day: '2014-04-01', source: api })
  await s1.replaceChild('C2', [
    child('C2'),
    { entity: 'cinPlan', row: { childId: 'C2', planId: 'P1', startDate: '2014-03-01' } },
  ])
  assert.equal(await s1.purgeChild('C1'), true)
  assert.equal(await s1.purgeChild('NOPE'), false)
  const r1 = await s1.commit()
  assert.deepEqual(r1.records, { child: 1, cinPlan: 1 })
  assert.equal(await store.currentSnapshotId(), r1.snapshotId)
  const s2 = await store.beginApiSubmission({ day: '2014-04-01', source: { ...api, fileName: 'api request 2' } })
  assert.equal(s2.snapshotId, r1.snapshotId, 'same day, same snapshot')
  await s2.replaceChild('C3', [child('C3')])
  await s2.abandon()
  const ids = await store.rows(`SELECT child_id FROM child WHERE snapshot_id = ${r1.snapshotId} ORDER BY 1`)
  assert.deepEqual(ids, [{ child_id: 'C2' }])
  const before = await store.rows(`SELECT child_id FROM child WHERE snapshot_id = ${w.snapshotId} ORDER BY 1`)
  assert.deepEqual(before, [{ child_id: 'C1' }, { child_id: 'C2' }], 'the upload snapshot is untouched')
  store.close()
})

test('an API submission whose rows cannot be stored fails whole, and the next request of that LA still runs', async () => {
  const store = await openCaseworkStore({ dataDir: tmp(), laCode: '333' })
  const api = { fileName: 'api request 1', sha256: 'cd'.repeat(32), bytes: 5, format: 'dfeApi' }
  const bad = await store.beginApiSubmission({ day: '2014-04-01', source: api })
  await bad.replaceChild('C1', [child('C1')])
  // worker_id is NOT NULL: the row is refused when the appenders are flushed, at commit.
  await bad.upsertWorker({ entity: 'worker', row: { workerId: null as unknown as string } })
  await assert.rejects(bad.commit())
  let timer: NodeJS.Timeout | undefined
  const next = await Promise.race([
    store.beginApiSubmission({ day: '2014-04-01', source: { ...api, fileName: 'api request 2' } }),
    new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), 5000))),
  ])
  clearTimeout(timer)
  assert.ok(next, 'the LA’s next request is not left waiting')
  await next.replaceChild('C2', [child('C2')])
  const r = await next.commit()
  assert.deepEqual(r.records, { child: 1 }, 'nothing of the failed request was kept')
  store.close()
})

test('the current snapshot id is kept between writers and read again after each commit, reject or abandon', async () => {
  const store = await openCaseworkStore({ dataDir: tmp(), laCode: '334' })
  assert.equal(await store.currentSnapshotId(), null)
  assert.equal(await store.currentSnapshotId(), null, 'kept: no snapshot yet')
  const w = await store.beginSnapshot({ asAt: '2014-03-31', sources: [source] })
  await w.append([child('C1')], 'cin')
  await w.commit()
  assert.equal(await store.currentSnapshotId(), w.snapshotId, 'a commit is seen at once')
  assert.equal(await store.currentSnapshotId(), w.snapshotId)
  const bad = await store.beginSnapshot({ asAt: '2014-04-30', sources: [source] })
  await bad.reject('not a census')
  assert.equal(await store.currentSnapshotId(), w.snapshotId)
  const api = { fileName: 'api request 1', sha256: 'cd'.repeat(32), bytes: 5, format: 'dfeApi' }
  const s1 = await store.beginApiSubmission({ day: '2014-04-01', source: api })
  await s1.replaceChild('C2', [child('C2')])
  assert.equal(await store.currentSnapshotId(), w.snapshotId, 'an open request is not yet current')
  const r1 = await s1.commit()
  assert.equal(await store.currentSnapshotId(), r1.snapshotId, 'an API commit is seen at once')
  const s2 = await store.beginApiSubmission({ day: '2014-04-02', source: api })
  await s2.abandon()
  assert.equal(await store.currentSnapshotId(), r1.snapshotId)
  // A change the store did not make (none is made in Sightline: this proves the id is kept, not read each time).
  await store.rows(`UPDATE current_snapshot SET snapshot_id = ${w.snapshotId} WHERE one = 1`)
  assert.equal(await store.currentSnapshotId(), r1.snapshotId, 'kept')
  const w3 = await store.beginSnapshot({ asAt: '2014-05-31', sources: [source] })
  assert.equal(await store.currentSnapshotId(), w.snapshotId, 'read again while a writer is open')
  await w3.abandon()
  store.close()
})

test('the snapshot list is kept between writers, read again while one is open and after it finishes', async () => {
  const store = await openCaseworkStore({ dataDir: tmp(), laCode: '335' })
  assert.deepEqual(await store.snapshots(), [])
  const w = await store.beginSnapshot({ asAt: '2014-03-31', sources: [source] })
  const building = await store.snapshots()
  assert.deepEqual(
    building.map((s) => [s.snapshotId, s.status]),
    [[w.snapshotId, 'building']],
    'a writer just opened: its snapshot is listed as building',
  )
  await w.append([child('C1')], 'cin')
  await w.commit()
  const [done] = await store.snapshots()
  assert.deepEqual([done.status, done.current, done.records], ['complete', true, { child: 1 }], 'seen at once')
  // A change the store did not make (none is made in Sightline: this proves the list is kept, not read each time).
  await store.rows(`UPDATE snapshot SET message = 'changed behind the store' WHERE snapshot_id = ${w.snapshotId}`)
  assert.equal((await store.snapshots())[0].message, null, 'kept')
  // Each caller gets its own copy: changing one does not change what the next caller reads.
  const mine = await store.snapshots()
  mine[0].records.child = 99
  mine[0].status = 'abandoned'
  assert.deepEqual(
    [(await store.snapshot(w.snapshotId))!.status, (await store.snapshots())[0].records],
    ['complete', { child: 1 }],
  )
  const api = { fileName: 'api request 1', sha256: 'cd'.repeat(32), bytes: 5, format: 'dfeApi' }
  const s1 = await store.beginApiSubmission({ day: '2014-04-01', source: api })
  const during = await store.snapshots()
  assert.equal(during[1].message, 'changed behind the store', 'read again while a writer is open')
  assert.deepEqual(during[0].kind, 'api')
  await s1.replaceChild('C2', [child('C2')])
  const r1 = await s1.commit()
  const after = await store.snapshots()
  assert.deepEqual(
    after.map((s) => [s.snapshotId, s.status, s.current]),
    [
      [r1.snapshotId, 'complete', true],
      [w.snapshotId, 'complete', false],
    ],
  )
  store.close()
})

test("two stores on one file (the pages' and the DfE CSC API's): a write through one is seen through the other at once, and opening one never abandons the other's snapshot being written", async () => {
  const dataDir = tmp()
  const pages = await openCaseworkStore({ dataDir, laCode: '336' })
  assert.deepEqual(await pages.snapshots(), [])
  assert.equal(await pages.currentSnapshotId(), null)
  const api = await openCaseworkStore({ dataDir, laCode: '336' })
  const w = await pages.beginSnapshot({ asAt: '2014-03-31', sources: [source] })
  await w.append([child('C1')], 'cin')
  // Opened while the upload is being written (the API's store opens on the first request): the upload is not abandoned.
  const late = await openCaseworkStore({ dataDir, laCode: '336' })
  const done = await w.commit()
  assert.deepEqual(done.records, { child: 1 })
  assert.equal(await late.currentSnapshotId(), w.snapshotId)
  const s = await api.beginApiSubmission({
    day: '2014-04-01',
    source: { fileName: 'api request 1', sha256: 'cd'.repeat(32), bytes: 5, format: 'dfeApi' },
  })
  await s.replaceChild('C2', [child('C2')])
  const r = await s.commit()
  assert.equal(await pages.currentSnapshotId(), r.snapshotId, 'the API commit is current for the pages at once')
  assert.deepEqual(
    (await pages.snapshots()).map((x) => [x.snapshotId, x.kind, x.status, x.current]),
    [
      [r.snapshotId, 'api', 'complete', true],
      [w.snapshotId, 'upload', 'complete', false],
    ],
  )
  late.close()
  api.close()
  pages.close()
})
