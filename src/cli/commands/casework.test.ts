import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { test } from 'node:test'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const fixtures = path.join(root, 'test', 'fixtures', 'casework')

function sightline(dataDir: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir }
  delete env.DATABASE_URL
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'sightline.js'), ...args], {
    env,
    encoding: 'utf8',
    timeout: 180_000,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

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
