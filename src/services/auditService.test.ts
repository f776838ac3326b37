import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Store } from '../data/store.ts'
import { auditHash, GENESIS_HASH } from '../engine/audit/hashChain.ts'
import { storesUnderTest } from '../../test/support/stores.ts'
import { auditService, SYSTEM_ACTOR } from './auditService.ts'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-audit-'))
after(() => fs.rmSync(dir, { recursive: true, force: true }))

for (const s of storesUnderTest()) {
  describe(`audit trail that cannot be quietly rewritten (${s.name})`, () => {
    let store: Store
    let audit: ReturnType<typeof auditService>
    const anchorFile = path.join(dir, `${s.name}-anchors.jsonl`)
    const record = async (n: number) => {
      for (let i = 0; i < n; i++) await audit.record({ actor: SYSTEM_ACTOR, action: 'test.event', subjectId: i })
    }
    /** What an owner of the database can do: switch the append-only triggers off. */
    const asOwner = async (sql: string) => {
      await store.exec('ALTER TABLE audit_event DISABLE TRIGGER USER')
      await store.exec(sql)
      await store.exec('ALTER TABLE audit_event ENABLE TRIGGER USER')
    }
    before(async () => {
      store = await s.open()
      audit = auditService(store, { anchorFile })
      await record(6)
    })
    after(() => store?.close())

    it('refuses the application an UPDATE, DELETE or TRUNCATE of audit events', async () => {
      for (const sql of [
        `UPDATE audit_event SET actor_name = 'mallory' WHERE id = 2`,
        'DELETE FROM audit_event WHERE id = 6',
        'TRUNCATE audit_event',
      ])
        await assert.rejects(store.query(sql), /audit_event is append-only/, sql)
      assert.deepEqual(await audit.verify(), { checked: 6, anchors: 0 })
    })

    it('anchors the head once per change, and a deletion of the newest events after it is caught', async () => {
      // Without an anchor the chain alone cannot see that its newest event went.
      await asOwner('DELETE FROM audit_event WHERE id = 6')
      assert.equal((await audit.verify()).break, undefined)
      await record(2)
      const anchor = await audit.anchor()
      assert.equal(anchor?.count, 7)
      assert.equal(await audit.anchor(), null, 'nothing new to anchor')
      assert.equal(fs.readFileSync(anchorFile, 'utf8').trim().split('\n').length, 1)
      await asOwner(`DELETE FROM audit_event WHERE id >= ${anchor!.lastId - 1}`)
      const result = await audit.verify()
      assert.equal(result.break?.id, anchor!.lastId)
      assert.match(result.break!.reason, /it is missing: the trail was anchored at .+ with 7 events ending with it/)
    })

    it('catches an event edited with every later hash recomputed', async () => {
      await asOwner('DELETE FROM audit_event')
      fs.rmSync(anchorFile, { force: true })
      await record(5)
      const anchor = (await audit.anchor())!
      await asOwner(`UPDATE audit_event SET actor_name = 'mallory' WHERE id = ${anchor.lastId - 3}`)
      const rows = (await audit.list({ limit: 100 })).reverse()
      let prev = GENESIS_HASH
      for (const { id, prevHash: _p, hash: _h, ...fields } of rows) {
        const hash = auditHash(prev, fields)
        await asOwner(`UPDATE audit_event SET prev_hash = '${prev}', hash = '${hash}' WHERE id = ${id}`)
        prev = hash
      }
      const result = await audit.verify()
      assert.equal(result.break?.id, anchor.lastId)
      assert.match(result.break!.reason, /its hash differs from the one anchored at .+ \(the trail was rewritten\)/)
    })

    it('says so when the anchor file holds a line that is not an anchor', async () => {
      fs.appendFileSync(anchorFile, 'not an anchor\n')
      const result = await audit.verify()
      assert.match(result.break?.reason ?? '', /the anchor file has lines that are not anchors \(lines 2\)/)
    })
  })
}
