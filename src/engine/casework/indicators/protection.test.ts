import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import type { CaseworkRecord } from '../model.ts'
import { openCaseworkStore } from '../store.ts'
import { computeIndicators } from './index.ts'
import { cpPlans2YearsPlus, cpReviewsOnTime, cpVisitsOverdue, icpcWithin15, repeatCpPlans } from './protection.ts'

const source = { fileName: 'cin.xml', sha256: 'ab'.repeat(32), bytes: 10, format: 'cin', readerVersion: 'cin@1' }

/** A snapshot as at 31 March 2014 holding the given records, per return format they came from. */
async function storeWith(byFormat: Record<string, CaseworkRecord[]>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casework-protection-'))
  const store = await openCaseworkStore({ dataDir, laCode: '330' })
  const w = await store.beginSnapshot({ asAt: '2014-03-31', sources: [source] })
  for (const [format, records] of Object.entries(byFormat)) await w.append(records, format)
  await w.commit()
  return { store, snapshotId: w.snapshotId }
}

const s47 = (n: number, strategyDate: string | undefined, icpcDate: string): CaseworkRecord => ({
  entity: 'section47',
  row: { childId: `C${n}`, enquiryId: `S${n}`, strategyDate, icpcDate },
})
const plan = (n: number, startDate: string, endDate?: string, previousPlans?: number, child = `C${n}`) =>
  ({ entity: 'cpPlan', row: { childId: child, planId: `P${n}`, startDate, endDate, previousPlans } }) as CaseworkRecord
const review = (n: number, reviewDate: string): CaseworkRecord => ({
  entity: 'cpReview',
  row: { childId: `C${n}`, planId: `P${n}`, reviewDate },
})
const visit = (n: number, visitDate: string): CaseworkRecord => ({
  entity: 'cpVisit',
  row: { childId: `C${n}`, planId: `P${n}`, visitDate },
})

async function one(byFormat: Record<string, CaseworkRecord[]>, d: typeof icpcWithin15) {
  const { store, snapshotId } = await storeWith(byFormat)
  const [v] = await computeIndicators(store, snapshotId, '2014-03-31', [d])
  store.close()
  return v
}

test('ICPC within 15 working days of the strategy discussion (a Saturday strategy counts from Monday)', async () => {
  const v = await one(
    {
      cin: [
        s47(1, '2013-06-03', '2013-06-24'), // the 15th working day
        s47(2, '2013-06-03', '2013-06-25'), // one day late
        s47(3, '2013-06-01', '2013-06-24'), // Saturday strategy: day 0 is Monday 3 June
        s47(4, '2013-02-20', '2013-03-01'), // held before the year
        s47(5, undefined, '2013-07-01'), // no strategy discussion recorded
      ],
    },
    icpcWithin15,
  )
  assert.deepEqual([v.value, v.numerator, v.denominator], [66.7, 2, 3])
})

test('CP reviews on time: the chain from 3 months after the start, then 6 after each review', async () => {
  const v = await one(
    {
      cin: [
        plan(1, '2013-06-10'),
        review(1, '2013-09-10'), // on its due date
        review(1, '2014-03-10'), // on its due date; next due 10 September
        plan(2, '2013-06-10'),
        review(2, '2013-09-11'), // a day late
        plan(3, '2013-06-10'),
        review(3, '2013-09-01'), // next due 1 March 2014, before A, not held
        plan(4, '2014-01-15'), // under 3 months at A
        plan(5, '2013-06-10', '2014-02-01'), // ended before A
        plan(6, '2013-12-31'), // first due 31 March 2014: not before A
      ],
    },
    cpReviewsOnTime,
  )
  assert.deepEqual([v.value, v.numerator, v.denominator], [50, 2, 4])
})

test('CP visits overdue: more than 10 working days since the last visit, or the start when none (Annex A)', async () => {
  const v = await one(
    {
      annexA: [
        plan(1, '2014-01-06'),
        visit(1, '2014-03-24'), // 5 working days
        plan(2, '2014-01-06'),
        visit(2, '2014-03-14'), // 11 working days
        visit(2, '2014-04-01'), // after A: not counted
        plan(3, '2014-03-17'), // no visit, 10 working days since the start
        plan(4, '2014-03-14'), // no visit, 11
        plan(5, '2013-06-03', '2014-01-01'), // ended
      ],
      cin: [plan(6, '2013-01-07')], // CIN census only: no visit dates, not counted
    },
    cpVisitsOverdue,
  )
  assert.deepEqual([v.value, v.numerator, v.denominator], [2, 2, 4])
  const missing = await one({ cin: [plan(1, '2014-01-06')] }, cpVisitsOverdue)
  assert.deepEqual([missing.value, missing.numerator], [null, null])
  assert.match(missing.note!, /No Annex A List 7/)
})

test('CP plans ended in the year after 2 years or more', async () => {
  const v = await one(
    {
      cin: [
        plan(1, '2011-06-01', '2013-06-01'), // exactly 24 months
        plan(2, '2011-06-02', '2013-06-01'), // a day short
        plan(3, '2010-01-01', '2013-03-31'), // ended before the year
        plan(4, '2011-01-01'), // open
      ],
    },
    cpPlans2YearsPlus,
  )
  assert.deepEqual([v.value, v.numerator, v.denominator], [50, 1, 2])
})

test('repeat CP plans: an earlier plan held or an Annex A previous plan; the CIN census count is not used', async () => {
  const v = await one(
    {
      cin: [
        plan(1, '2011-01-01', '2012-01-01', undefined, 'C1'),
        plan(11, '2013-05-01', undefined, undefined, 'C1'), // C1's second plan
        plan(2, '2013-06-01'), // Annex A gives a previous plan
        plan(3, '2013-07-01', undefined, 1), // the census's 1 is a first plan before 2024-25
        plan(4, '2012-12-01'), // started before the year
      ],
      annexA: [plan(2, '2013-06-01', undefined, 1)],
      dfeApi: [plan(1, '2011-01-01', '2012-01-01', undefined, 'C1')],
    },
    repeatCpPlans,
  )
  assert.deepEqual([v.value, v.numerator, v.denominator], [66.7, 2, 3])
})
