import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import type { CaseworkRecord } from '../model.ts'
import { openCaseworkStore } from '../store.ts'
import { computeIndicators } from './index.ts'

const source = { fileName: 'cin.xml', sha256: 'cd'.repeat(32), bytes: 10, format: 'cin', readerVersion: 'cin@1' }

async function storeWith(records: CaseworkRecord[], extra: CaseworkRecord[] = []) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casework-indicators-'))
  const store = await openCaseworkStore({ dataDir, laCode: '330' })
  const w = await store.beginSnapshot({ asAt: '2014-03-31', sources: [source] })
  await w.append(records, 'cin')
  if (extra.length) await w.append(extra, 'annexA')
  await w.commit()
  return { store, snapshotId: w.snapshotId }
}

const referral = (childId: string, referralDate: string, nfa = false): CaseworkRecord => ({
  entity: 'referral',
  row: { childId, referralId: `${childId}-${referralDate}`, referralDate, nfa },
})
const assessment = (id: string, startDate: string, authorisedDate?: string): CaseworkRecord => ({
  entity: 'assessment',
  row: { childId: `C-${id}`, assessmentId: id, startDate, authorisedDate },
})

const byId = (values: Awaited<ReturnType<typeof computeIndicators>>) => new Map(values.map((v) => [v.id, v]))

test('front door: NFA and re-referrals over the year, one referral per child and date across sources', async () => {
  const { store, snapshotId } = await storeWith(
    [
      referral('C1', '2013-06-03', true),
      referral('C1', '2013-09-02'), // within 12 months of the last: a re-referral
      referral('C2', '2012-12-01'), // before the year, still an earlier referral
      referral('C2', '2013-05-01'),
      referral('C3', '2013-03-31'), // the year starts after 31 March 2013
      referral('C3', '2014-03-31'), // exactly 12 months after: a re-referral
      referral('C4', '2014-04-01'), // after the as-at date: does not exist
      referral('C5', '2012-03-30'),
      referral('C5', '2013-04-02'), // more than 12 months after: not a re-referral
    ],
    [referral('C1', '2013-06-03')], // the same referral from Annex A
  )
  const v = byId(await computeIndicators(store, snapshotId, '2014-03-31'))
  assert.deepEqual(
    { ...v.get('referrals_nfa') },
    {
      id: 'referrals_nfa',
      title: 'Referrals with no further action',
      unit: 'percent',
      value: 20,
      numerator: 1,
      denominator: 5,
    },
  )
  const re = v.get('re_referrals_12_months')!
  assert.deepEqual([re.value, re.numerator, re.denominator], [60, 3, 5])
  const missing = v.get('assessments_within_45_wd')!
  assert.equal(missing.value, null, 'a missing source gives no number, never 0')
  assert.equal(missing.numerator, null)
  assert.match(missing.note!, /No assessments \(CIN census/)
  store.close()
})

test('assessments: 45 working days from start (a Saturday start counts from Monday), open beyond 45 at A', async () => {
  const { store, snapshotId } = await storeWith([
    assessment('A1', '2013-06-03', '2013-08-05'), // the 45th working day
    assessment('A2', '2013-06-03', '2013-08-06'), // one day late
    assessment('A3', '2013-06-01', '2013-08-05'), // Saturday start: day 0 is Monday 3 June
    assessment('A4', '2014-01-27'), // 45 working days at A: not beyond
    assessment('A5', '2014-01-24', '2014-04-02'), // 46 at A, authorised only after A
    assessment('A6', '2014-04-01'), // after A
    assessment('A7', '2013-01-02', '2013-03-29'), // authorised before the year
  ])
  const v = byId(await computeIndicators(store, snapshotId, '2014-03-31'))
  const within = v.get('assessments_within_45_wd')!
  assert.deepEqual([within.value, within.numerator, within.denominator], [66.7, 2, 3])
  const open = v.get('assessments_open_over_45_wd')!
  assert.deepEqual([open.value, open.numerator, open.denominator], [1, 1, 2])
  const nfa = (await computeIndicators(store, snapshotId, '2014-03-31')).find((x) => x.id === 'referrals_nfa')!
  assert.match(nfa.note!, /No referrals/)
  store.close()
})

test('a zero denominator gives no value and says so', async () => {
  const { store, snapshotId } = await storeWith([referral('C1', '2010-06-03', true)])
  const nfa = (await computeIndicators(store, snapshotId, '2014-03-31')).find((x) => x.id === 'referrals_nfa')!
  assert.deepEqual([nfa.value, nfa.numerator, nfa.denominator], [null, 0, 0])
  assert.match(nfa.note!, /denominator is zero/)
  store.close()
})

const episode = (n: number, referralDate: string, closureDate?: string, nfa = false): CaseworkRecord => ({
  entity: 'referral',
  row: { childId: `C${n}`, referralId: `R${n}`, referralDate, closureDate, nfa },
})
const assessmentOf = (n: number, startDate: string): CaseworkRecord => ({
  entity: 'assessment',
  row: { childId: `C${n}`, assessmentId: `A${n}`, referralId: `R${n}`, startDate },
})

test('CIN episodes: closed without assessment in the year, and referrals awaiting a decision at A', async () => {
  const { store, snapshotId } = await storeWith(
    [
      episode(1, '2013-05-01', '2013-06-01'), // closed, never assessed
      episode(2, '2013-06-01', '2013-07-01'),
      assessmentOf(2, '2013-06-03'),
      episode(3, '2013-07-01', '2013-08-01', true), // NFA
      episode(4, '2013-01-01', '2013-03-30'), // closed before the year
      episode(6, '2014-03-27'), // Thursday: 2 working days at Monday 31 March
      episode(7, '2014-03-28'), // Friday: 1 working day
      episode(8, '2014-03-20'),
      assessmentOf(8, '2014-04-01'), // started after A
      episode(9, '2014-03-20'),
      assessmentOf(9, '2014-03-25'),
    ],
    [episode(5, '2013-05-01', '2013-06-01')], // Annex A only: not a CIN census episode
  )
  const v = byId(await computeIndicators(store, snapshotId, '2014-03-31'))
  const closed = v.get('cases_closed_without_assessment')!
  assert.deepEqual([closed.value, closed.numerator, closed.denominator], [1, 1, 3])
  const awaiting = v.get('referrals_awaiting_decision')!
  assert.deepEqual([awaiting.value, awaiting.numerator, awaiting.denominator], [2, 2, 7])
  store.close()
})
