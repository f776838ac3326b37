import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Store } from '../store.ts'
import { storesUnderTest } from '../../../test/support/stores.ts'
import { addPlan, appendSyntheticAudit } from '../../../test/support/auditGrowth.ts'
import { auditEventsPage, type AuditCursor, type AuditFilter } from './auditRepository.ts'
import { planTimelinePage, type HistoryCursor } from './planRepository.ts'

type Page = { rows: Array<{ id: number }>; newerFrom?: number; olderFrom?: number }

/** Follows "older" links from the newest page to the last, then "newer" links back; every page's ids. */
async function walk(fetch: (cursor: AuditCursor | HistoryCursor) => Promise<Page>) {
  const older: number[][] = []
  let page = await fetch({})
  assert.equal(page.newerFrom, undefined, 'nothing is newer than the newest page')
  older.push(page.rows.map((r) => r.id))
  while (page.olderFrom !== undefined) {
    page = await fetch({ before: page.olderFrom })
    older.push(page.rows.map((r) => r.id))
  }
  const newer: number[][] = []
  while (page.newerFrom !== undefined) {
    page = await fetch({ after: page.newerFrom })
    newer.push(page.rows.map((r) => r.id))
  }
  return { older, newer }
}

for (const s of storesUnderTest()) {
  describe(`keyset pages of the audit trail and a plan's timeline (${s.name})`, () => {
    let store: Store
    before(async () => {
      store = await s.open()
      await appendSyntheticAudit(store, 130)
    })
    after(() => store?.close())

    it('pages the trail newest first, 50 a page, each event once, and back again by the newer links', async () => {
      const all = (await store.query<{ id: number }>('SELECT id FROM audit_event ORDER BY id DESC')).map((r) => r.id)
      const { older, newer } = await walk((c) => auditEventsPage(store.db, {}, c, 50))
      assert.deepEqual(
        older.map((p) => p.length),
        [50, 50, 30],
      )
      assert.deepEqual(older.flat(), all)
      assert.deepEqual(newer, [all.slice(50, 100), all.slice(0, 50)])
    })

    it('keeps a filter across pages: one LA, and an action prefix whose _ and % are plain characters', async () => {
      const filter: AuditFilter = { laCode: '330' }
      const la330 = (
        await store.query<{ id: number }>(`SELECT id FROM audit_event WHERE la_code = '330' ORDER BY id DESC`)
      ).map((r) => r.id)
      // One event in ten is Birmingham's (test/support/auditGrowth.ts): ids 10, 20, ..., 130.
      assert.equal(la330.length, 13)
      const { older } = await walk((c) => auditEventsPage(store.db, filter, c, 5))
      assert.deepEqual(
        older.map((p) => p.length),
        [5, 5, 3],
      )
      assert.deepEqual(older.flat(), la330)
      await store.query(
        `INSERT INTO audit_event (at, actor_name, action, prev_hash, hash) VALUES
          (now(), 'x', 'a_b.one', '-', '-'), (now(), 'x', 'axb.two', '-', '-'), (now(), 'x', 'a%c', '-', '-')`,
      )
      const actions = async (action: string) =>
        (await auditEventsPage(store.db, { action }, {}, 50)).rows.map((r) => r.action)
      assert.deepEqual(await actions('a_'), ['a_b.one'])
      assert.deepEqual(await actions('a%'), ['a%c'])
      assert.deepEqual(await actions('zz'), [])
    })

    it("pages a plan's history by time then id, rows sharing a time each once", async () => {
      const planId = await addPlan(store)
      // 120 rows, 7 to a minute, the newest ids the oldest times: the order is by time, then id.
      await store.query(
        `INSERT INTO plan_history (plan_id, la_code, subject_type, subject_id, version, action, actor_name, at)
         SELECT $1, '331', 'action', 1, g, 'update', 'x', timestamptz '2025-01-01 00:00Z' + ((120 - g) / 7) * interval '1 minute'
         FROM generate_series(1, 120) g`,
        [planId],
      )
      const expected = (
        await store.query<{ id: number }>('SELECT id FROM plan_history WHERE plan_id = $1 ORDER BY at DESC, id DESC', [
          planId,
        ])
      ).map((r) => r.id)
      const { older, newer } = await walk((c) => planTimelinePage(store.db, planId, c, 50))
      assert.deepEqual(older.flat(), expected)
      assert.deepEqual(
        older.map((p) => p.length),
        [50, 50, 20],
      )
      assert.deepEqual(newer, [expected.slice(50, 100), expected.slice(0, 50)])
    })
  })
}
