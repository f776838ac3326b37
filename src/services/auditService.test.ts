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

for (const s of storesUnderTest()) {
  describe(`audit checkpoints: a view checks what is new, the full check everything (${s.name})`, () => {
    let store: Store
    let audit: ReturnType<typeof auditService>
    const anchorFile = path.join(dir, `${s.name}-checkpoint-anchors.jsonl`)
    const record = async (n: number) => {
      for (let i = 0; i < n; i++) await audit.record({ actor: SYSTEM_ACTOR, action: 'test.event', subjectId: i })
    }
    const newestId = async () => (await audit.list({ limit: 1 }))[0].id
    /** What an owner of the database can do: switch the append-only triggers off. */
    const asOwner = async (sql: string) => {
      await store.exec(
        'ALTER TABLE audit_event DISABLE TRIGGER USER; ALTER TABLE audit_checkpoint DISABLE TRIGGER USER',
      )
      await store.exec(sql)
      await store.exec('ALTER TABLE audit_event ENABLE TRIGGER USER; ALTER TABLE audit_checkpoint ENABLE TRIGGER USER')
    }
    /** A new trail of n events, no checkpoints, no anchors. */
    const fresh = async (n: number) => {
      await asOwner('DELETE FROM audit_event; DELETE FROM audit_checkpoint')
      fs.rmSync(anchorFile, { force: true })
      await record(n)
    }
    before(async () => {
      store = await s.open()
      audit = auditService(store, { anchorFile, recentCap: 5 })
    })
    after(() => store?.close())

    it('checks only the events since the last checkpoint, a backlog a few a view, and says how far', async () => {
      await fresh(3)
      let view = await audit.checkRecent()
      await assert.rejects(store.query('DELETE FROM audit_checkpoint'), /audit_checkpoint is append-only/)
      assert.deepEqual([view.from, view.checked, view.eventCount, view.more], [undefined, 3, 3, false])
      const through = view.throughId
      view = await audit.checkRecent()
      assert.deepEqual([view.from?.lastId, view.checked, view.eventCount], [through, 0, 3])
      await record(12)
      const views = [await audit.checkRecent(), await audit.checkRecent(), await audit.checkRecent()]
      assert.deepEqual(
        views.map((v) => [v.checked, v.eventCount, v.more]),
        [
          [5, 8, true],
          [5, 13, true],
          [2, 15, false],
        ],
      )
      assert.equal(views[2].throughId, await newestId())
      assert.equal(views[2].lastFull, undefined, 'no full check has run')
    })

    it('a change to an event after the checkpoint is caught by the next view, which keeps saying so', async () => {
      await fresh(4)
      await audit.checkRecent()
      await record(3)
      const changed = (await newestId()) - 1
      await asOwner(`UPDATE audit_event SET actor_name = 'mallory' WHERE id = ${changed}`)
      for (let i = 0; i < 2; i++) {
        const view = await audit.checkRecent()
        assert.equal(view.break?.id, changed)
        assert.match(view.break!.reason, /its content does not match its hash/)
      }
    })

    it('a change to an event before the checkpoint is not seen by a view but by the full check, then shown', async () => {
      await fresh(6)
      assert.deepEqual(await audit.verify(), { checked: 6, anchors: 0 })
      const first = (await audit.list({ limit: 10 })).at(-1)!.id
      await asOwner(`UPDATE audit_event SET actor_name = 'mallory' WHERE id = ${first + 2}`)
      let view = await audit.checkRecent()
      assert.equal(view.break, undefined, 'a view does not look back past the checkpoint')
      assert.equal(view.from?.kind, 'full')
      const full = await audit.verify()
      assert.equal(full.break?.id, first + 2)
      assert.equal(full.checked, 3)
      view = await audit.checkRecent()
      assert.equal(view.lastFull?.break?.id, first + 2, 'the page shows the failed full check')
      assert.match(view.lastFull!.break!.reason, /its content does not match its hash/)
    })

    it('a chain rewritten before the checkpoint, every later hash recomputed, is caught by the view', async () => {
      await fresh(5)
      const view = await audit.checkRecent()
      const rows = (await audit.list({ limit: 100 })).reverse()
      await asOwner(`UPDATE audit_event SET actor_name = 'mallory' WHERE id = ${rows[1].id}`)
      let prev = GENESIS_HASH
      for (const { id, prevHash: _p, hash: _h, ...fields } of rows) {
        const hash = auditHash(prev, id === rows[1].id ? { ...fields, actorName: 'mallory' } : fields)
        await asOwner(`UPDATE audit_event SET prev_hash = '${prev}', hash = '${hash}' WHERE id = ${id}`)
        prev = hash
      }
      const after = await audit.checkRecent()
      assert.equal(after.break?.id, view.throughId)
      assert.match(after.break!.reason, /its hash differs from the one verified at .+ \(the trail was rewritten\)/)
    })

    it('checks the newest anchor: events deleted after it show in a view, and a bad last line', async () => {
      await fresh(3)
      const first = (await audit.anchor())!
      let view = await audit.checkRecent()
      assert.deepEqual(view.anchor, { at: first.at, lastId: first.lastId, count: 3, status: 'agrees' })
      await record(3)
      const anchor = (await audit.anchor())!
      await asOwner(`DELETE FROM audit_event WHERE id = ${anchor.lastId}`)
      view = await audit.checkRecent()
      assert.equal(view.break?.id, anchor.lastId)
      assert.match(view.break!.reason, /it is missing: the trail was anchored at .+ with 6 events ending with it/)
      fs.appendFileSync(anchorFile, '{"not": "an anchor"}\n')
      assert.match((await audit.checkRecent()).break?.reason ?? '', /the last line of the anchor file is not an anchor/)
    })
  })
}
