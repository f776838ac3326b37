import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { cliInProcess, cliRunner } from '../../../test/support/cli.ts'
import { schemaPgliteDir } from '../../../test/support/snapshots.ts'

/** A real process where its exit code is the point; the CLI's main() in this process for the rest. */
const sightlineProcess = cliRunner(120_000)
const sightline = cliInProcess()

describe('sightline data and la commands', () => {
  const dirs: string[] = []
  let seeded: string

  before(async () => {
    // A register holding one LA (the full load is exercised in src/services/registerService.test.ts).
    seeded = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-cli-'))
    dirs.push(seeded)
    const store = await schemaPgliteDir(seeded)
    await store.query(
      `INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current) VALUES ('330', 'E08000025', 'Birmingham', 'West Midlands', 'Metropolitan District', true)`,
    )
    await store.query(`INSERT INTO dataset (name, file, sha256, rows) VALUES ('local-authorities', 'x.csv', 'test', 1)`)
    await store.close()
  })
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
  })

  it('la show with an unknown code says so and exits 2', () => {
    const r = sightlineProcess(seeded, 'la', 'show', '999', '--json')
    assert.equal(r.code, 2, r.stderr)
    assert.match(r.stderr, /no local authority with the code 999/)
    assert.equal(r.stdout, '')
  })

  it('la show finds an LA by its ONS code and prints JSON', async () => {
    const r = await sightline(seeded, 'la', 'show', 'e08000025', '--json')
    assert.equal(r.code, 0, r.stderr)
    const record = JSON.parse(r.stdout)
    assert.equal(record.laCode, '330')
    assert.equal(record.name, 'Birmingham')
    assert.deepEqual(record.inspections, [])
  })

  it('la show on an empty register tells the user to load the data', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-cli-'))
    dirs.push(empty)
    const r = await sightline(empty, 'la', 'show', '330')
    assert.equal(r.code, 1)
    assert.match(r.stderr, /register is empty: run `sightline data load`/)
  })

  it('data load from a folder without the files names the missing file and exits 1', async () => {
    const r = await sightline(seeded, 'data', 'load', '--dir', path.join(seeded, 'nowhere'))
    assert.equal(r.code, 1)
    assert.match(r.stderr, /Provider_data_lookup\.csv.*file not found/)
    const status = JSON.parse((await sightline(seeded, 'data', 'status', '--json')).stdout)
    assert.deepEqual(
      status.map((d: { name: string; rows: number }) => [d.name, d.rows]),
      [['local-authorities', 1]],
    )
  })
})
