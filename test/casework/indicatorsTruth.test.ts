import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, test } from 'node:test'
import { PROFILE_NAMES } from '../../src/engine/simulate/profiles.ts'
import { runSimulation, simulateOptions } from '../../src/services/simulateService.ts'
import { ingestUpload } from '../../src/engine/casework/ingest.ts'
import { openCaseworkStore } from '../../src/engine/casework/store.ts'
import { caseloadByTeam, computeIndicators, INDICATORS } from '../../src/engine/casework/indicators/index.ts'
import { computeUnworked, REASONS, type UnworkedList } from '../../src/engine/casework/unworked/index.ts'

/** Every file the simulator writes that carries casework (the Annex A CSVs repeat the workbook). */
const FILES = (dir: string) => [
  'cin-census.xml',
  'annex-a.xlsx',
  ...['dfe-api', 'ssda903', 'ssd'].flatMap((d) =>
    fs
      .readdirSync(path.join(dir, d))
      .sort()
      .map((f) => path.join(d, f)),
  ),
]

/** The unworked-demand reasons that name the children of each failure profile (docs/indicators.md). */
const PROFILE_REASONS: Record<string, string[]> = {
  'front-door-backlog': ['contact_awaiting_decision', 'referral_awaiting_decision'],
  'high-thresholds': ['closed_without_assessment'],
  unallocated: ['unallocated'],
  'assessment-drift': ['assessment_over_45_wd'],
  'cp-overdue': ['cp_visit_overdue', 'cp_review_late'],
  'cla-overdue': ['cla_visit_overdue', 'cla_review_late'],
}

type Truth = {
  indicators: Record<string, { numerator: number; denominator: number }>
  profiles: Record<string, { childIds: string[] }>
}

/**
 * The unworked list counts, reason by reason, the items its indicator counts (late reviews: the plans or periods not
 * on time), and names every child truth.json names for the profiles switched on, with that profile's reason.
 */
function assertUnworked(u: UnworkedList, truth: Truth, label: string) {
  const late = (id: string) => truth.indicators[id].denominator - truth.indicators[id].numerator
  const want = Object.fromEntries(
    REASONS.map((r) => [
      r.id,
      r.id.endsWith('_review_late') ? late(r.indicator) : truth.indicators[r.indicator].numerator,
    ]),
  )
  assert.deepEqual(u.counts, want, `unworked counts (${label})`)
  assert.deepEqual(u.unavailable, [])
  const reasonsOf = new Map(u.children.map((c) => [c.childId, new Set(c.reasons.map((x) => x.reason))]))
  for (const [profile, { childIds }] of Object.entries(truth.profiles)) {
    const reasons = PROFILE_REASONS[profile]
    if (!reasons) continue
    const missed = childIds.filter((id) => !reasons.some((r) => reasonsOf.get(id)?.has(r)))
    assert.deepEqual(missed, [], `${profile} children not listed with ${reasons.join(' or ')} (${label})`)
  }
  const items = u.children.reduce((n, c) => n + c.reasons.length, 0)
  assert.equal(
    items,
    Object.values(want).reduce((a, b) => a + b, 0),
    `one reason per item (${label})`,
  )
  assert.deepEqual(
    u.children.map((c) => c.priority),
    u.children.map((_, i) => i + 1),
  )
}

/**
 * One casework store for the whole file: each simulation is ingested as its own snapshot and every indicator is
 * computed over that snapshot alone, so the runs share the store's set-up (DuckDB, calendar) and nothing else.
 */
const shared = fs.mkdtempSync(path.join(os.tmpdir(), 'casework-truth-'))
let storePromise: ReturnType<typeof openCaseworkStore> | undefined
const sharedStore = () => (storePromise ??= openCaseworkStore({ dataDir: path.join(shared, 'data'), laCode: '330' }))
after(async () => {
  if (storePromise) (await storePromise).close()
  fs.rmSync(shared, { recursive: true, force: true })
})

async function assertTruth(seed: string, failures: string, scale: string) {
  const out = path.join(shared, `sim-${failures}-${seed}`)
  const o = simulateOptions({ la: '330', asAt: '2014-03-31', seed, scale, failures })
  await runSimulation(o, out)
  const truth = JSON.parse(fs.readFileSync(path.join(out, 'truth.json'), 'utf8'))
  for (const [profile, { childIds }] of Object.entries<{ childIds: string[] }>(truth.profiles))
    assert.ok(childIds.length > 0, `${profile} names children at scale ${scale}, seed ${seed}: the check is not empty`)
  const store = await sharedStore()
  const files = FILES(out).map((f) => ({ fileName: f, path: path.join(out, f) }))
  const result = await ingestUpload(store, files, { asAt: '2014-03-31' })
  assert.equal(result.rejected, null)
  const values = await computeIndicators(store, result.snapshotId, '2014-03-31')
  assert.deepEqual(INDICATORS.map((d) => d.id).sort(), Object.keys(truth.indicators).sort(), 'every truth.json id')
  for (const d of INDICATORS) {
    const got = values.find((v) => v.id === d.id)!
    const want = truth.indicators[d.id]
    assert.deepEqual(
      { value: got.value, numerator: got.numerator, denominator: got.denominator },
      { value: want.value, numerator: want.numerator, denominator: want.denominator },
      `${d.id} (${failures}, seed ${seed})`,
    )
  }
  const teams = await caseloadByTeam(store, result.snapshotId, '2014-03-31')
  assert.deepEqual(
    Object.fromEntries(
      teams.map((t) => [t.team, { value: t.value, numerator: t.numerator, denominator: t.denominator }]),
    ),
    Object.fromEntries(
      Object.entries<{ value: number; numerator: number; denominator: number }>(
        truth.breakdowns.caseload_per_worker_by_team,
      ).map(([team, v]) => [team, { value: v.value, numerator: v.numerator, denominator: v.denominator }]),
    ),
    `caseload_per_worker_by_team (${failures}, seed ${seed})`,
  )
  assertUnworked(await computeUnworked(store, result.snapshotId, '2014-03-31'), truth, `${failures}, seed ${seed}`)
  fs.rmSync(out, { recursive: true, force: true })
}

const SEEDS = ['1', '2', '3']

for (const seed of SEEDS)
  test(`every indicator and the unworked list equal truth.json for a simulated Birmingham 2014 (scale 0.05, seed ${seed})`, () =>
    assertTruth(seed, 'birmingham-2014', '0.05'))

// Each profile alone at the same three seeds, on a smaller LA (scale 0.02): every profile still names children.
for (const profile of PROFILE_NAMES.filter((p) => p !== 'birmingham-2014'))
  for (const seed of SEEDS)
    test(`every indicator and the unworked list equal truth.json under the ${profile} failure profile alone (scale 0.02, seed ${seed})`, () =>
      assertTruth(seed, profile, '0.02'))
