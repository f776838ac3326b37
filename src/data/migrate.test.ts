import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { migrate, migrationStatus } from './migrate.ts'
import { storesUnderTest } from '../../test/support/stores.ts'

for (const s of storesUnderTest()) {
  describe(`migrations on ${s.name}`, () => {
    it('applies every migration once and reports them applied', async () => {
      const store = await s.open()
      try {
        const status = await migrationStatus(store)
        assert.ok(status.length >= 1)
        assert.ok(status.every((m) => m.applied && !m.checksumMismatch))
        assert.deepEqual(await migrate(store), [], 'a second run applies nothing')
        const rows = await store.query<{ n: number }>('SELECT count(*) AS n FROM app_user')
        assert.equal(rows[0].n, 0, 'count(*) comes back as a number on both drivers')
      } finally {
        await store.close()
      }
    })
    it('returns DATE columns as ISO strings, unshifted by time zone', async () => {
      const store = await s.open()
      try {
        const rows = await store.query<{ d: string }>(`SELECT DATE '2014-05-23' AS d`)
        assert.equal(rows[0].d, '2014-05-23')
      } finally {
        await store.close()
      }
    })
  })
}
