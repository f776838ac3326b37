import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { lockDataDir } from '../../data/dataDirLock.ts'
import { migrate } from '../../data/migrate.ts'
import { openStore } from '../../data/store.ts'
import { loadPublicData, PUBLIC_DATA_DIR } from '../registerService.ts'
import { setUpState } from '../setupProgress.ts'
import {
  copyPreparedStore,
  makePreparedStore,
  preparedLoadResults,
  preparedStoreKey,
  preparedStorePath,
} from './preparedStore.ts'
import { sha256Of } from './loadHelpers.ts'

/**
 * The prepared store made by `npm install` (PGlite only, whatever store the suite runs on): what a first start copies in
 * must be the repository's public data as a load at start records it, and a changed data file must never be served
 * from a store prepared from the old one.
 */
describe('prepared store', () => {
  let cacheDir: string
  let work: string
  let prepared: string

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-prepared-'))
    cacheDir = path.join(work, 'cache')
    fs.mkdirSync(path.join(cacheDir, 'pglite-prepared-0123456789abcdef01234567'), { recursive: true })
    fs.writeFileSync(path.join(cacheDir, 'prepared-load-0123456789abcdef01234567.json'), '[]')
    // Left by a preparation that was stopped: a process id that cannot be running (above the kernel's maximum).
    fs.mkdirSync(path.join(cacheDir, 'pglite-prepared-0123456789abcdef01234567.partial-99999999'))
    prepared = await makePreparedStore({ cacheDir })
  })
  after(() => fs.rmSync(work, { recursive: true, force: true }))

  it('is named by the current key and replaces prepared stores of other keys and stopped preparations', () => {
    assert.equal(prepared, preparedStorePath(preparedStoreKey(), cacheDir))
    assert.deepEqual(
      fs.readdirSync(cacheDir).filter((f) => f.startsWith('pglite-prepared-')),
      [path.basename(prepared)],
    )
    assert.deepEqual(
      fs.readdirSync(cacheDir).filter((f) => f.startsWith('prepared-load-')),
      [`prepared-load-${preparedStoreKey()}.json`],
    )
  })

  it('gives a new data directory every migration and the public data, each file recorded by its checksum', async () => {
    const pgliteDir = path.join(work, 'data-a', 'pglite')
    assert.equal(copyPreparedStore(pgliteDir, { cacheDir }), true)
    const store = await openStore({ pgliteDir })
    try {
      assert.deepEqual(await migrate(store), [], 'no migration left to apply')
      const again = await loadPublicData(store)
      assert.ok(again.length > 5)
      assert.deepEqual(
        again.filter((r) => r.status !== 'unchanged').map((r) => r.dataset),
        [],
        'every dataset is as the files are',
      )
      // Provenance, checked against the files themselves: the one-file datasets' checksums are the files' SHA-256.
      const rows = await store.query<{ name: string; sha256: string; rows: number }>(
        'SELECT name, sha256, rows FROM dataset',
      )
      const population = rows.find((r) => r.name === 'child-population')!
      const file = fs.readFileSync(path.join(PUBLIC_DATA_DIR, 'ons_mid-year_population_estimates_2012_to_2024.csv'))
      assert.equal(population.sha256, sha256Of(file))
      const [{ n }] = await store.query<{ n: number }>('SELECT count(*) AS n FROM child_population')
      assert.equal(n, population.rows)
      assert.ok(n > 1000, `${n} population rows`)
      const audited = await store.query<{ n: number }>(
        `SELECT count(*) AS n FROM audit_event WHERE action = 'data.load'`,
      )
      assert.equal(audited[0].n, rows.length, 'each dataset load is in the audit trail')
      // Beside it, what that load returned (the test suite's first-load checks read it): every dataset loaded, as the
      // dataset table records them.
      const load = preparedLoadResults(prepared)!
      assert.deepEqual(load.map((r) => r.dataset).sort(), rows.map((r) => r.name).sort())
      assert.ok(load.every((r) => r.status === 'loaded'))
      assert.equal(load.find((r) => r.dataset === 'child-population')!.rows, population.rows)
      // Its own set-up row: begun, not finished, so a start killed right after copying it in is set up again.
      assert.deepEqual(await setUpState(store), { finished: false, fresh: true, demo: false })
    } finally {
      await store.close()
    }
    assert.equal(fs.readdirSync(path.dirname(pgliteDir)).filter((f) => f.includes('.partial-')).length, 0)
  })

  it('is not used when a data file differs from the one it was prepared from', () => {
    const publicDir = path.join(work, 'public')
    fs.cpSync(PUBLIC_DATA_DIR, publicDir, { recursive: true })
    assert.equal(preparedStoreKey(publicDir), preparedStoreKey(), 'same files, same key')
    const file = path.join(publicDir, 'ons_mid-year_population_estimates_2012_to_2024.csv')
    fs.appendFileSync(file, '\n')
    assert.notEqual(preparedStoreKey(publicDir), preparedStoreKey())
    const pgliteDir = path.join(work, 'data-b', 'pglite')
    assert.equal(copyPreparedStore(pgliteDir, { cacheDir, publicDir }), false)
    assert.equal(fs.existsSync(pgliteDir), false, 'nothing copied')
  })

  it('never copies over a data directory that exists, nor into one another process holds', () => {
    const pgliteDir = path.join(work, 'data-c', 'pglite')
    fs.mkdirSync(pgliteDir, { recursive: true })
    assert.equal(copyPreparedStore(pgliteDir, { cacheDir }), false)
    assert.deepEqual(fs.readdirSync(pgliteDir), [])
    const held = path.join(work, 'data-d', 'pglite')
    const release = lockDataDir(path.resolve(held), 'a test holding the lock')
    try {
      assert.throws(() => copyPreparedStore(held, { cacheDir }), /a test holding the lock/)
      assert.equal(fs.existsSync(held), false)
    } finally {
      release()
    }
  })
})
