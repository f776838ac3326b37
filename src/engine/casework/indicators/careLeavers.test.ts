import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import type { CaseworkRecord } from '../model.ts'
import { openCaseworkStore } from '../store.ts'
import { computeIndicators } from './index.ts'
import {
  careLeaversEet,
  careLeaversInTouch,
  careLeaversSuitableAccommodation,
  pathwayPlanReviewsOverdue,
} from './careLeavers.ts'

const source = { fileName: 'annex-a.xlsx', sha256: 'ef'.repeat(32), bytes: 10, format: 'annexA', readerVersion: 'a@1' }

const leaver = (
  n: number,
  inTouch: string | undefined,
  activity: string | undefined,
  pathwayReviewDate?: string,
  suitable?: boolean | null,
) =>
  ({
    entity: 'careLeaver',
    row: { childId: `L${n}`, inTouch, activity, pathwayReviewDate, suitable },
  }) as CaseworkRecord

test('care leavers over Annex A List 9: in touch, EET codes, pathway plan reviews beyond 6 months', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casework-leavers-'))
  const store = await openCaseworkStore({ dataDir, laCode: '330' })
  const w = await store.beginSnapshot({ asAt: '2014-03-31', sources: [source] })
  await w.append(
    [
      leaver(1, 'Yes', 'F1', '2013-09-30'), // reviewed exactly 6 months before A
      leaver(2, 'No', 'G4', '2013-09-29'), // a day more than 6 months
      leaver(3, 'REFU', 'P5'), // never reviewed
      leaver(4, 'YES', 'F6', '2014-01-10'), // F6 is not an EET code
    ],
    'annexA',
  )
  await w.append([leaver(5, 'YES', 'F1')], 'dfeApi') // the API feed is not List 9
  await w.commit()
  const v = await computeIndicators(store, w.snapshotId, '2014-03-31', [
    careLeaversInTouch,
    careLeaversEet,
    pathwayPlanReviewsOverdue,
  ])
  assert.deepEqual(
    v.map((x) => [x.id, x.value, x.numerator, x.denominator]),
    [
      ['care_leavers_in_touch', 50, 2, 4],
      ['care_leavers_eet', 50, 2, 4],
      ['pathway_plan_reviews_overdue', 2, 2, 4],
    ],
  )
  store.close()
})

test('care leaver indicators without List 9 name the missing list and give no number', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casework-leavers-'))
  const store = await openCaseworkStore({ dataDir, laCode: '330' })
  const w = await store.beginSnapshot({ asAt: '2014-03-31', sources: [source] })
  await w.append([leaver(1, 'YES', 'F1')], 'dfeApi')
  await w.commit()
  const [v] = await computeIndicators(store, w.snapshotId, '2014-03-31', [careLeaversEet])
  assert.deepEqual([v.value, v.numerator, v.denominator], [null, null, null])
  assert.match(v.note!, /No Annex A List 9/)
  store.close()
})

test('care leavers in suitable accommodation: suitable out of every List 9 row (unknown is not suitable)', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casework-leavers-'))
  const store = await openCaseworkStore({ dataDir, laCode: '330' })
  const w = await store.beginSnapshot({ asAt: '2014-03-31', sources: [source] })
  await w.append(
    [
      leaver(1, 'YES', 'F1', undefined, true),
      leaver(2, 'YES', 'F1', undefined, false),
      leaver(3, 'NO', 'G4', undefined, null),
    ],
    'annexA',
  )
  await w.commit()
  const [v] = await computeIndicators(store, w.snapshotId, '2014-03-31', [careLeaversSuitableAccommodation])
  assert.deepEqual([v.id, v.value, v.numerator, v.denominator], ['care_leavers_suitable_accommodation', 33.3, 1, 3])
  store.close()
})
