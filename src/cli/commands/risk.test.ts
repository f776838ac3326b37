import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { cliInProcess } from '../../../test/support/cli.ts'
import { copyDir, forgetPreparedSetUp, publicDataDir } from '../../../test/support/snapshots.ts'
import { openStore } from '../../data/store.ts'
import { pgliteDirFor } from '../../data/paths.ts'
import { loadPublicData, PUBLIC_DATA_DIR } from '../../services/registerService.ts'
import { riskService } from '../../services/riskService.ts'
import { cubeFilePath, readCubeFile } from '../../services/risk/cubeFile.ts'
import { CUBE_READER, cubeOf } from '../../services/risk/cube.ts'

/**
 * `sightline risk estimate` answers from the risk figures kept beside a PGlite store (cubeFile.ts) once the store has
 * been read, without opening it: the same answer as from the store, never an answer from data that has since changed.
 */
const sightline = cliInProcess()

/** Birmingham's mid-2013 child population (used for the year ending March 2014) changed in a copy of the public data. */
function publicDataWithBirminghamPopulation(population: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-public-'))
  fs.cpSync(PUBLIC_DATA_DIR, dir, { recursive: true })
  const file = path.join(dir, 'ons_mid-year_population_estimates_2012_to_2024.csv')
  const lines = fs.readFileSync(file, 'utf8').split('\n')
  const i = lines.findIndex((l) => l.startsWith('2013,') && l.includes(',330,E08000025,'))
  assert.ok(i > 0, 'Birmingham 2013 is in the population file')
  lines[i] = lines[i].replace(/,\d+$/, `,${population}`)
  fs.writeFileSync(file, lines.join('\n'))
  return dir
}

const referralRate = (out: string) =>
  (JSON.parse(out) as { measures: Array<{ measure: string; rate: number | null }> }).measures.find(
    (m) => m.measure === 'referrals',
  )!.rate

