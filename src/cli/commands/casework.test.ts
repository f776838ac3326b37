import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { cliInProcess, cliRunner, REPO_ROOT } from '../../../test/support/cli.ts'
import { schemaPgliteDir } from '../../../test/support/snapshots.ts'

const fixtures = path.join(REPO_ROOT, 'test', 'fixtures', 'casework')

/** A real process where its exit code is the point; the CLI's main() in this process for the rest. */
const sightlineProcess = cliRunner(180_000)
const sightline = cliInProcess()

test('sightline casework ingest --json: the summary line, then a rejected upload (exit 1) and a usage error (exit 2)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casework-cli-'))
  // The national store already migrated (as after `npm start`): what is tested is the casework store beside it.
  await (await schemaPgliteDir(dir)).close()
  const cin = path.join(fixtures, 'CIN_Census_2021.xml')
  const ok = await sightline(dir, 'casework', 'ingest', '--la', '201', '--as-at', '2023-03-31', cin, '--json')
  assert.equal(ok.code, 0, ok.stderr)
  const summary = JSON.parse(ok.stdout)
  assert.deepEqual(Object.keys(summary), ['snapshotId', 'records', 'issues', 'rejected'])
  assert.equal(summary.rejected, null)
  assert.equal(summary.records.child, 1)
  assert.ok(fs.existsSync(path.join(dir, 'casework', '201.duckdb')))
  const bad = sightlineProcess(dir, 'casework', 'ingest', '--la', '330', '--as-at', '2023-03-31', cin, '--json')
  assert.equal(bad.code, 1)
  assert.match(JSON.parse(bad.stdout).rejected, /CIN_Census_2021\.xml is the CIN census of LA 201, not of LA 330/)
  const usage = await sightline(dir, 'casework', 'ingest', '--la', '201', '--as-at', '31/03/2023', cin)
  assert.equal(usage.code, 2)
  assert.match(usage.stderr, /as-at date must be a real date/)
})
