import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { before, describe, it } from 'node:test'
import { loadPublicFigures, type PublicFigures } from './calibration.ts'
import { memoryOutput } from './output.ts'
import { parseProfiles } from './profiles.ts'
import { simulate } from './run.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
let pf: PublicFigures
type Indicator = { value: number | null; numerator: number; denominator: number | null }
type TruthFile = {
  indicators: Record<string, Indicator>
  profiles: Record<string, { count: number; childIds: string[] }>
}

async function truthWith(failures: string): Promise<TruthFile> {
  const out = memoryOutput()
  const o = {
    las: ['330'],
    asAt: '2014-03-31',
    years: 1,
    seed: 'p',
    scale: 0.04,
    profiles: parseProfiles(failures),
    formats: [],
  }
  await simulate(o, pf, out)
  return JSON.parse(out.files.get('truth.json')!.toString())
}

describe('failure profiles', () => {
  let baseline: TruthFile
  before(async () => {
    pf = loadPublicFigures((f) => fs.readFileSync(path.join(root, 'data', 'public', f), 'utf8'))
    baseline = await truthWith('')
  })

  // Each profile, on its own, makes its indicator fail for exactly the children it names.
  const cases: Array<[string, string, (t: TruthFile, b: TruthFile) => void]> = [
    [
      'front-door-backlog',
      'contacts_awaiting_decision',
      (t, b) =>
        assert.ok(
          t.indicators.contacts_awaiting_decision.numerator > b.indicators.contacts_awaiting_decision.numerator,
        ),
    ],
    [
      'high-thresholds',
      'cases_closed_without_assessment',
      (t) => assert.equal(t.indicators.cases_closed_without_assessment.numerator, t.profiles['high-thresholds'].count),
    ],
    [
      'unallocated:share=0.3',
      'unallocated_cases',
      (t) => {
        const u = t.indicators.unallocated_cases
        assert.equal(u.numerator, t.profiles.unallocated.count)
        assert.ok(Math.abs(u.numerator / u.denominator! - 0.3) < 0.02, `${u.numerator} of ${u.denominator}`)
      },
    ],
    [
      'assessment-drift',
      'assessments_open_over_45_wd',
      (t, b) => {
        const n = t.indicators.assessments_open_over_45_wd.numerator
        // the profile's children, plus the few that drift by chance (as in the baseline)
        assert.ok(
          n >= t.profiles['assessment-drift'].count && n > b.indicators.assessments_open_over_45_wd.numerator + 5,
        )
      },
    ],
    [
      'cp-overdue:share=0.5',
      'cp_reviews_on_time',
      (t, b) => {
        assert.ok(t.indicators.cp_reviews_on_time.value! < b.indicators.cp_reviews_on_time.value!)
        assert.ok(t.indicators.cp_visits_overdue.numerator > b.indicators.cp_visits_overdue.numerator)
      },
    ],
    [
      'cla-overdue:share=0.5',
      'cla_visits_overdue',
      (t, b) => assert.ok(t.indicators.cla_visits_overdue.numerator > b.indicators.cla_visits_overdue.numerator + 10),
    ],
    [
      'leavers-out-of-touch:share=0.5',
      'care_leavers_in_touch',
      (t) => assert.ok(t.indicators.care_leavers_in_touch.value! <= 50.5),
    ],
    [
      'workforce-churn:caseload=30;agencyShare=0.5',
      'agency_worker_share',
      (t, b) => {
        assert.ok(t.indicators.agency_worker_share.value! > b.indicators.agency_worker_share.value! + 20)
        assert.ok(t.indicators.caseload_per_worker.value! > b.indicators.caseload_per_worker.value!)
        assert.ok(t.profiles['workforce-churn'].count > 0)
      },
    ],
  ]
  for (const [spec, indicator, check] of cases)
    it(`${spec} moves ${indicator}`, async () => {
      const t = await truthWith(spec)
      check(t, baseline)
      const name = spec.split(':')[0]
      assert.deepEqual(Object.keys(t.profiles), [name])
      assert.deepEqual(t.profiles[name].childIds, [...t.profiles[name].childIds].sort())
    })

  it('without profiles, nothing is unallocated, awaiting a decision or closed without assessment', () => {
    for (const id of [
      'unallocated_cases',
      'contacts_awaiting_decision',
      'referrals_awaiting_decision',
      'cases_closed_without_assessment',
    ])
      assert.equal(baseline.indicators[id].numerator, 0, id)
    assert.deepEqual(baseline.profiles, {})
  })
})
