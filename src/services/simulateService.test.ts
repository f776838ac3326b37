import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import Papa from 'papaparse'
import { addMonths, addWorkingDays, workingDaysBetween } from '../engine/calendar/workingDays.ts'
import { runSimulation, simulateOptions, SimulateInputError, writeDemoBirmingham } from './simulateService.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-service-'))
const out = path.join(tmp, 'birmingham')
type Truth = {
  indicators: Record<string, { value: number | null; numerator: number; denominator: number | null }>
  profiles: Record<string, { count: number; childIds: string[] }>
}
let truth: Truth

const read = (rel: string) => fs.readFileSync(path.join(out, rel), 'utf8')
const csv = (rel: string) => Papa.parse<Record<string, string>>(read(rel), { header: true, skipEmptyLines: true }).data
const xpath = (expr: string) =>
  execFileSync('xmllint', ['--xpath', expr, path.join(out, 'cin-census.xml')], { encoding: 'utf8' })
const inYear = (node: string) => `translate(${node},"-","") > 20130331 and translate(${node},"-","") <= 20140331`
const ukIso = (d: string) => d.split('/').reverse().join('-')

/** Published figure for Birmingham (330), 2013-14, read straight from the DfE file with papaparse. */
function published(
  file: string,
  column: string,
  extra: (r: Record<string, string>) => boolean = () => true,
  period = ['201314', '2014'],
) {
  const rows = Papa.parse<Record<string, string>>(
    fs.readFileSync(path.join(root, 'data', 'public', file), 'utf8').replace(/^\uFEFF/, ''),
    { header: true, skipEmptyLines: true },
  ).data
  const row = rows.find(
    (r) =>
      r.old_la_code === '330' && period.includes(r.time_period) && r.geographic_level === 'Local authority' && extra(r),
  )
  return Number(row![column])
}

