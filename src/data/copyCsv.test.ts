import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import type { Store } from './store.ts'
import { toCopyCsv } from '../engine/csv.ts'
import { storesUnderTest } from '../../test/support/stores.ts'

/**
 * Store.copyCsv is the bulk load under the public data and the audit-growth fixtures: PGlite copies from a blob,
 * PostgreSQL runs COPY ... FROM STDIN. Both read the same CSV the same way: quotes, commas and line breaks inside a
 * quoted field, an unquoted empty field as NULL and a quoted one as the empty string; a bad row loads nothing.
 */
for (const s of storesUnderTest()) {
  describe(`copyCsv (${s.name})`, () => {
    const opened: Store[] = []
    after(async () => {
      for (const st of opened) await st.close()
    })
    const fresh = async () => {
      const store = await s.open()
      opened.push(store)
      await store.exec('CREATE TABLE copy_probe (id integer PRIMARY KEY, label text, n numeric, d date)')
      return store
    }

    test('loads quoted text, NULLs and empty strings as PGlite and PostgreSQL read CSV', async () => {
      const store = await fresh()
      const rows = [
        { id: 1, label: 'plain', n: 2.5, d: '2014-03-31' },
        { id: 2, label: 'a "quoted", two-line\nvalue', n: null, d: null },
        { id: 3, label: '', n: 0, d: '2014-02-28' },
        { id: 4, label: null, n: -1, d: null },
      ]
      await store.copyCsv('copy_probe', ['id', 'label', 'n', 'd'], toCopyCsv(rows, ['id', 'label', 'n', 'd']))
      const got = await store.query<{ id: number; label: string | null; n: string | null; d: string | null }>(
        `SELECT id, label, n::text AS n, to_char(d, 'YYYY-MM-DD') AS d FROM copy_probe ORDER BY id`,
      )
      assert.deepEqual(got, [
        { id: 1, label: 'plain', n: '2.5', d: '2014-03-31' },
        { id: 2, label: 'a "quoted", two-line\nvalue', n: null, d: null },
        { id: 3, label: '', n: '0', d: '2014-02-28' },
        { id: 4, label: null, n: '-1', d: null },
      ])
    })

    test('a row that breaks a constraint loads nothing, and a transaction around it keeps what was there', async () => {
      const store = await fresh()
      await store.copyCsv('copy_probe', ['id', 'label'], '1,kept\n')
      await assert.rejects(store.copyCsv('copy_probe', ['id', 'label'], '2,new\n1,duplicate\n'))
      await assert.rejects(
        store.rawTransaction(async (q) => {
          await q.copyCsv('copy_probe', ['id', 'label'], '3,inside\n')
          await q.copyCsv('copy_probe', ['id', 'label'], 'not a number,x\n')
        }),
      )
      assert.deepEqual(await store.query('SELECT id, label FROM copy_probe ORDER BY id'), [{ id: 1, label: 'kept' }])
      // The pool is still usable after the failed COPYs (their connections were given back).
      await store.copyCsv('copy_probe', ['id', 'label'], '5,after\n')
      assert.equal((await store.query('SELECT count(*)::int AS n FROM copy_probe'))[0].n, 2)
    })
  })
}
