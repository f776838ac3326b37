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
  })