describe('simulateService: a simulated Birmingham 2014 on disk', () => {
  before(async () => {
    const o = simulateOptions({ la: '330', asAt: '2014-03-31', seed: '3', scale: '0.05', failures: 'birmingham-2014' })
    await runSimulation(o, out)
    truth = JSON.parse(read('truth.json'))
  })
  after(() => fs.rmSync(tmp, { recursive: true, force: true }))

  it('recomputes truth.json values from the files with independent parsers (xmllint, papaparse)', () => {
    const referrals = Number(xpath(`count(//CINdetails[${inYear('CINreferralDate')}])`))
    const nfa = Number(xpath(`count(//CINdetails[${inYear('CINreferralDate')} and ReferralNFA="1"])`))
    assert.equal(truth.indicators.referrals_nfa.denominator, referrals)
    assert.equal(truth.indicators.referrals_nfa.numerator, nfa)
    assert.equal(truth.indicators.referrals_nfa.value, Math.round((1000 * nfa) / referrals) / 10)

    const openStarts = xpath(
      '//CINdetails[not(CINclosureDate)]/Assessments[not(AssessmentAuthorisationDate)]/AssessmentActualStartDate/text()',
    ).match(/\d{4}-\d{2}-\d{2}/g)!
    const drifting = openStarts.filter((d) => workingDaysBetween(d, '2014-03-31') > 45).length
    assert.equal(truth.indicators.assessments_open_over_45_wd.numerator, drifting)
    assert.ok(drifting > 0)

    const list6 = csv('annex-a/List_6.csv').filter((r) => r['Case Status'] !== 'e) Closed')
    const unallocated = list6.filter((r) => r['Allocated Worker'] === '')
    assert.equal(truth.indicators.unallocated_cases.denominator, list6.length)
    assert.equal(truth.indicators.unallocated_cases.numerator, unallocated.length)
    assert.deepEqual(unallocated.map((r) => r['Child Unique ID']).sort(), truth.profiles.unallocated.childIds)

    const list9 = csv('annex-a/List_9.csv')
    assert.equal(truth.indicators.care_leavers_in_touch.denominator, list9.length)
    assert.equal(
      truth.indicators.care_leavers_in_touch.numerator,
      list9.filter((r) => r['LA in Touch'] === 'a) Yes').length,
    )

    const awaiting = csv('ssd/ssd_contacts.csv').filter(
      (r) => r.cont_contact_outcome_json === '' && workingDaysBetween(ukIso(r.cont_contact_date), '2014-03-31') > 1,
    )
    assert.equal(truth.indicators.contacts_awaiting_decision.numerator, awaiting.length)

    const claAt = new Set(
      csv('ssda903/episodes.csv')
        .filter((r) => r.DEC === '')
        .map((r) => r.CHILD),
    )
    assert.equal(truth.indicators.cla_visits_overdue.denominator, claAt.size)
    const list8 = csv('annex-a/List_8.csv').filter((r) => r['Date Ceased to be Looked After'] === '')
    const visitLate = list8.filter((r) => {
      const last = ukIso(r['Date of Last Social Work Visit'] || r['Date Started to be Looked After'])
      return (Date.parse('2014-03-31') - Date.parse(last)) / 86_400_000 > 42
    })
    assert.equal(truth.indicators.cla_visits_overdue.numerator, visitLate.length)
  })

  it('recomputes the CP review and ICPC timeliness from the CIN census (xmllint, the shared calendar)', () => {
    const A = '2014-03-31'
    const plans = xpath('//ChildProtectionPlans[not(CPPendDate)]').match(
      /<ChildProtectionPlans>.*?<\/ChildProtectionPlans>/gs,
    )!
    let eligible = 0
    let onTime = 0
    for (const p of plans) {
      const start = /<CPPstartDate>(.*?)</.exec(p)![1]
      if (start > addMonths(A, -3)) continue
      eligible++
      let due = addMonths(start, 3)
      let late = false
      for (const [, r] of p.matchAll(/<CPPreviewDate>(.*?)</g)) {
        if (r > due) late = true
        due = addMonths(r, 6)
      }
      if (!late && !(due < A)) onTime++
    }
    assert.deepEqual(
      [truth.indicators.cp_reviews_on_time.numerator, truth.indicators.cp_reviews_on_time.denominator],
      [onTime, eligible],
    )
    const s47s = xpath(`//Section47[DateOfInitialCPC and ${inYear('DateOfInitialCPC')}]`).match(
      /<Section47>.*?<\/Section47>/gs,
    )!
    const within = s47s.filter(
      (x) => /<DateOfInitialCPC>(.*?)</.exec(x)![1] <= addWorkingDays(/<S47ActualStartDate>(.*?)</.exec(x)![1], 15),
    )
    assert.deepEqual(
      [truth.indicators.icpc_within_15_wd.numerator, truth.indicators.icpc_within_15_wd.denominator],
      [within.length, s47s.length],
    )
  })

  it('recomputes looked-after reviews on time from Annex A List 8 and the 903 Reviews table (papaparse)', () => {
    const A = '2014-03-31'
    const reviews = new Map<string, string[]>()
    for (const r of csv('ssda903/reviews.csv')) reviews.set(r.CHILD, [...(reviews.get(r.CHILD) ?? []), ukIso(r.REVIEW)])
    let eligible = 0
    let onTime = 0
    for (const row of csv('annex-a/List_8.csv').filter((r) => r['Date Ceased to be Looked After'] === '')) {
      const first = addWorkingDays(ukIso(row['Date Started to be Looked After']), 20)
      if (!(first < A)) continue
      eligible++
      let due = first
      let late = false
      for (const [i, r] of (reviews.get(row['Child Unique ID']) ?? []).sort().entries()) {
        if (r > due) late = true
        due = addMonths(r, i === 0 ? 3 : 6)
      }
      if (!late && !(due < A)) onTime++
    }
    assert.deepEqual(
      [truth.indicators.cla_reviews_on_time.numerator, truth.indicators.cla_reviews_on_time.denominator],
      [onTime, eligible],
    )
  })

  it('recomputes caseloads, caseloads by team and the agency share from the SSD files (papaparse)', () => {
    const open = new Set(
      csv('annex-a/List_6.csv')
        .filter((r) => r['Case Status'] !== 'e) Closed')
        .map((r) => r['Child Unique ID']),
    )
    const held = csv('ssd/ssd_involvements.csv').filter(
      (r) =>
        r.invo_involvement_end_date === '' &&
        r.invo_professional_role_id === 'Allocated Case Worker' &&
        open.has(r.invo_person_id),
    )
    const perWorker = new Map<string, number>()
    for (const r of held) perWorker.set(r.invo_professional_id, (perWorker.get(r.invo_professional_id) ?? 0) + 1)
    assert.deepEqual(
      [truth.indicators.caseload_per_worker.numerator, truth.indicators.caseload_per_worker.denominator],
      [held.length, perWorker.size],
    )
    const agency = new Set(
      csv('ssd/ssd_professionals.csv')
        .filter((r) => r.prof_agency_worker_flag === 'Y')
        .map((r) => r.prof_professional_id),
    )
    assert.equal(
      truth.indicators.agency_worker_share.numerator,
      [...perWorker.keys()].filter((w) => agency.has(w)).length,
    )
    const teams = new Map<string, Set<string>>()
    for (const r of held)
      teams.set(
        r.invo_professional_team,
        (teams.get(r.invo_professional_team) ?? new Set()).add(r.invo_professional_id),
      )
    const byTeam = (
      truth as unknown as {
        breakdowns: { caseload_per_worker_by_team: Record<string, { numerator: number; denominator: number }> }
      }
    ).breakdowns.caseload_per_worker_by_team
    for (const [team, workers] of teams) {
      const cases = held.filter((r) => r.invo_professional_team === team).length
      assert.deepEqual([byTeam[team].numerator, byTeam[team].denominator], [cases, workers.size], team)
    }
    assert.equal(Object.keys(byTeam).length, teams.size)
  })

  it('matches the published rates per 10,000 within 5%', () => {
    const pop = 281_019 * 0.05
    const rate = (n: number) => (n / pop) * 10_000
    const referrals = Number(xpath(`count(//CINdetails[${inYear('CINreferralDate')}])`))
    const cinAt = Number(xpath('count(//CINdetails[not(CINclosureDate)])'))
    const cpAt = Number(xpath('count(//ChildProtectionPlans[not(CPPendDate)])'))
    const checks: Array<[string, number, number]> = [
      [
        'referrals',
        rate(referrals),
        (published('c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv', 'referral_count') / 281_019) *
          10_000,
      ],
      [
        'children in need at 31 March',
        rate(cinAt),
        (published('b1_children_in_need_2013_to_2025.csv', 'At31_episodes') / 281_019) * 10_000,
      ],
      [
        'CP plans at 31 March',
        rate(cpAt),
        (published('d5_cpps_at31march_by_duration_2013_to_2025.csv', 'CPP_At31') / 281_019) * 10_000,
      ],
    ]
    // Children looked after: DfE's LA figures start in 2021, so the simulator keeps Birmingham's nearest (2021) rate
    const claFile = 'cla_number_and_rate_per_10k_children.csv'
    const onMarch31 = (r: Record<string, string>) => r.population_type === 'Children looked after on 31 March each year'
    const claAt = new Set(
      csv('ssda903/episodes.csv')
        .filter((r) => r.DEC === '')
        .map((r) => r.CHILD),
    ).size
    const cla2021 =
      (published(claFile, 'children_count', onMarch31, ['2021']) /
        published(claFile, 'population_estimate', onMarch31, ['2021'])) *
      10_000
    checks.push(['children looked after at 31 March (2021 rate)', rate(claAt), cla2021])
    for (const [what, simulated, pub] of checks)
      assert.ok(
        Math.abs(simulated - pub) / pub < 0.05,
        `${what}: simulated ${simulated.toFixed(1)} vs published ${pub.toFixed(1)} per 10,000`,
      )
  })

  it('matches the published conversion ratios (NFA, re-referrals, repeat CP plans) within 1.5 points', () => {
    const c1 = 'c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv'
    const ratios: Array<[string, number]> = [
      ['referrals_nfa', published(c1, 'no_further_action_percent')],
      ['re_referrals_12_months', published(c1, 'rereferral_percent')],
      ['repeat_cp_plans', published('d3_cpps_subsequent_plan_2013_to_2025.csv', 'CPP_subsequent_percent')],
    ]
    for (const [id, pub] of ratios)
      assert.ok(
        Math.abs(truth.indicators[id].value! - pub) <= 1.5,
        `${id}: ${truth.indicators[id].value} vs published ${pub}`,
      )
  })

  it('names in truth.json the children each profile made fail, found again in the files', () => {
    for (const name of [
      'front-door-backlog',
      'unallocated',
      'assessment-drift',
      'cp-overdue',
      'cla-overdue',
      'leavers-out-of-touch',
      'workforce-churn',
      'high-thresholds',
    ])
      assert.ok(
        truth.profiles[name].count > 0 && truth.profiles[name].count === truth.profiles[name].childIds.length,
        name,
      )
    const outOfTouch = csv('annex-a/List_9.csv')
      .filter((r) => r['LA in Touch'] === 'b) No')
      .map((r) => r['Child Unique ID'])
    for (const id of truth.profiles['leavers-out-of-touch'].childIds) assert.ok(outOfTouch.includes(id), id)
  })
})

