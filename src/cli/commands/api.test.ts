import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { openStore, pgliteDirFor } from '../../data/store.ts'
import { cliInProcess, cliRunner } from '../../../test/support/cli.ts'
import { schemaPgliteDir } from '../../../test/support/snapshots.ts'

/** A real process where its exit code is the point; the CLI's main() in this process for the rest. */
const sightlineProcess = cliRunner(120_000)
const sightline = cliInProcess()

describe('sightline api clients add, list and revoke', () => {
  let dir: string
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-api-cli-'))
    const store = await schemaPgliteDir(dir)
    await store.query(`INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current) VALUES
      ('330', 'E08000025', 'Birmingham', 'West Midlands', 'Metropolitan District', true)`)
    await store.close()
  })
  after(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('registers a client for an LA, shows its secret once, lists it without secrets, revokes it', async () => {
    const added = await sightline(dir, 'api', 'clients', 'add', '--la', '330', '--name', 'Nightly feed', '--json')
    assert.equal(added.code, 0, added.stderr)
    const made = JSON.parse(added.stdout)
    assert.match(made.client_secret, /^sl_secret_/)
    assert.match(made.supplier_key, /^sl_supplier_/)
    assert.equal(made.children_path, '/api/children_social_care_data/330/children')

    const listed = await sightline(dir, 'api', 'clients', 'list', '--json')
    assert.equal(listed.code, 0, listed.stderr)
    assert.ok(!listed.stdout.includes(made.client_secret) && !listed.stdout.includes(made.supplier_key))
    const [row] = JSON.parse(listed.stdout)
    assert.deepEqual([row.clientId, row.laCode, row.name, row.revokedAt], [made.client_id, '330', 'Nightly feed', null])

    const store = await openStore({ pgliteDir: pgliteDirFor(dir) })
    const [hashes] = await store.query<{ secret_hash: string }>('SELECT secret_hash FROM api_client')
    await store.close()
    assert.equal(hashes.secret_hash, crypto.createHash('sha256').update(made.client_secret).digest('hex'))

    const revoked = await sightline(dir, 'api', 'clients', 'revoke', made.client_id)
    assert.equal(revoked.code, 0, revoked.stderr)
    assert.match(revoked.stdout, /Revoked .* \(LA 330\)/)
    const again = await sightline(dir, 'api', 'clients', 'revoke', made.client_id)
    assert.equal(again.code, 2)
    assert.match(again.stderr, /There is no live API client/)
  })

  it('refuses an LA code that is not 3 digits, or that the register does not hold', async () => {
    const bad = sightlineProcess(dir, 'api', 'clients', 'add', '--la', 'Birmingham')
    assert.equal(bad.code, 2)
    assert.match(bad.stderr, /--la must be the 3-digit LA code/)
    const unknown = await sightline(dir, 'api', 'clients', 'add', '--la', '999')
    assert.equal(unknown.code, 2)
    assert.match(unknown.stderr, /--la: There is no local authority with the code 999/)
  })
})
