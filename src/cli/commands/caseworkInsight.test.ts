import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { cliInProcess, cliRunner, REPO_ROOT } from '../../../test/support/cli.ts'
import { schemaPgliteDir } from '../../../test/support/snapshots.ts'

const cin = path.join(REPO_ROOT, 'test', 'fixtures', 'casework', 'CIN_Census_2021.xml')
/** A real process where its exit code is the point; the CLI's main() in this process for the rest. */
const sightlineProcess = cliRunner(180_000)
const sightline = cliInProcess()
/** A data directory whose national store is already migrated (as after `npm start`): the casework store is tested. */
async function dataDir(prefix: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  await (await schemaPgliteDir(dir)).close()
  return dir
}
const xpath = (expr: string) => execFileSync('xmllint', ['--xpath', expr, cin], { encoding: 'utf8' }).trim()

test('sightline casework indicators --json: the current snapshot; bad --la and no snapshot are one line, exit 2', async () => {
  const dir = await dataDir('casework-insight-cli-')
  const ingest = await sightline(dir, 'casework', 'ingest', '--la', '201', '--as-at', '2023-03-31', cin, '--json')
  assert.equal(ingest.code, 0, ingest.stderr)
  const { snapshotId } = JSON.parse(ingest.stdout)
  const ok = await sightline(dir, 'casework', 'indicators', '--la', '201', '--json')
  assert.equal(ok.code, 0, ok.stderr)
  const r = JSON.parse(ok.stdout)
  assert.equal(r.snapshotId, snapshotId)
  assert.equal(r.asAt, '2023-03-31')
  const ids = r.indicators.map((i: { id: string }) => i.id)
  assert.ok(ids.includes('referrals_nfa') && ids.includes('assessments_within_45_wd'), ids.join())
  const inYear = (el: string) => `count(//CINdetails[${el} > '2022-03-31' and ${el} <= '2023-03-31'])`
  const nfa = r.indicators.find((i: { id: string }) => i.id === 'referrals_nfa')
  assert.equal(nfa.denominator, Number(xpath(inYear('CINreferralDate'))))
  assert.equal(
    nfa.numerator,
    Number(xpath(`count(//CINdetails[CINreferralDate > '2022-03-31' and ReferralNFA = '1'])`)),
  )
  for (const [args, message] of [
    [['--la', '33'], /"33" is not a 3-digit LA code/],
    [['--la', '330'], /LA 330 has no casework snapshot yet/],
    [['--la', '201', '--snapshot', 'x'], /--snapshot must be a snapshot number/],
  ] as const) {
    const bad = await sightline(dir, 'casework', 'indicators', ...args, '--json')
    assert.equal(bad.code, 2, bad.stderr)
    assert.match(bad.stderr, message)
    assert.equal(bad.stderr.trim().split('\n').length, 1, bad.stderr)
  }
})

test('sightline casework unworked --json: each reason counts what truth.json counts, most urgent first', async () => {
  const dir = await dataDir('casework-unworked-cli-')
  const out = path.join(dir, 'sim')
  const made = await sightline(
    dir,
    ...['simulate', '--la', '330', '--as-at', '2014-03-31', '--scale', '0.02', '--failures', 'birmingham-2014'],
    ...['--formats', 'cin-xml,annexa-xlsx,ssda903-csv,ssd-csv', '--out', out],
  )
  assert.equal(made.code, 0, made.stderr)
  const files = [
    'cin-census.xml',
    'annex-a.xlsx',
    ...['ssda903', 'ssd'].flatMap((d) => fs.readdirSync(path.join(out, d)).map((f) => path.join(out, d, f))),
  ]
  const ingest = await sightline(
    dir,
    'casework',
    'ingest',
    '--la',
    '330',
    '--as-at',
    '2014-03-31',
    ...files.map((f) => path.resolve(out, f)),
  )
  assert.equal(ingest.code, 0, ingest.stderr)
  const r = await sightline(dir, 'casework', 'unworked', '--la', '330', '--json')
  assert.equal(r.code, 0, r.stderr)
  const u = JSON.parse(r.stdout)
  const t = JSON.parse(fs.readFileSync(path.join(out, 'truth.json'), 'utf8')).indicators
  assert.equal(u.asAt, '2014-03-31')
  assert.deepEqual(u.counts, {
    cp_visit_overdue: t.cp_visits_overdue.numerator,
    cp_review_late: t.cp_reviews_on_time.denominator - t.cp_reviews_on_time.numerator,
    contact_awaiting_decision: t.contacts_awaiting_decision.numerator,
    referral_awaiting_decision: t.referrals_awaiting_decision.numerator,
    unallocated: t.unallocated_cases.numerator,
    assessment_over_45_wd: t.assessments_open_over_45_wd.numerator,
    cla_visit_overdue: t.cla_visits_overdue.numerator,
    cla_review_late: t.cla_reviews_on_time.denominator - t.cla_reviews_on_time.numerator,
    closed_without_assessment: t.cases_closed_without_assessment.numerator,
  })
  assert.ok(u.children.length > 0)
  assert.deepEqual(
    u.children.map((c: { priority: number }) => c.priority),
    u.children.map((_: unknown, i: number) => i + 1),
  )
  const bad = sightlineProcess(dir, 'casework', 'unworked', '--la', '331', '--json')
  assert.equal(bad.code, 2, bad.stderr)
  assert.match(bad.stderr, /LA 331 has no casework snapshot yet/)
  assert.equal(bad.stderr.trim().split('\n').length, 1, bad.stderr)
})
