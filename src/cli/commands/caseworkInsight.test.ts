import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { cliRunner, REPO_ROOT } from '../../../test/support/cli.ts'

const cin = path.join(REPO_ROOT, 'test', 'fixtures', 'casework', 'CIN_Census_2021.xml')
const sightline = cliRunner(180_000)
const xpath = (expr: string) => execFileSync('xmllint', ['--xpath', expr, cin], { encoding: 'utf8' }).trim()

test('sightline casework indicators --json: the current snapshot; bad --la and no snapshot are one line, exit 2', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casework-insight-cli-'))
  const ingest = sightline(dir, 'casework', 'ingest', '--la', '201', '--as-at', '2023-03-31', cin, '--json')
  assert.equal(ingest.code, 0, ingest.stderr)
  const { snapshotId } = JSON.parse(ingest.stdout)
  const ok = sightline(dir, 'casework', 'indicators', '--la', '201', '--json')
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
    const bad = sightline(dir, 'casework', 'indicators', ...args, '--json')
    assert.equal(bad.code, 2, bad.stderr)
    assert.match(bad.stderr, message)
    assert.equal(bad.stderr.trim().split('\n').length, 1, bad.stderr)
  }
})