describe('sightline risk estimate and the kept risk figures', () => {
  const dirs: string[] = []
  let dataDir: string
  let pgliteDir: string

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-risk-cli-'))
    dirs.push(dataDir)
    pgliteDir = path.resolve(pgliteDirFor(dataDir))
    // The public data as a first load leaves it: a copy of the run's prepared store without its set-up row.
    copyDir(await publicDataDir(), pgliteDir)
    const store = await openStore({ pgliteDir })
    await forgetPreparedSetUp(store)
    await store.close()
  })
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
  })

  it('keeps the figures on its first run and gives the same answer from them without opening the store', async () => {
    assert.equal(fs.existsSync(cubeFilePath(pgliteDir)), false)
    const first = await sightline(dataDir, 'risk', 'estimate', '--la', '330', '--year', '2014', '--json')
    assert.equal(first.code, 0, first.stderr)
    assert.ok(fs.existsSync(cubeFilePath(pgliteDir)), 'the figures are kept')
    // The store cannot be opened now (its control file is away): an answer can only come from the kept figures.
    const control = path.join(pgliteDir, 'global', 'pg_control')
    fs.renameSync(control, `${control}.away`)
    try {
      const second = await sightline(dataDir, 'risk', 'estimate', '--la', '330', '--year', '2014', '--json')
      assert.equal(second.code, 0, second.stderr)
      assert.deepEqual(JSON.parse(second.stdout), JSON.parse(first.stdout))
      const byOns = await sightline(dataDir, 'risk', 'estimate', '--la', 'e08000025', '--year', '2014', '--json')
      assert.deepEqual(JSON.parse(byOns.stdout), JSON.parse(first.stdout), 'found by its ONS code')
      const unknown = await sightline(dataDir, 'risk', 'estimate', '--la', '999', '--year', '2014')
      assert.equal(unknown.code, 2)
      assert.match(unknown.stderr, /--la: There is no local authority with the code 999/)
    } finally {
      fs.renameSync(`${control}.away`, control)
    }
  })

  it('answers from the new data after a load, which removes the kept figures first', async () => {
    const before = await sightline(dataDir, 'risk', 'estimate', '--la', '330', '--year', '2014', '--json')
    const rateBefore = referralRate(before.stdout)!
    const keptVersion = readCubeFile(pgliteDir, CUBE_READER)!.version
    const publicDir = publicDataWithBirminghamPopulation(1_000_000)
    dirs.push(publicDir)
    const store = await openStore({ pgliteDir })
    try {
      const loaded = await loadPublicData(store, { dir: publicDir })
      assert.deepEqual(
        loaded.filter((r) => r.status === 'loaded').map((r) => r.dataset),
        ['child-population'],
      )
    } finally {
      await store.close()
    }
    assert.equal(fs.existsSync(cubeFilePath(pgliteDir)), false, 'the load removed the kept figures')
    const after = await sightline(dataDir, 'risk', 'estimate', '--la', '330', '--year', '2014', '--json')
    assert.equal(after.code, 0, after.stderr)
    const referrals = (
      JSON.parse(after.stdout) as { measures: Array<{ measure: string; count: number }> }
    ).measures.find((m) => m.measure === 'referrals')!
    // The rate per 10,000 children from the changed population, worked out here from the count printed.
    assert.ok(Math.abs(referralRate(after.stdout)! - (referrals.count / 1_000_000) * 10_000) < 1e-6)
    assert.notEqual(referralRate(after.stdout), rateBefore)
    assert.notEqual(readCubeFile(pgliteDir, CUBE_READER)!.version, keptVersion, 'kept again under the new version')
  })

  it('sightline data load keeps the figures of the data it loaded', async () => {
    const publicDir = publicDataWithBirminghamPopulation(2_000_000)
    dirs.push(publicDir)
    fs.rmSync(cubeFilePath(pgliteDir), { force: true })
    const r = await sightline(dataDir, 'data', 'load', '--dir', publicDir, '--json')
    assert.equal(r.code, 0, r.stderr)
    const kept = readCubeFile(pgliteDir, CUBE_READER)
    assert.ok(kept, 'kept by the load')
    assert.equal(cubeOf(kept.inputs, kept.version).pop('330', 2014), 2_000_000)
  })

  it("ignores figures kept for another data directory or another reader, and keeps none during a first start's set-up", async () => {
    assert.ok(readCubeFile(pgliteDir, CUBE_READER))
    assert.equal(readCubeFile(pgliteDir, `${CUBE_READER} changed`), undefined, 'another reader')
    // The data directory made again (as a first start set up again does): the file beside it is not its own.
    const kept = fs.readFileSync(cubeFilePath(pgliteDir))
    fs.cpSync(pgliteDir, `${pgliteDir}.again`, { recursive: true })
    fs.rmSync(pgliteDir, { recursive: true })
    fs.renameSync(`${pgliteDir}.again`, pgliteDir)
    assert.deepEqual(fs.readFileSync(cubeFilePath(pgliteDir)), kept)
    assert.equal(readCubeFile(pgliteDir, CUBE_READER), undefined, 'not this directory')
    fs.rmSync(cubeFilePath(pgliteDir))

    const store = await openStore({ pgliteDir })
    try {
      await store.query(`INSERT INTO setup_progress (step, detail) VALUES ('set-up', '{"fresh": true}')`)
      await riskService(store).estimate({ la: '330', year: 2014 })
      assert.equal(fs.existsSync(cubeFilePath(pgliteDir)), false, 'nothing kept while set-up is unfinished')
      await store.query(`UPDATE setup_progress SET finished_at = now() WHERE step = 'set-up'`)
      await riskService(store).estimate({ la: '330', year: 2014 })
      assert.ok(readCubeFile(pgliteDir, CUBE_READER), 'kept once set-up is finished')
    } finally {
      await store.close()
    }
  })
})
