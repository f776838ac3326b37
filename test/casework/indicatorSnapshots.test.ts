import assert from 'node:assert/strict'
import fs from 'node:fs'
import { describe, it } from 'node:test'
import type { CaseworkRecord } from '../../src/engine/casework/model.ts'
import { indicatorMonthlyValues, indicatorSeries } from '../../src/data/repositories/indicatorSnapshotRepository.ts'
import { caseworkService } from '../../src/services/casework/caseworkService.ts'
import { insightViews } from '../../src/services/casework/insightViews.ts'
import { storesUnderTest } from '../support/stores.ts'
import { tmpDir } from './support.ts'

const source = { fileName: 'cin.xml', sha256: 'ee'.repeat(32), bytes: 10, format: 'cin', readerVersion: 'cin@1' }
const referral = (c: string, referralDate: string, nfa: boolean): CaseworkRecord => ({
  entity: 'referral',
  row: { childId: c, referralId: `${c}-${referralDate}`, referralDate, nfa },
})

/** Two upload snapshots of LA 330 (March and April 2014) with referrals: 1 of 4, then 2 of 5 with no further action. */
async function twoSnapshots(dataDir: string) {
  const casework = caseworkService({ dataDir })
  const store = await casework.storeFor('330')
  const ids = []
  for (const [asAt, rows] of [
    [
      '2014-03-31',
      [referral('C1', '2013-06-03', true), ...['C2', 'C3', 'C4'].map((c) => referral(c, '2013-07-01', false))],
    ],
    [
      '2014-04-30',
      [
        referral('C5', '2014-04-01', true),
        referral('C1', '2013-06-03', true),
        ...['C2', 'C3', 'C4'].map((c) => referral(c, '2013-07-01', false)),
      ],
    ],
  ] as const) {
    const w = await store.beginSnapshot({ asAt, sources: [source] })
    await w.append([...rows], 'cin')
    await w.commit()
    ids.push(w.snapshotId)
  }
  return { casework, ids }
}

for (const s of storesUnderTest())
  describe(`indicator snapshots in the operational store (${s.name})`, () => {
    it('each upload snapshot is stored once; a KPI linked to an indicator gets one value a month, never an invented zero', async () => {
      const db = await s.open()
      const dataDir = tmpDir('insight-kpi-')
      try {
        const { casework, ids } = await twoSnapshots(dataDir)
        const views = insightViews(casework, { dataDir, db: db.db })
        assert.equal(await views.recordSnapshot('330', ids[0]), (await views.trend('330')).indicators.length)
        await views.recordSnapshot('330', ids[0]) // again: nothing doubled
        const series = await indicatorSeries(db.db, '330', 'referrals_nfa')
        assert.deepEqual(
          series.map((r) => [r.snapshotId, r.asAt, r.value, r.numerator, r.denominator]),
          [
            [ids[0], '2014-03-31', 25, 1, 4],
            [ids[1], '2014-04-30', 40, 2, 5], // stored when the dashboard computed it
          ],
        )
        assert.deepEqual(await indicatorMonthlyValues(db.db, '330', 'referrals_nfa'), [
          { month: '2014-03-01', value: 25, source: 'casework', asAt: '2014-03-31', snapshotId: ids[0] },
          { month: '2014-04-01', value: 40, source: 'casework', asAt: '2014-04-30', snapshotId: ids[1] },
        ])
        // No contacts were uploaded: the indicator is stored with its note and gives the KPI no value.
        const contacts = await indicatorSeries(db.db, '330', 'contacts_converted_to_referral')
        assert.equal(contacts[0].value, null)
        assert.match(contacts[0].note ?? '', /No contacts/)
        assert.deepEqual(await indicatorMonthlyValues(db.db, '330', 'contacts_converted_to_referral'), [])
        await casework.close()
      } finally {
        await db.close()
        fs.rmSync(dataDir, { recursive: true, force: true })
      }
    })

    it("keeps at most its bound of snapshots' values in memory as uploads keep coming (was one per snapshot, for ever)", async () => {
      const dataDir = tmpDir('insight-bounded-')
      try {
        const casework = caseworkService({ dataDir })
        const store = await casework.storeFor('330')
        const views = insightViews(casework, { dataDir, indicatorsKept: 3 })
        for (let n = 1; n <= 6; n++) {
          const w = await store.beginSnapshot({ asAt: `2014-0${n}-28`, sources: [source] })
          await w.append([referral('C1', `2014-0${n}-01`, n % 2 === 0), referral('C2', `2014-0${n}-02`, false)], 'cin')
          await w.commit()
          const trend = await views.trend('330')
          assert.equal(trend.snapshots.length, n, 'the trend still shows every snapshot')
          const nfa = trend.indicators.find((i) => i.id === 'referrals_nfa')!
          assert.equal(nfa.latest.value, n % 2 === 0 ? 50 : 0, `snapshot ${n}'s own value`)
          assert.ok(views.held().indicators <= 3, `${views.held().indicators} snapshots' values held after ${n}`)
        }
        await casework.close()
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true })
      }
    })
  })
