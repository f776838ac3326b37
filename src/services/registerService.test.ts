import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { storesUnderTest } from '../../test/support/stores.ts'
import type { Store } from '../data/store.ts'
import {
  findLa,
  inspectionsOf,
  latestInspections,
  listLas,
  neighboursOf,
  populationOf,
  statisticFor,
  statisticsOf,
} from '../data/repositories/registerRepository.ts'
import { laProfileService } from './laProfileService.ts'
import { loadPublicData, PUBLIC_DATA_DIR, type LoadResult } from './registerService.ts'

/** A scratch copy of data/public, to break or change files without touching the real ones. */
function copyOfPublicData(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-public-'))
  for (const f of fs.readdirSync(PUBLIC_DATA_DIR)) fs.copyFileSync(path.join(PUBLIC_DATA_DIR, f), path.join(dir, f))
  return dir
}

async function counts(store: Store) {
  const tables = [
    'local_authority',
    'statistical_neighbour',
    'child_population',
    'statistic',
    'stat_measure',
    'inspection',
    'inspection_judgement',
  ]
  const out: Record<string, number> = {}
  for (const t of tables) out[t] = (await store.query<{ n: number }>(`SELECT count(*) AS n FROM ${t}`))[0].n
  return out
}

async function datasetRows(store: Store) {
  return store.query<{ name: string; sha256: string; rows: number; loaded_at: unknown }>(
    'SELECT name, sha256, rows, loaded_at FROM dataset ORDER BY name',
  )
}

const GRADES = ['Outstanding', 'Good', 'Requires improvement', 'Inadequate']