describe('simulateService: --la all', () => {
  it('writes a directory per current LA, each with its own census and truth.json', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-all-'))
    try {
      const o = simulateOptions({ la: 'all', asAt: '2014-03-31', scale: '0.004', formats: 'cin-xml' })
      const stats = await runSimulation(o, path.join(dir, 'all'))
      const las = fs.readdirSync(path.join(dir, 'all')).sort()
      assert.equal(las.length, 153)
      assert.equal(stats.las, 153)
      for (const la of ['201', '330', '420', '941']) {
        const xml = path.join(dir, 'all', la, 'cin-census.xml')
        const schema = path.join(root, 'test', 'fixtures', 'simulate', 'CIN_schema_2021.xsd')
        execFileSync('xmllint', ['--noout', '--schema', schema, xml], { stdio: 'pipe' })
        assert.match(fs.readFileSync(xml, 'utf8'), new RegExp(`<LEA>${la}</LEA>`))
        assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'all', la, 'truth.json'), 'utf8')).la, la)
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('simulateService: bad input', () => {
  const cases: Array<[Record<string, string>, string, RegExp]> = [
    [{ la: '999' }, 'la', /not the 3-digit code of a current local authority/],
    [{ asAt: '2014-02-30' }, 'as-at', /not a date/],
    [{ asAt: '2009-03-31' }, 'as-at', /outside the dates/],
    [{ asAt: '2013-04-01', years: '3' }, 'as-at', /with --years 3 \(2014-04-01 to 2030-03-31/],
    [{ failures: 'chaos' }, 'failures', /unknown failure profile "chaos"/],
    [{ failures: 'unallocated:shares=2' }, 'failures', /has no parameter "shares"/],
    [{ formats: 'cin-xml,pdf' }, 'formats', /unknown format "pdf"/],
    [{ scale: '-1' }, 'scale', /above 0/],
    [{ years: '9' }, 'years', /from 1 to 3/],
  ]
  for (const [args, option, message] of cases)
    it(`refuses --${option} ${Object.values(args)[0]}`, () => {
      assert.throws(
        () => simulateOptions({ la: '330', asAt: '2014-03-31', ...args }),
        (e: unknown) => e instanceof SimulateInputError && e.option === option && message.test(e.message),
      )
    })

  it('refuses an unwritable or non-empty --out and leaves nothing behind', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-bad-'))
    try {
      const o = simulateOptions({ la: '330', asAt: '2014-03-31', scale: '0.01', formats: 'cin-xml' })
      await assert.rejects(
        runSimulation(o, path.join(dir, 'no', 'such', 'out')),
        (e: unknown) => e instanceof SimulateInputError && e.option === 'out',
      )
      // Writable by access() as root, yet no directory can be made in it.
      await assert.rejects(
        runSimulation(o, '/proc/sightline-out'),
        (e: unknown) => e instanceof SimulateInputError && e.option === 'out' && /cannot be made/.test(e.message),
      )
      fs.writeFileSync(path.join(dir, 'keep.txt'), 'x')
      await assert.rejects(runSimulation(o, dir), /not empty/)
      assert.deepEqual(fs.readdirSync(dir), ['keep.txt'])
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('a run that fails part-way leaves no output and no temporary directory', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-fail-'))
    try {
      const o = simulateOptions({ la: '330', asAt: '2014-03-31', scale: '0.01', formats: 'cin-xml,annexa-xlsx' })
      // the first LA is written in full, then the second cannot be planned
      await assert.rejects(runSimulation({ ...o, las: ['330', '000'] }, path.join(dir, 'out')), /unknown LA code 000/)
      assert.deepEqual(fs.readdirSync(dir), [])
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('the CLI says what is wrong and exits 2', () => {
    const r = spawnSync(
      process.execPath,
      [
        path.join(root, 'bin', 'sightline.js'),
        'simulate',
        '--la',
        '999',
        '--as-at',
        '2014-03-31',
        '--out',
        path.join(tmp, 'x'),
      ],
      { encoding: 'utf8', timeout: 60_000 },
    )
    assert.equal(r.status, 2)
    assert.match(r.stderr, /--la: "999" is not the 3-digit code/)
    assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/)
    assert.equal(fs.existsSync(path.join(tmp, 'x')), false)
  })
})

describe('the demo Birmingham 2014', () => {
  it('writes every format and truth.json in seconds', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-demo-'))
    try {
      const started = Date.now()
      const stats = await writeDemoBirmingham(path.join(dir, 'demo'), { scale: 0.1 })
      const seconds = (Date.now() - started) / 1000
      assert.ok(stats.children > 1000)
      assert.ok(
        fs.existsSync(path.join(dir, 'demo', 'truth.json')) && fs.existsSync(path.join(dir, 'demo', 'annex-a.xlsx')),
      )
      assert.ok(seconds < 30, `took ${seconds} s`)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
