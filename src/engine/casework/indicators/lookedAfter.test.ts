import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import type { CaseworkRecord } from '../model.ts'
import { openCaseworkStore } from '../store.ts'
import type { IndicatorDefinition } from './defineIndicator.ts'
import { computeIndicators } from './index.ts'
import {
  claMissing,
  claReviewsOnTime,
  claVisitsOverdue,
  dentalChecksOverdue,
  healthChecksOverdue,
  placements3Plus,
  returnInterviewsOffered,
} from './lookedAfter.ts'

const source = { fileName: 'annex-a.xlsx', sha256: 'aa'.repeat(32), bytes: 10, format: 'annexA', readerVersion: 'a@1' }

/** The values of `ds` over a snapshot as at 31 March 2014 holding the given records, per return format. */
async function values(byFormat: Record<string, CaseworkRecord[]>, ds: IndicatorDefinition[]) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casework-cla-'))
  const store = await openCaseworkStore({ dataDir, laCode: '330' })
  const w = await store.beginSnapshot({ asAt: '2014-03-31', sources: [source] })
  for (const [format, records] of Object.entries(byFormat)) await w.append(records, format)
  await w.commit()
  const v = await computeIndicators(store, w.snapshotId, '2014-03-31', ds)
  store.close()
  return v.map((x) => [x.id, x.value, x.numerator, x.denominator, x.note ?? null])
}

/** A List 8 row: the period of care (ended when `ceased`). */
const period = (n: number, periodStartDate: string, endDate?: string): CaseworkRecord => ({
  entity: 'lacEpisode',
  row: { childId: `C${n}`, periodStartDate, endDate },
})
const review = (n: number, reviewDate: string): CaseworkRecord => ({
  entity: 'lacReview',
  row: { childId: `C${n}`, reviewDate },
})
const visit = (n: number, visitDate: string, kind = 'social worker'): CaseworkRecord => ({
  entity: 'lacVisit',
  row: { childId: `C${n}`, visitDate, kind },
})
const check = (n: number, kind: string, checkDate: string): CaseworkRecord => ({
  entity: 'healthCheck',
  row: { childId: `C${n}`, kind, checkDate },
})
const born = (n: number, birthMonth: string): CaseworkRecord => ({
  entity: 'child',
  row: { childId: `C${n}`, birthMonth },
})
const episode = (
  n: number,
  startDate: string,
  endDate: string | undefined,
  reasonNewEpisode: string,
): CaseworkRecord => ({
  entity: 'lacEpisode',
  row: { childId: `C${n}`, startDate, endDate, reasonNewEpisode },
})
const missing = (n: number, kind: string, startDate: string): CaseworkRecord => ({
  entity: 'missingEpisode',
  row: { childId: `C${n}`, kind, startDate },
})

test('looked-after reviews: 20 working days, 3 months, then 6-monthly; first review not yet due is left out', async () => {
  const v = await values(
    {
      annexA: [
        period(1, '2014-03-03'), // first review due 31 March: not before A
        period(2, '2014-02-28'), // due 28 March, none held: late
        period(3, '2013-09-02'), // due 30 Sep, held 30 Sep; then due 30 Dec, held 30 Dec: on time
        period(4, '2013-09-02'), // held 1 Oct: late
        period(5, '2013-09-02'), // 20 Sep, 20 Dec (and one before the period, ignored): on time
        period(6, '2013-01-07', '2014-01-01'), // ceased
      ],
      ssda903: [
        review(3, '2013-09-30'),
        review(3, '2013-12-30'),
        review(4, '2013-10-01'),
        review(5, '2013-01-10'),
        review(5, '2013-09-20'),
        review(5, '2013-12-20'),
      ],
    },
    [claReviewsOnTime],
  )
  assert.deepEqual(v, [['cla_reviews_on_time', 50, 2, 4, null]])
  const none = await values({ annexA: [period(2, '2014-02-28')] }, [claReviewsOnTime])
  assert.deepEqual(none, [['cla_reviews_on_time', null, null, null, 'No SSDA903 Reviews in this snapshot']])
})

