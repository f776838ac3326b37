import assert from 'node:assert/strict'
import fs from 'node:fs'
import { after, before, describe, it } from 'node:test'
import Papa from 'papaparse'
import type { Store } from '../../src/data/store.ts'
import {
  neighbourModelFor,
  publishedComparison,
  type StatisticRow,
} from '../../src/engine/casework/indicators/published.ts'
import { simulatedFiles } from '../../src/services/casework/demoCasework.ts'
import { addUser, Client, startTestApp } from '../support/app.ts'
import { storesUnderTest } from '../support/stores.ts'
import { simulatedLa, tmpDir } from './support.ts'

const row = (areaCode: string, measure: string, year: number, value: number | null): StatisticRow => ({
  areaCode,
  measure,
  year,
  value,
})

describe('published figures beside casework indicators (hand-made statistics)', () => {
  const rows = [
    row('England', 're_referrals_pct', 2013, 24.7),
    row('England', 're_referrals_pct', 2014, 23.5),
    row('England', 're_referrals_pct', 2015, 24.2),
    row('330', 're_referrals_pct', 2014, 13.8),
    row('N1', 're_referrals_pct', 2014, 20),
    row('N2', 're_referrals_pct', 2014, null),
    row('N3', 're_referrals_pct', 2014, 22.5),
  ]
  const o = { laCode: '330', neighboursFor: () => ['N1', 'N2', 'N3'] }

  it('takes the latest year ended by the snapshot date, with the neighbours that published a figure', () => {
    assert.deepEqual(publishedComparison('re_referrals_12_months', rows, { ...o, asAt: '2014-03-31' }), {
      year: 2014,
      yearLabel: '2013-14',
      england: 23.5,
      la: 13.8,
      neighbours: 21.3, // (20 + 22.5) / 2, rounded to 1 place; N2 published none
      neighbourCount: 2,
      neighbourTotal: 3,
      source: 'DfE children in need, table C1',
      caveat: null,
    })
    const before = publishedComparison('re_referrals_12_months', rows, { ...o, asAt: '2014-03-30' })
    assert.ok(!('none' in before))
    assert.deepEqual([before.year, before.england, before.neighbours, before.neighbourCount], [2013, 24.7, null, 0])
  })

  it('makes a percentage of published counts (ICPCs within 15 working days)', () => {
    const icpc = [
      row('England', '10_ICPC', 2016, 100),
      row('England', '15_ICPC', 2016, 50),
      row('England', '20_ICPC', 2016, 30),
      row('England', '21_ICPC', 2016, 20),
    ]
    const c = publishedComparison('icpc_within_15_wd', icpc, { ...o, asAt: '2016-06-30' })
    assert.ok(!('none' in c))
    assert.deepEqual([c.england, c.la, c.neighbours], [75, null, null])
  })

  it('says so when there is no equivalent, or no figure published by the snapshot date', () => {
    assert.deepEqual(publishedComparison('cp_visits_overdue', rows, { ...o, asAt: '2014-03-31' }), {
      none: 'No published equivalent',
    })
    const lait = [row('England', 'Continue_Assess_Comp', 2016, 83.4)]
    assert.equal(
      (publishedComparison('assessments_within_45_wd', lait, { ...o, asAt: '2014-03-31' }) as { none: string }).none,
      'No published figure for the year to 31 March 2014 or earlier',
    )
    assert.deepEqual(
      [neighbourModelFor(['2025', '2021'], 2014), neighbourModelFor(['2025', '2021'], 2025)],
      ['2021', '2025'],
    )
  })
})

/**
 * The dashboard and its CSV over the real public statistics loaded in the store, for a simulated Birmingham as at
 * 31 March 2014. The expected England and neighbour figures are read from the statistic table by plain SQL here.
 */
describe('the indicators dashboard and CSV with England and statistical-neighbour figures', () => {
  let store: Store
  let app: Awaited<ReturnType<typeof startTestApp>>
  const dataDir = tmpDir('insight-published-')
  const c = { local: undefined as unknown as Client }
  before(async () => {
    store = await storesUnderTest()[0].openWithPublicData()
    app = await startTestApp(store, { config: { dataDir } })
    await addUser(app.services, 'published-local', 'local', ['330'])
    c.local = new Client(app.url)
    await c.local.signIn('published-local')
    const up = await app.services.casework.ingest('330', simulatedFiles(await simulatedLa('330', 0.01, 'published')), {
      asAt: '2014-03-31',
    })
    assert.equal(up.rejected, null)
  })
  after(async () => {
    await app?.services.casework.close()
    await app?.close()
    await store?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('shows England and the neighbours for 2013-14 where a published figure matches, and says so where none does', async () => {
    const [england] = await store.query<{ value: number }>(
      `SELECT value FROM statistic WHERE dataset = 'c1' AND measure = 're_referrals_pct' AND area_code = 'England' AND year = 2014`,
    )
    const [sn] = await store.query<{ mean: number; n: number }>(
      `SELECT round(avg(s.value)::numeric, 1)::float AS mean, count(s.value)::int AS n
         FROM statistical_neighbour n JOIN statistic s ON s.area_code = n.neighbour_code
        WHERE n.la_code = '330' AND n.model = '2021' AND s.dataset = 'c1' AND s.measure = 're_referrals_pct'
          AND s.year = 2014 AND s.value IS NOT NULL`,
    )
    assert.ok(sn.n > 0)
    const page = await c.local.request('GET', '/la/330/indicators')
    assert.equal(page.status, 200)
    const tr = (id: string) => new RegExp(`data-qa="indicator-${id}">([^]*?)</tr>`).exec(page.text)![1]
    assert.match(tr('re_referrals_12_months'), new RegExp(`data-qa="england">${england.value}%<`))
    assert.match(
      tr('re_referrals_12_months'),
      new RegExp(`data-qa="neighbours">${sn.mean}% <span[^>]*>\\(${sn.n} of 10\\)`),
    )
    assert.match(tr('re_referrals_12_months'), /data-qa="published-year">2013-14</)
    assert.match(tr('cp_visits_overdue'), /data-qa="published-none">No published equivalent</)
    assert.match(tr('assessments_within_45_wd'), /No published figure for the year to 31 March 2014 or earlier/)

    const csv = Papa.parse<Record<string, string>>((await c.local.request('GET', '/la/330/indicators.csv')).text, {
      header: true,
      skipEmptyLines: true,
    }).data
    const r = (id: string) => csv.find((x) => x.id === id)!
    assert.deepEqual(
      [r('re_referrals_12_months').publishedYear, Number(r('re_referrals_12_months').england)],
      ['2013-14', england.value],
    )
    assert.equal(Number(r('re_referrals_12_months').statisticalNeighbours), sn.mean)
    assert.equal(r('re_referrals_12_months').neighboursPublished, `${sn.n} of 10`)
    assert.deepEqual(
      [r('cp_visits_overdue').england, r('cp_visits_overdue').published],
      ['', 'No published equivalent'],
    )
  })
})
