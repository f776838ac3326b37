import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Store } from '../data/store.ts'
import { storesUnderTest } from '../../test/support/stores.ts'
import { auditGroupCommit } from './auditGroupCommit.ts'
import { auditService, SYSTEM_ACTOR } from './auditService.ts'

for (const s of storesUnderTest()) {
  describe(`audit events recorded together (group commit, ${s.name})`, () => {
    let store: Store
    let transactions = 0
    /** The store, counting the transactions begun on it. */
    let counted: Store
    before(async () => {
      store = await s.open()
      const db = store.db
      counted = {
        ...store,
        db: new Proxy(db, {
          get(target, key) {
            if (key === 'transaction') {
              return (fn: Parameters<typeof db.transaction>[0]) => {
                transactions++
                return target.transaction(fn)
              }
            }
            const v = Reflect.get(target, key) as unknown
            return typeof v === 'function' ? v.bind(target) : v
          },
        }),
      } as Store
    })
    after(() => store?.close())

    const subjects = async () =>
      (
        await store.query<{ subject_id: string }>(
          `SELECT subject_id FROM audit_event WHERE action = 'view.test' ORDER BY id`,
        )
      ).map((r) => r.subject_id)

    it('stores every event of many arriving together, in the order they came, in fewer transactions, chain intact', async () => {
      const record = auditGroupCommit(counted)
      transactions = 0
      await Promise.all(
        Array.from({ length: 40 }, (_v, i) => record({ actor: SYSTEM_ACTOR, action: 'view.test', subjectId: i })),
      )
      assert.deepEqual(
        await subjects(),
        Array.from({ length: 40 }, (_v, i) => String(i)),
      )
      assert.ok(transactions < 40 && transactions >= 1, `${transactions} transactions for 40 events`)
      assert.deepEqual(await auditService(store).verify(), { checked: 40, anchors: 0 })
    })

    it('refuses an event that cannot be stored on its own, and stores those arriving with it', async () => {
      const record = auditGroupCommit(store)
      const circular: Record<string, unknown> = {}
      circular.self = circular
      const results = await Promise.allSettled([
        record({ actor: SYSTEM_ACTOR, action: 'view.test', subjectId: 'a' }),
        record({ actor: SYSTEM_ACTOR, action: 'view.test', subjectId: 'bad', after: circular }),
        record({ actor: SYSTEM_ACTOR, action: 'view.test', subjectId: 'b' }),
      ])
      assert.deepEqual(
        results.map((r) => r.status),
        ['fulfilled', 'rejected', 'fulfilled'],
      )
      assert.deepEqual((await subjects()).slice(-2), ['a', 'b'])
    })

    it('fails every call of a write that failed, stores nothing of it, and writes later calls', async () => {
      let failing = true
      const flaky = {
        ...store,
        db: new Proxy(store.db, {
          get(target, key) {
            if (key === 'transaction' && failing) return async () => Promise.reject(new Error('store went away'))
            const v = Reflect.get(target, key) as unknown
            return typeof v === 'function' ? v.bind(target) : v
          },
        }),
      } as Store
      const record = auditGroupCommit(flaky)
      const before = (await subjects()).length
      const failed = await Promise.allSettled(
        ['x', 'y'].map((id) => record({ actor: SYSTEM_ACTOR, action: 'view.test', subjectId: id })),
      )
      assert.deepEqual(
        failed.map((r) => r.status),
        ['rejected', 'rejected'],
      )
      assert.equal((await subjects()).length, before)
      failing = false
      await record({ actor: SYSTEM_ACTOR, action: 'view.test', subjectId: 'z' })
      assert.deepEqual((await subjects()).slice(before), ['z'])
      assert.equal((await auditService(store).verify()).break, undefined)
    })
  })
}