test('looked-after visits: more than 6 weeks since the last social worker visit (IRO visits do not count)', async () => {
  const v = await values(
    {
      annexA: [
        ...[1, 2, 4, 5].map((n) => period(n, '2013-01-07')),
        period(3, '2014-02-20'), // no visit, 39 days since the start
        visit(1, '2014-02-17'), // exactly 42 days
        visit(2, '2014-02-16'), // 43 days
        visit(4, '2014-03-20', 'IRO'),
        visit(5, '2014-01-01'),
        visit(5, '2014-04-02'), // after A
      ],
    },
    [claVisitsOverdue],
  )
  assert.deepEqual(v, [['cla_visits_overdue', 3, 3, 5, null]])
})

test('health assessments 6-monthly under 5 (a birth month is enough at a month end), dental checks yearly', async () => {
  const v = await values(
    {
      annexA: [
        ...[1, 2, 3, 4, 5].map((n) => period(n, '2012-01-02')),
        period(6, '2013-06-03'), // looked after less than 12 months
        born(1, '2010-05'),
        born(2, '2010-05'),
        born(3, '2000-01'),
        born(4, '2009-03'), // 5 on 31 March 2014 whatever the day
        born(5, '2000-01'),
        check(1, 'health', '2013-10-01'),
        check(2, 'health', '2013-09-29'), // under 5: more than 6 months ago
        check(3, 'health', '2013-04-01'),
        check(4, 'health', '2013-04-01'),
        check(1, 'dental', '2013-04-01'),
        check(2, 'dental', '2013-03-30'),
        check(3, 'dental', '2013-03-31'), // exactly 12 months
      ],
    },
    [healthChecksOverdue, dentalChecksOverdue],
  )
  assert.deepEqual(v, [
    ['health_checks_overdue', 2, 2, 5, null],
    ['dental_checks_overdue', 3, 3, 5, null],
  ])
})

test('placements in 12 months: an RNE L episode continues its placement unless it is the first of the year', async () => {
  const v = await values(
    {
      ssda903: [
        episode(1, '2013-01-07', '2013-06-03', 'S'),
        episode(1, '2013-06-03', '2013-09-02', 'P'),
        episode(1, '2013-09-02', undefined, 'L'), // 2 placements
        episode(2, '2012-01-02', '2013-05-01', 'L'),
        episode(2, '2013-05-01', '2013-08-01', 'P'),
        episode(2, '2013-08-01', undefined, 'T'), // 3 placements
        episode(3, '2012-01-02', '2013-03-31', 'S'), // ended as the year began
        episode(3, '2013-03-31', '2013-12-02', 'P'),
        episode(3, '2013-12-02', undefined, 'P'), // 2
        episode(4, '2013-04-01', '2013-06-03', 'S'),
        episode(4, '2013-06-03', '2013-09-02', 'P'),
        episode(4, '2013-09-02', '2014-02-03', 'P'), // 3, but no longer looked after
      ],
    },
    [placements3Plus],
  )
  assert.deepEqual(v, [['placements_3_plus_12_months', 33.3, 1, 3, null]])
})

test('missing: children looked after in the year with a missing (not absent) episode starting in the year', async () => {
  const v = await values(
    {
      ssda903: [
        episode(1, '2013-01-07', undefined, 'S'),
        episode(2, '2013-01-07', undefined, 'S'),
        episode(3, '2013-01-07', '2013-06-03', 'S'),
        episode(4, '2012-01-02', '2013-01-07', 'S'), // not looked after in the year
        missing(1, 'M', '2013-05-01'),
        missing(2, 'A', '2013-05-01'),
        missing(3, 'M', '2013-03-30'),
        missing(4, 'M', '2013-05-01'),
      ],
    },
    [claMissing],
  )
  assert.deepEqual(v, [['cla_missing', 33.3, 1, 3, null]])
})

test('return interviews over Annex A List 8 children who went missing', async () => {
  const row = (n: number, returnInterviewOffered: boolean | null): CaseworkRecord => ({
    entity: 'missingEpisode',
    row: { childId: `C${n}`, kind: 'M', returnInterviewOffered },
  })
  const v = await values(
    {
      annexA: [period(1, '2013-01-07'), row(1, true), row(2, false), row(3, null)],
      ssda903: [missing(9, 'M', '2014-01-01')],
    },
    [returnInterviewsOffered],
  )
  assert.deepEqual(v, [['return_interviews_offered', 33.3, 1, 3, null]])
  const zero = await values({ annexA: [period(1, '2013-01-07')] }, [returnInterviewsOffered])
  assert.deepEqual(zero[0].slice(1, 4), [null, 0, 0])
  assert.match(String(zero[0][4]), /denominator is zero/)
})
