import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { openCaseworkStore } from '../../casework/store.ts'
import { caseworkApiStore } from './caseworkApiStore.ts'
import type { ApiChild } from './schema.ts'
import type { ApiRequest } from './submission.ts'

const child = (id: string, sex = 'F'): ApiChild => ({
  la_child_id: id,
  child_details: { sex, date_of_birth: '2012-05-01' },
  social_care_episodes: [{ social_care_episode_id: `${id}E1`, referral_date: '2014-01-06' }],
})
const purge = (id: string): ApiChild => ({ la_child_id: id, purge: true })
let n = 0
const request = (children: ApiChild[], day = '2026-12-03'): ApiRequest => ({
  laCode: '330',
  day,
  clientId: 'sl_id_test',
  requestId: `r${++n}`,
  sha256: 'ab'.repeat(32),
  bytes: 10,
  children,
})

test('requests arriving together are written in one go, each all or nothing, in arrival order', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casework-api-'))
  const api = caseworkApiStore({ dataDir })
  try {
    assert.deepEqual(await api.apply(request([child('HELD')])), { unknownPurges: [] })
    const outcomes = await Promise.all([
      api.apply(request([child('A'), child('B')])),
      api.apply(request([purge('A'), child('HELD', 'M')])),
      api.apply(request([child('D'), purge('NOPE'), purge('B')])),
      api.apply(request([child('C')])),
      api.apply(request([purge('B')])),
    ])
    assert.deepEqual(
      outcomes.map((o) => o.unknownPurges),
      [[], [], [1], [], []],
      'only the purge of a child never held or sent is refused; A was sent earlier in the same group',
    )
    const store = await openCaseworkStore({ dataDir, laCode: '330' })
    const id = await store.currentSnapshotId()
    const rows = await store.rows<{ child_id: string; sex: string }>(
      `SELECT child_id, sex FROM child WHERE snapshot_id = ${id} ORDER BY child_id`,
    )
    assert.deepEqual(
      rows,
      [
        { child_id: 'C', sex: 'F' },
        { child_id: 'HELD', sex: 'M' },
      ],
      'D of the refused request is not there; B went with the last request',
    )
    const [snapshot] = await store.snapshots()
    assert.deepEqual(snapshot.records, { child: 2, referral: 2 })
    const sources = (await store.sources(snapshot.snapshotId)).map((s) => s.fileName)
    assert.ok(sources.includes('api request r3 r5 r6'), `the waiting requests went together: ${sources}`)

    assert.deepEqual(await api.apply(request([purge('C')], '2026-12-04')), { unknownPurges: [] })
    const days = (await store.snapshots()).filter((s) => s.status === 'complete').map((s) => [s.asAt, s.records.child])
    assert.deepEqual(
      days,
      [
        ['2026-12-04', 1],
        ['2026-12-03', 2],
      ],
      "the next day's snapshot starts from the last one; the earlier stays as it was",
    )
  } finally {
    await api.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
})
