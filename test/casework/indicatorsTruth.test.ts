import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { PROFILE_NAMES } from '../../src/engine/simulate/profiles.ts'
import { runSimulation, simulateOptions } from '../../src/services/simulateService.ts'
import { ingestUpload } from '../../src/engine/casework/ingest.ts'
import { openCaseworkStore } from '../../src/engine/casework/store.ts'
import { computeIndicators, INDICATORS } from '../../src/engine/casework/indicators/index.ts'

const FILES = (dir: string) => [
  'cin-census.xml',
  'annex-a.xlsx',
  ...fs
    .readdirSync(path.join(dir, 'dfe-api'))
    .sort()
    .map((f) => path.join('dfe-api', f)),
]

async function assertTruth(seed: string, failures: string) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'casework-truth-'))
  const out = path.join(tmp, 'sim')
  const o = simulateOptions({ la: '330', asAt: '2014-03-31', seed, scale: '0.05', failures })
  await runSimulation(o, out)
  const truth = JSON.parse(fs.readFileSync(path.join(out, 'truth.json'), 'utf8'))
  const store = await openCaseworkStore({ dataDir: path.join(tmp, 'data'), laCode: '330' })
  const files = FILES(out).map((f) => ({ fileName: f, path: path.join(out, f) }))
  const result = await ingestUpload(store, files, { asAt: '2014-03-31' })
  assert.equal(result.rejected, null)
  const values = await computeIndicators(store, result.snapshotId, '2014-03-31')
  for (const d of INDICATORS) {
    const got = values.find((v) => v.id === d.id)!
    const want = truth.indicators[d.id]
    assert.deepEqual(
      { value: got.value, numerator: got.numerator, denominator: got.denominator },
      { value: want.value, numerator: want.numerator, denominator: want.denominator },
      `${d.id} (${failures}, seed ${seed})`,
    )
  }
  store.close()
  fs.rmSync(tmp, { recursive: true, force: true })
}

for (const seed of ['1', '2', '3'])
  test(`every indicator equals truth.json for a simulated Birmingham 2014 (scale 0.05, seed ${seed})`, () =>
    assertTruth(seed, 'birmingham-2014'))

for (const profile of PROFILE_NAMES.filter((p) => p !== 'birmingham-2014'))
  test(`every indicator equals truth.json under the ${profile} failure profile alone (seed 4)`, () =>
    assertTruth('4', profile))
