import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Store } from '../data/store.ts'
import { storesUnderTest } from '../../test/support/stores.ts'
import { RiskInputError, riskService, type RiskService } from './riskService.ts'

describe('unidentified risk on the real published data', () => {
  let store: Store
  let risk: RiskService
  before(async () => {
    store = await storesUnderTest()[0].openWithPublicData()
    risk = riskService(store)
  })
  after(async () => store?.close())

  it("reproduces DfE's published children-looked-after rates per 10,000 for every LA and year", async () => {
    const rows = await store.query<{
      area_code: string
      year: number
      count: number
      dfe_rate: number
      dfe_pop: number
      population: number
    }>(
      `SELECT a.area_code, a.year, a.value AS count, r.value AS dfe_rate, dp.value AS dfe_pop, p.population
         FROM statistic a
         JOIN statistic r ON r.dataset = 'cla' AND r.measure = 'cla_at_31_march_rate_per_10k' AND r.area_code = a.area_code AND r.year = a.year AND r.geographic_level = a.geographic_level
         JOIN statistic dp ON dp.dataset = 'cla' AND dp.measure = 'cla_at_31_march_population' AND dp.area_code = a.area_code AND dp.year = a.year AND dp.geographic_level = a.geographic_level
         JOIN child_population p ON p.area_code = a.area_code AND p.year = a.year - 1
        WHERE a.dataset = 'cla' AND a.measure = 'cla_at_31_march' AND a.geographic_level = 'Local authority'
          AND a.value IS NOT NULL AND r.value IS NOT NULL`,
    )
    assert.ok(rows.length > 600, `only ${rows.length} LA-years compared`)
    for (const r of rows) {
      // Population aligned to the mid-year before the year ending 31 March is exactly DfE's denominator...
      assert.equal(r.population, r.dfe_pop, `${r.area_code} ${r.year}: population`)
      // ...and DfE publishes these rates as whole numbers, so ours must round to the published figure.
      const ours = (r.count / r.population) * 10_000
      assert.equal(Math.round(ours), r.dfe_rate, `${r.area_code} ${r.year}: ${ours.toFixed(2)} vs DfE ${r.dfe_rate}`)
    }
  })

  it('Birmingham 2014: CP plans per 10,000 against its 2021 neighbours, with a gap and an interval', async () => {
    const result = await risk.estimate({ la: 'E08000025', year: 2014, comparator: 'sn-mean', model: '2021' })
    assert.equal(result.la, '330')
    const cpp = result.measures.find((m) => m.measure === 'cpp_at_31_march')!
    assert.equal(cpp.count, 844)
    assert.equal(cpp.population, 281_019)
    assert.ok(Math.abs(cpp.rate! - 30.033) < 0.001)
    assert.equal(cpp.neighboursUsed, 10)
    assert.ok(Math.abs(cpp.expected! - (cpp.comparatorRate! * 281_019) / 10_000) < 1e-6)
    assert.ok(Math.abs(cpp.gap! - (cpp.expected! - 844)) < 1e-9)
    assert.ok(cpp.gap! > 0, 'fewer children on plans than its neighbours would have')
    assert.ok(cpp.interval![0] < cpp.gap! && cpp.gap! < cpp.interval![1])
    for (const id of ['referrals', 'cin_at_31_march', 'cpp_at_31_march'])
      assert.ok(result.measures.some((m) => m.measure === id && m.gap !== null))
  })

  it("flags Birmingham's 2013-14 fall in child protection plans as a trend break", async () => {
    const series = await risk.series({ la: '330', year: 2014, measure: 'cpp_at_31_march' })
    const flag = series.breaks.find((b) => b.year === 2014)
    assert.ok(flag, `no break flagged; breaks: ${JSON.stringify(series.breaks)}`)
    assert.ok(flag.change < -0.15)
  })

  it('says which value is missing and why instead of estimating from a suppressed value', async () => {
    const r2014 = await risk.estimate({ la: '330', year: 2014 })
    const twoYears = r2014.measures.find((m) => m.measure === 'cpp_2_years_or_more')!
    assert.equal(twoYears.gap, null)
    assert.match(twoYears.problem!, /Only \d statistical neighbours have a published value/)
    const cla = r2014.measures.find((m) => m.measure === 'cla_at_31_march')!
    assert.match(cla.problem!, /not published/)
    const suppressed = (await risk.estimate({ la: '330', year: 2015 })).measures.find(
      (m) => m.measure === 'cpp_2_years_or_more',
    )!
    assert.equal(suppressed.count, null)
    assert.match(suppressed.problem!, /suppressed \(c\)/)
  })

  it('refuses an unknown LA or a year outside the data', async () => {
    await assert.rejects(
      risk.estimate({ la: '999', year: 2014 }),
      (e: unknown) => e instanceof RiskInputError && e.field === 'la',
    )
    await assert.rejects(
      risk.estimate({ la: '330', year: 2031 }),
      (e: unknown) => e instanceof RiskInputError && /2013 to 2025/.test((e as Error).message),
    )
  })

  it("ranks by strength of evidence: no LA whose interval includes zero in the latest year's top 10", async () => {
    const { latest } = await risk.years('cpp_at_31_march')
    assert.ok(latest >= 2024, `latest year with data is ${latest}`)
    const ranking = await risk.ranking({ year: latest, measure: 'cpp_at_31_march' })
    assert.ok(ranking.ranked.length >= 10)
    for (const r of ranking.ranked.slice(0, 10)) {
      assert.ok(r.interval![0] > 0, `${r.name}: interval ${r.interval} includes zero`)
      assert.match(r.why, /fewer allowing for chance\.$/)
      assert.doesNotMatch(r.why, /\b[a-z0-9]+_[a-z0-9_]+\b/, 'no internal ids in the reason')
    }
    for (let i = 1; i < ranking.ranked.length; i++)
      assert.ok(ranking.ranked[i - 1].lowerPer10k >= ranking.ranked[i].lowerPer10k)
    const ranked = ranking.ranked.map((r) => r.name)
    assert.ok(
      !ranked.includes('Isles of Scilly') && !ranked.includes('City of London'),
      'small councils are not ranked on chance',
    )
    const all = [...ranking.ranked, ...ranking.inconclusive, ...ranking.excess, ...ranking.notEstimated]
    assert.ok(all.length > 140, 'every current LA is listed somewhere')
    for (const r of ranking.inconclusive) assert.ok(r.interval![0] <= 0 && r.interval![1] >= 0)
  })

  it('notes name the measure in words, never an internal id', async () => {
    const r2014 = await risk.estimate({ la: '330', year: 2014 })
    for (const m of r2014.measures.filter((x) => x.problem))
      assert.doesNotMatch(m.problem!, /\b[a-z0-9]+_[a-z0-9_]+\b|\bin (cla|b1|c1|d3|d5)\b/, m.problem)
    assert.match(
      r2014.measures.find((m) => m.measure === 'cla_at_31_march')!.problem!,
      /children looked after at 31 March in the year ending 31 March 2014 is not published \(SSDA903\)/,
    )
  })

  it('estimates against deprivation', async () => {
    const dep = await risk.estimate({ la: '330', year: 2016, comparator: 'deprivation' })
    const cin = dep.measures.find((m) => m.measure === 'cin_at_31_march')!
    assert.match(cin.comparatorMethod!, /ln\(rate\)/)
    assert.ok(cin.interval![0] < cin.interval![1])
  })
})
