import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, it } from 'node:test'
import pg from 'pg'
import { migrate } from '../../src/data/migrate.ts'
import { openStore, pgliteDirFor, type Store } from '../../src/data/store.ts'
import { auditService } from '../../src/services/auditService.ts'
import { findPgBin } from '../../scripts/faults/postgres.ts'
import { schemaPgliteDir } from '../support/snapshots.ts'

/**
 * Backup and restore as the README's "Operations" section tells an operator to do it: PGlite, a copy of the stopped
 * data directory (the store and the audit anchors together); PostgreSQL, pg_dump -Fc and pg_restore. After a restore
 * the store holds what it held at the backup and `audit verify` passes.
 */
const actor = { id: null, name: 'backup-test', role: null }
const record = (store: Store, anchorFile: string, n: number, from = 0) =>
  (async () => {
    const audit = auditService(store, { anchorFile })
    for (let i = from; i < from + n; i++)
      await audit.record({ actor, action: 'test.event', subjectType: 'test', subjectId: i, after: { i } })
    await audit.anchor()
  })()
const count = async (store: Store) =>
  Number((await store.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_event'))[0].n)

describe('backup and restore', () => {
  it('PGlite: a copy of the stopped data directory brings back the store and its anchors; audit verify passes', async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-backup-'))
    const dataDir = path.join(base, 'data')
    const backup = path.join(base, 'backup')
    const anchors = path.join(dataDir, 'audit-anchors.jsonl')
    const open = () => openStore({ pgliteDir: pgliteDirFor(dataDir) })
    try {
      // A data directory at the current schema, restored from the run's snapshot (a new one would run initdb and every
      // migration: about 4 CPU s more, and not what this test is about).
      let store = await schemaPgliteDir(dataDir)
      await record(store, anchors, 5)
      await store.close()
      fs.cpSync(dataDir, backup, { recursive: true }) // the backup: server stopped, whole directory

      store = await open()
      await record(store, anchors, 3, 5) // work after the backup, then the data directory is lost
      await store.close()
      const laterAnchors = path.join(base, 'anchors-after-backup.jsonl')
      fs.copyFileSync(anchors, laterAnchors)
      fs.rmSync(dataDir, { recursive: true, force: true })

      fs.cpSync(backup, dataDir, { recursive: true }) // the restore
      store = await open()
      try {
        assert.equal(await count(store), 5, 'the store is as it was at the backup')
        const verdict = await auditService(store, { anchorFile: anchors }).verify()
        assert.equal(verdict.break, undefined, JSON.stringify(verdict.break))
        assert.deepEqual([verdict.checked, verdict.anchors], [5, 1])
        // Anchors written after the backup describe events the restored store does not have: verify says so, which
        // is why the anchors file is restored with the store (and the later one kept aside, as a record).
        const stale = await auditService(store, { anchorFile: laterAnchors }).verify()
        assert.ok(stale.break, 'anchors newer than the restored store are reported')
      } finally {
        await store.close()
      }
    } finally {
      fs.rmSync(base, { recursive: true, force: true })
    }
  })

  const adminUrl = process.env.TEST_DATABASE_URL
  const pgDump = findPgBin('pg_dump')
  const pgRestore = findPgBin('pg_restore')
  if (adminUrl && pgDump && pgRestore)
    it('PostgreSQL: pg_dump -Fc then pg_restore into a new database; audit verify passes and stays append-only', async () => {
      const admin = new pg.Client({ connectionString: adminUrl })
      await admin.connect()
      const dbUrl = (name: string) => Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString()
      const source = `b_${crypto.randomBytes(5).toString('hex')}`
      const target = `r_${crypto.randomBytes(5).toString('hex')}`
      const base = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-pgbackup-'))
      const anchors = path.join(base, 'audit-anchors.jsonl')
      const dump = path.join(base, 'sightline.dump')
      try {
        await admin.query(`CREATE DATABASE ${source}`)
        let store = await openStore({ databaseUrl: dbUrl(source) })
        await migrate(store)
        await record(store, anchors, 7)
        const tables = await store.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`,
        )
        await store.close()

        execFileSync(pgDump, ['--format=custom', '--file', dump, dbUrl(source)], { stdio: 'pipe' })
        await admin.query(`CREATE DATABASE ${target}`)
        execFileSync(pgRestore, ['--no-owner', '--exit-on-error', '--dbname', dbUrl(target), dump], { stdio: 'pipe' })

        store = await openStore({ databaseUrl: dbUrl(target) })
        try {
          assert.equal(await count(store), 7)
          const restoredTables = await store.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`,
          )
          assert.equal(restoredTables[0].n, tables[0].n, 'every table restored')
          const verdict = await auditService(store, { anchorFile: anchors }).verify()
          assert.equal(verdict.break, undefined, JSON.stringify(verdict.break))
          assert.deepEqual([verdict.checked, verdict.anchors], [7, 1])
          await assert.rejects(store.query(`DELETE FROM audit_event WHERE id = 1`), /append-only/)
          await migrate(store) // a restored database is at the current schema: nothing to do, nothing refused
        } finally {
          await store.close()
        }
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${source}`)
        await admin.query(`DROP DATABASE IF EXISTS ${target}`)
        await admin.end()
        fs.rmSync(base, { recursive: true, force: true })
      }
    })
})
