import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { cliRunner, REPO_ROOT } from '../../../test/support/cli.ts'

const fixtures = path.join(REPO_ROOT, 'test', 'fixtures', 'casework')

const sightline = cliRunner(180_000)

test('sightline casework ingest --json: the summary line, then a rejected upload (exit 1) and a usage error (exit 2)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casework-cli-'))
  const cin = path.join(fixtures, 'CIN_Census_2021.xml')
  const ok = sightline(dir, 'casework', 'ingest', '--la', '201', '--as-at', '2023-03-31', cin, '--json')
  assert.equal(ok.code, 0, ok.stderr)
  const summary = JSON.parse(ok.stdout)
  assert.deepEqual(Object.keys(summary), ['snapshotId', 'records', 'issues', 'rejected'])
  assert.equal(summary.rejected, null)
  assert.equal(summary.records.child, 1)
  assert.ok(fs.existsSync(path.join(dir, 'casework', '201.duckdb')))
  const bad = sightline(dir, 'casework', 'ingest', '--la', '330', '--as-at', '2023-03-31', cin, '--json')
  assert.equal(bad.code, 1)
  assert.match(JSON.parse(bad.stdout).rejected, /CIN_Census_2021\.xml is the CIN census of LA 201, not of LA 330/)
  const usage = sightline(dir, 'casework', 'ingest', '--la', '201', '--as-at', '31/03/2023', cin)
  assert.equal(usage.code, 2)
  assert.match(usage.stderr, /as-at date must be a real date/)
})