for (const s of storesUnderTest()) {
  describe(`national register on ${s.name}`, () => {
    let store: Store
    let first: LoadResult[]
    const scratch: string[] = []

    // The first load of the whole public data into a fresh, migrated store is the one the run's snapshot made (once
    // per run, test/support/snapshots.ts, by the same loadPublicData call): this file clones that store and checks
    // what the load returned, instead of loading about 400,000 figures again on each store.
    before(async () => {
      store = await s.openWithPublicData()
      first = await s.publicDataLoad()
      const ms = first.reduce((t, r) => t + r.ms, 0)
      console.log(`# ${s.name}: whole public data set loaded in ${ms} ms (when the run's snapshot was made)`)
    })
    after(async () => {
      await store?.close()
      for (const d of scratch) fs.rmSync(d, { recursive: true, force: true })
    })

    it('loads every dataset once and records each in the dataset table', async () => {
      assert.ok(
        first.every((r) => r.status === 'loaded'),
        JSON.stringify(first),
      )
      const recorded = await datasetRows(store)
      assert.deepEqual(recorded.map((r) => r.name).sort(), first.map((r) => r.dataset).sort())
      for (const r of recorded) assert.match(r.sha256, /^[0-9a-f]{64}$/)
      // A one-file dataset records the file's own SHA-256, the one data/public/SOURCES.md lists.
      const b1Sha = crypto
        .createHash('sha256')
        .update(fs.readFileSync(path.join(PUBLIC_DATA_DIR, 'b1_children_in_need_2013_to_2025.csv')))
        .digest('hex')
      assert.equal(recorded.find((r) => r.name === 'statistics-b1')!.sha256, b1Sha)
      assert.ok(fs.readFileSync(path.join(PUBLIC_DATA_DIR, 'SOURCES.md'), 'utf8').includes(b1Sha))
      const stats = first.find((r) => r.dataset === 'statistics-b1')!
      assert.equal(recorded.find((r) => r.name === 'statistics-b1')!.rows, stats.rows)
    })

    it('is idempotent: a second load skips unchanged files and changes nothing; a changed file replaces only its dataset', async () => {
      const before = await counts(store)
      const recordedBefore = await datasetRows(store)
      const second = await loadPublicData(store)
      assert.ok(
        second.every((r) => r.status === 'unchanged'),
        JSON.stringify(second),
      )
      assert.deepEqual(await counts(store), before)
      assert.deepEqual(await datasetRows(store), recordedBefore)

      // The same file saved as UTF-16 loads the same rows.
      const utf16 = copyOfPublicData()
      scratch.push(utf16)
      const neighboursFile = path.join(utf16, 'New_Statistical_Neighbour_Groupings_April_2021.csv')
      fs.writeFileSync(
        neighboursFile,
        Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from(fs.readFileSync(neighboursFile, 'utf8').replace(/^\uFEFF/, ''), 'utf16le'),
        ]),
      )
      const asUtf16 = await loadPublicData(store, { dir: utf16 })
      assert.deepEqual(
        asUtf16.filter((r) => r.status === 'loaded').map((r) => r.dataset),
        ['statistical-neighbours'],
      )
      assert.deepEqual(await counts(store), before)
      assert.equal((await neighboursOf(store, '330', '2021'))[0].band, 'Close')
      const restored = await loadPublicData(store)
      assert.deepEqual(
        restored.filter((r) => r.status === 'loaded').map((r) => r.dataset),
        ['statistical-neighbours'],
      )

      // A trailing blank line changes the checksum but not the content: the dataset is replaced, not duplicated.
      const dir = copyOfPublicData()
      scratch.push(dir)
      fs.appendFileSync(path.join(dir, 'ons_mid-year_population_estimates_2012_to_2024.csv'), '\n')
      const third = await loadPublicData(store, { dir })
      assert.deepEqual(
        third.filter((r) => r.status === 'loaded').map((r) => r.dataset),
        ['child-population'],
      )
      assert.deepEqual(await counts(store), before)
      assert.equal(await populationOf(store, '330', 2013), 281019)
      // A dataset loaded by an older reader version loads again although its file is unchanged.
      await store.query(
        `UPDATE dataset SET file = 'd3_cpps_subsequent_plan_2013_to_2025.csv (reader v1)' WHERE name = 'statistics-d3'`,
      )
      const afterUpgrade = await loadPublicData(store, { dir })
      assert.deepEqual(
        afterUpgrade.filter((r) => r.status === 'loaded').map((r) => r.dataset),
        ['statistics-d3'],
      )
      // Reloading the Ofsted outcomes keeps inspection ids (plans refer to them) and drops rows the files no longer hold.
      const idsBefore = await store.query<{ id: number; source_key: string }>(
        'SELECT id, source_key FROM inspection ORDER BY id',
      )
      await store.query(
        `INSERT INTO inspection (la_code, framework, published, source, source_key) VALUES ('330', 'SIF', '2015-01-01', 'old', 'stale')`,
      )
      await store.query(`UPDATE dataset SET file = 'older reader' WHERE name = 'ofsted-outcomes'`)
      const reloaded = await loadPublicData(store, { dir })
      assert.deepEqual(
        reloaded.filter((r) => r.status === 'loaded').map((r) => r.dataset),
        ['ofsted-outcomes'],
      )
      assert.deepEqual(await store.query('SELECT id, source_key FROM inspection ORDER BY id'), idsBefore)
      // Back to the shipped file: only that dataset loads again.
      const fourth = await loadPublicData(store)
      assert.deepEqual(
        fourth.filter((r) => r.status === 'loaded').map((r) => r.dataset),
        ['child-population'],
      )
      assert.deepEqual(await counts(store), before)
    })

    it('a corrupt file fails with the file and line named, and leaves the earlier load intact', async () => {
      const before = await counts(store)
      const recordedBefore = await datasetRows(store)
      const dir = copyOfPublicData()
      scratch.push(dir)
      const file = 'd3_cpps_subsequent_plan_2013_to_2025.csv'
      const lines = fs.readFileSync(path.join(dir, file), 'utf8').split('\n')
      const header = lines[0].split(',')
      const at = header.indexOf('CPP_start')
      // Line 4 of the file: a Regional row; its CPP_start becomes text that is neither a number nor a symbol.
      const cells = lines[3].split(',')
      cells[at] = '12O0'
      lines[3] = cells.join(',')
      fs.writeFileSync(path.join(dir, file), lines.join('\n'))
      await assert.rejects(loadPublicData(store, { dir }), (err: Error) => {
        assert.match(err.message, /d3_cpps_subsequent_plan_2013_to_2025\.csv, line 4, column "CPP_start"/)
        assert.match(err.message, /12O0/)
        return true
      })
      assert.deepEqual(await counts(store), before)
      assert.deepEqual(await datasetRows(store), recordedBefore)
      assert.deepEqual(await statisticFor(store, '330', 'd3', 'cpp_starts', 2014), { value: 1221, symbol: null })
    })

    it('a CSV broken mid-file (unclosed quote) and a missing file are refused the same way', async () => {
      const before = await counts(store)
      const dir = copyOfPublicData()
      scratch.push(dir)
      const file = 'c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv'
      const text = fs.readFileSync(path.join(dir, file), 'utf8').split('\n')
      text[10] = text[10].replace(',Referrals', ',"Referrals')
      fs.writeFileSync(path.join(dir, file), text.join('\n'))
      await assert.rejects(
        loadPublicData(store, { dir }),
        /c1_children_in_need_referrals_and_rereferrals_2013_to_2025\.csv, line \d+/,
      )

      const dir2 = copyOfPublicData()
      scratch.push(dir2)
      fs.rmSync(path.join(dir2, 'LA_Inspection_Outcomes_2025__ILACS_inspection_history.csv'))
      await assert.rejects(
        loadPublicData(store, { dir: dir2 }),
        /LA_Inspection_Outcomes_2025__ILACS_inspection_history\.csv.*file not found/,
      )

      const dir3 = copyOfPublicData()
      scratch.push(dir3)
      fs.writeFileSync(path.join(dir3, 'bds_long_0.parquet'), 'this is not parquet')
      await assert.rejects(loadPublicData(store, { dir: dir3 }), /bds_long_0\.parquet: not a readable Parquet file/)
      assert.deepEqual(await counts(store), before)
    })

    it('holds the 153 current LAs with old and ONS codes, region and type, found by either code', async () => {
      const las = await listLas(store)
      assert.equal(las.length, 153)
      for (const la of las) {
        assert.match(la.laCode, /^\d{3}$/)
        assert.match(la.onsCode ?? '', /^E\d{8}$/)
        assert.ok(la.region && la.laType && la.name, la.laCode)
      }
      assert.equal(new Set(las.map((l) => l.onsCode)).size, 153)
      const brum = await findLa(store, '330')
      assert.deepEqual(
        { ...brum, laType: undefined },
        {
          laCode: '330',
          onsCode: 'E08000025',
          name: 'Birmingham',
          region: 'West Midlands',
          laType: undefined,
          isCurrent: true,
        },
      )
      assert.match(brum!.laType, /metropolitan/i)
      assert.equal((await findLa(store, ' e08000025 '))?.laCode, '330')
      assert.equal(await findLa(store, '999'), undefined)
      assert.equal(await findLa(store, '33'), undefined, 'no substring matching')
      assert.equal(await findLa(store, 'E0800002'), undefined, 'no prefix matching')
      assert.equal((await findLa(store, '928'))?.isCurrent, false, 'Northamptonshire is kept as a former LA')
      const wm = await listLas(store, { region: 'West Midlands' })
      assert.equal(wm.length, 14)
      assert.ok(wm.every((l) => l.region === 'West Midlands'))
    })

    it("gives Birmingham's statistical neighbours in both models as domain.md §7.2 lists them", async () => {
      const n2021 = await neighboursOf(store, '330', '2021')
      assert.deepEqual(
        n2021.map((n) => [n.rank, n.laCode, n.band]),
        [
          [1, '821', 'Close'],
          [2, '333', 'Close'],
          [3, '336', 'Close'],
          [4, '892', 'Close'],
          [5, '352', 'Somewhat close'],
          [6, '335', 'Somewhat close'],
          [7, '308', 'Somewhat close'],
          [8, '831', 'Somewhat close'],
          [9, '320', 'Somewhat close'],
          [10, '380', 'Somewhat close'],
        ],
      )
      assert.equal(n2021[0].name, 'Luton')
      const n2025 = await neighboursOf(store, '330', '2025')
      assert.deepEqual(
        n2025.map((n) => [n.rank, n.laCode, n.band]),
        [
          [1, '892', 'Very close'],
          [2, '352', 'Very close'],
          [3, '380', 'Very close'],
          [4, '391', 'Close'],
          [5, '353', 'Close'],
          [6, '889', 'Close'],
          [7, '373', 'Close'],
          [8, '806', 'Close'],
          [9, '852', 'Close'],
          [10, '355', 'Close'],
        ],
      )
      assert.equal(n2025[5].name, 'Blackburn with Darwen')
      // 'Very Close' (2021) and 'Close ' (trailing space) arrive normalised.
      const bands = await store.query<{ band: string }>('SELECT DISTINCT band FROM statistical_neighbour ORDER BY band')
      assert.ok(bands.length >= 4)
      assert.ok(
        bands.every((b) => ['Extremely close', 'Very close', 'Close', 'Somewhat close', 'Not close'].includes(b.band)),
      )
    })

    it('holds every Ofsted judgement on Birmingham 2009-2023, one row per inspection', async () => {
      const all = await inspectionsOf(store, '330')
      const view = all.map((i) => ({
        framework: i.framework,
        date: i.published,
        overall: i.overallGrade,
        judgements: Object.fromEntries(i.judgements.map((j) => [j.area, j.grade])),
      }))
      const at = (date: string) => {
        const found = view.filter((v) => v.date === date)
        assert.equal(found.length, 1, `one inspection published ${date}`)
        return found[0]
      }
      assert.deepEqual(at('2010-07-16'), {
        framework: 'SLAC',
        date: '2010-07-16',
        overall: null,
        judgements: {
          'Safeguarding: overall effectiveness': 'Inadequate',
          'Looked after children: overall effectiveness': 'Requires improvement',
        },
      })
      assert.deepEqual(at('2012-10-19'), {
        framework: 'CPI',
        date: '2012-10-19',
        overall: 'Inadequate',
        judgements: { 'Overall effectiveness': 'Inadequate' },
      })
      const sif = at('2014-05-23')
      assert.equal(sif.framework, 'SIF')
      assert.deepEqual(sif.judgements, {
        'Overall effectiveness': 'Inadequate',
        'Children who need help and protection': 'Inadequate',
        'Children looked after and achieving permanence': 'Inadequate',
        'Adoption performance': 'Inadequate',
        'Experiences and progress of care leavers': 'Inadequate',
        'Leadership, management and governance': 'Inadequate',
        'LSCB effectiveness': 'Inadequate',
      })
      assert.deepEqual(at('2016-11-25'), {
        framework: 'SIF re-inspection',
        date: '2016-11-25',
        overall: 'Inadequate',
        judgements: {
          'Overall effectiveness': 'Inadequate',
          'Children who need help and protection': 'Inadequate',
          'Children looked after and achieving permanence': 'Requires improvement',
          'Adoption performance': 'Requires improvement',
          'Experiences and progress of care leavers': 'Requires improvement',
          'Leadership, management and governance': 'Inadequate',
        },
      })
      const ilacs2019 = all.find((i) => i.published === '2019-01-17')!
      assert.equal(ilacs2019.framework, 'ILACS standard')
      assert.equal(ilacs2019.startDate, '2018-12-03')
      assert.equal(ilacs2019.judgements.length, 4)
      assert.ok(ilacs2019.judgements.every((j) => j.grade === 'Requires improvement'))
      const ilacs2023 = at('2023-04-18')
      assert.equal(ilacs2023.framework, 'ILACS standard')
      assert.deepEqual(ilacs2023.judgements, {
        'Overall effectiveness': 'Good',
        'The impact of leaders on social work practice with children and families': 'Good',
        'The experiences and progress of children who need help and protection': 'Good',
        'The experiences and progress of children in care': 'Good',
        'The experiences and progress of care leavers': 'Good',
      })
      // The published label is kept beside the normalised grade.
      const slacLac = all[0].judgements.find((j) => j.area === 'Looked after children: overall effectiveness')!
      assert.equal(slacLac.originalLabel, 'Requires improvement to be good')
      const dates = all.map((i) => i.date ?? '')
      assert.deepEqual(dates, [...dates].sort(), 'oldest first')
      // 271 graded ILACS inspections 2018-2025 (domain.md §2.2), each once, although the history file dates
      // Nottingham's 2022 inspection two months after the 2025 file does.
      const [ilacs] = await store.query<{ n: number }>(
        `SELECT count(*) AS n FROM inspection WHERE framework IN ('ILACS standard', 'ILACS short')`,
      )
      assert.equal(ilacs.n, 271)
      const nottingham = (await inspectionsOf(store, '892')).filter((i) => i.framework.startsWith('ILACS'))
      assert.deepEqual(
        nottingham.map((i) => [i.startDate, i.published, i.overallGrade]),
        [
          ['2018-11-05', '2019-01-07', 'Requires improvement'],
          ['2022-07-11', '2022-09-05', 'Inadequate'],
        ],
      )
      const frameworks = await store.query<{ framework: string }>(
        'SELECT DISTINCT framework FROM inspection ORDER BY framework',
      )
      const known =
        /^(SLAC|SLAC re-inspection \(.*\)|CPI|CPI re-inspection|TLAC|SIF|SIF re-inspection|ILACS standard|ILACS short|Focused visit: .+|Monitoring visit: .+)$/
      assert.deepEqual(
        frameworks.filter((f) => !known.test(f.framework)),
        [],
      )
      const grades = await store.query<{ grade: string }>('SELECT DISTINCT grade FROM inspection_judgement')
      assert.ok(grades.every((g) => GRADES.includes(g.grade)))
    })

    it('gives the national overview every LA’s latest grade and time since inadequate in three queries', async () => {
      const latest = await latestInspections(store, new Date('2026-11-22T12:00:00Z'))
      const brum = latest.get('330')!
      assert.equal(brum.grade, 'Good')
      assert.equal(brum.date, '2023-04-18')
      assert.equal(brum.lastInspectionDate, '2024-10-24')
      assert.match(brum.lastInspectionFramework ?? '', /^Focused visit/)
      assert.equal(brum.lastInadequateDate, '2016-11-25')
      assert.equal(brum.yearsSinceInadequate, 9, '25 Nov 2016 to 22 Nov 2026: 9 whole years')
      const las = await listLas(store)
      assert.ok(las.filter((l) => latest.get(l.laCode)?.grade).length >= 150, 'nearly every LA has a graded inspection')
      // At 31 March 2025 (domain.md §2.2): 67 Good, 36 Outstanding, 31 RI, 19 Inadequate among the 153, counting
      // inspections by fieldwork date (five were inspected in March 2025 and published later).
      const asAt = await store.query<{ grade: string; n: number }>(
        `SELECT g.overall_grade AS grade, count(*) AS n FROM local_authority l
           JOIN (SELECT DISTINCT ON (la_code) la_code, overall_grade FROM inspection
                  WHERE overall_grade IS NOT NULL AND coalesce(start_date, published) <= '2025-03-31'
                    AND framework IN ('ILACS standard', 'ILACS short')
                  ORDER BY la_code, coalesce(start_date, published) DESC) g ON g.la_code = l.la_code
          WHERE l.is_current GROUP BY g.overall_grade`,
      )
      assert.deepEqual(Object.fromEntries(asAt.map((r) => [r.grade, r.n])), {
        Good: 67,
        Outstanding: 36,
        'Requires improvement': 31,
        Inadequate: 19,
      })
      const good = await listLas(store, { grade: 'Good' })
      assert.ok(good.some((l) => l.laCode === '330'))
      assert.ok(good.every((l) => l.latestGrade === 'Good'))
    })

    it("matches Birmingham's 2014 figures in domain.md §7.4", async () => {
      const v = async (area: string, dataset: string, measure: string, year: number) =>
        (await statisticFor(store, area, dataset, measure, year))?.value
      assert.equal(await populationOf(store, '330', 2013), 281019)
      assert.equal(await populationOf(store, 'England', 2013), 11473080)
      assert.equal(await v('330', 'b1', 'cin_at_31_march', 2014), 9123)
      assert.equal(await v('330', 'b1', 'cin_at_31_march', 2013), 11379)
      assert.equal(await v('England', 'b1', 'cin_at_31_march', 2014), 395480)
      assert.equal(await v('330', 'b1', 'awaiting_assessment', 2014), 932)
      assert.equal(await v('330', 'b1', 'awaiting_assessment', 2013), 1314)
      assert.equal(await v('330', 'c1', 'referrals', 2014), 13815)
      assert.equal(await v('330', 'c1', 'referrals', 2013), 14177)
      assert.equal(await v('England', 'c1', 'referrals', 2014), 657780)
      assert.equal(await v('330', 'c1', 're_referrals_pct', 2014), 13.8)
      assert.equal(await v('330', 'c1', 'nfa_pct', 2014), 5.1)
      assert.equal(await v('330', 'c1', 'not_in_need_pct', 2014), 32.4)
      assert.equal(await v('330', 'd3', 'cpp_starts', 2014), 1221)
      assert.equal(await v('330', 'd3', 'subsequent_cpp_pct', 2014), 21.5)
      assert.equal(await v('England', 'd3', 'subsequent_cpp_pct', 2014), 15.8)
      assert.equal(await v('330', 'd5', 'cpp_at_31_march', 2014), 844)
      assert.equal(await v('330', 'd5', 'cpp_at_31_march', 2013), 1026)
      assert.equal(await v('330', 'd5', 'cpp_3_months_or_less_pct', 2014), 43.5)
      assert.equal(await v('England', 'd5', 'cpp_at_31_march', 2014), 48300)
      // England's 2025 CLA population is the ONS mid-2024 figure (domain.md §7.1).
      assert.equal(await v('England', 'cla', 'cla_at_31_march_population', 2025), 12183016)
      assert.equal(await populationOf(store, 'England', 2024), 12183016)
      const c1 = await statisticsOf(store, '330', { dataset: 'c1', measures: ['referrals'], years: [2013, 2014, 2015] })
      assert.deepEqual(
        c1.map((r) => [r.year, r.value]),
        [
          [2013, 14177],
          [2014, 13815],
          [2015, c1[2].value],
        ],
      )
      assert.equal(c1.length, 3)
    })

    it('gives `sightline la show 330 --json` identity, both neighbour models, every inspection and statistics by year', async () => {
      const record = (await laProfileService(store).record('E08000025'))!
      assert.equal(record.laCode, '330')
      assert.deepEqual(record.neighbours.map((m) => [m.model, m.neighbours.length]).sort(), [
        ['2021', 10],
        ['2025', 10],
      ])
      const sif = record.inspections.find((i) => i.published === '2014-05-23')!
      assert.equal(sif.framework, 'SIF')
      assert.equal(sif.judgements.length, 7)
      assert.ok(sif.judgements.every((j) => j.grade === 'Inadequate' && typeof j.area === 'string'))
      assert.ok(
        record.inspections.some((i) => i.published === '2023-04-18' && i.judgements.every((j) => j.grade === 'Good')),
      )
      assert.ok(record.inspections.flatMap((i) => i.judgements).every((j) => GRADES.includes(j.grade)))
      const cin = record.statistics.filter((st) => st.dataset === 'b1' && st.measure === 'cin_at_31_march')
      assert.deepEqual(
        cin.map((st) => st.year),
        [2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025],
      )
      assert.equal(cin[1].value, 9123)
      assert.equal(await laProfileService(store).record('999'), undefined)
    })

    it('keeps suppressed values suppressed, with the symbol as published and never a zero', async () => {
      // Birmingham's 2015 CPP bands of 1 year or more are published as 'c' (domain.md §7.2).
      assert.deepEqual(await statisticFor(store, '330', 'd5', 'cpp_2_years_or_more', 2015), {
        value: null,
        symbol: 'c',
      })
      assert.deepEqual(await statisticFor(store, '330', 'd5', 'cpp_1_to_2_years_pct', 2015), {
        value: null,
        symbol: 'c',
      })
      assert.deepEqual(await statisticFor(store, '330', 'd5', 'cpp_3_months_or_less', 2015), {
        value: 545,
        symbol: null,
      })
      const [mixed] = await store.query<{ n: number }>(
        'SELECT count(*) AS n FROM statistic WHERE (value IS NULL) = (symbol IS NULL) AND symbol IS NOT NULL',
      )
      assert.equal(mixed.n, 0, 'no row has both a value and a symbol')
      const symbols = await store.query<{ symbol: string }>(
        'SELECT DISTINCT symbol FROM statistic WHERE symbol IS NOT NULL ORDER BY symbol',
      )
      assert.ok(
        symbols.every((s) => ['c', 'x', 'z', 'k', 'u', '..', ':', '-'].includes(s.symbol)),
        JSON.stringify(symbols),
      )
      assert.ok(symbols.some((s) => s.symbol === 'c'))
    })

    it('loads the LAIT dictionary (448 rows, 434 indicators) and LAIT values for children’s social care', async () => {
      const measures = await store.query<{ measure: string; polarity: string | null; unit: string }>(
        `SELECT measure, polarity, unit FROM stat_measure WHERE dataset = 'lait' AND description IS NOT NULL`,
      )
      assert.equal(measures.length, 434)
      const cpp2 = measures.find((m) => m.measure === 'CPPlans2yrs')!
      assert.equal(cpp2.polarity, 'Low')
      // bds_long_0.parquet: Birmingham, CPPlans2yrs, '2016' -> 1.5, '2025' -> 3.5.
      assert.deepEqual(await statisticFor(store, '330', 'lait', 'CPPlans2yrs', 2016), { value: 1.5, symbol: null })
      assert.deepEqual(await statisticFor(store, '330', 'lait', 'CPPlans2yrs', 2025), { value: 3.5, symbol: null })
      assert.equal((await statisticFor(store, 'England', 'lait', 'CPPlans2yrs', 2025))?.symbol, null)
    })
  })
}
