import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'drizzle-orm'
import { openStore, type Store } from './store.ts'
import type { Worker } from 'node:worker_threads'
import { PgliteWorker } from './pgliteWorker.ts'
import { schemaPglite, schemaSnapshot } from '../../test/support/snapshots.ts'

/** Three 10 ms timer ticks: they can only all fire while the event loop is free. */
async function threeTicks() {
  for (let i = 0; i < 3; i++) await sleep(10)
  return 'ticks' as const
}

describe('PGlite in a worker thread (store.ts default)', () => {
  let store: Store
  before(async () => {
    store = await schemaPglite()
    await store.exec(`CREATE TABLE w (id int PRIMARY KEY, n numeric, d date, at timestamptz, c bigint, b bytea)`)
  })
  after(() => store.close())

  it('keeps the event loop ticking while a long query runs; in process the query blocks it', async () => {
    const first = await Promise.race([store.query('SELECT pg_sleep(2)').then(() => 'query' as const), threeTicks()])
    assert.equal(first, 'ticks', 'timers fired while the worker ran a two-second query')
    const inline = await schemaPglite({ inline: true })
    try {
      const blocked = await Promise.race([
        inline.query('SELECT pg_sleep(0.5)').then(() => 'query' as const),
        threeTicks(),
      ])
      assert.equal(blocked, 'query', 'in process, no timer fires until the query ends')
    } finally {
      await inline.close()
    }
  })

  it('gives the same values as PostgreSQL through raw SQL, COPY and Drizzle (numbers, date text, bytea)', async () => {
    await store.copyCsv('w', ['id', 'n', 'd', 'at', 'c'], '1,2.5,2024-01-02,2024-01-02 10:00:00+00,7\n2,,,,\n')
    await store.query(`UPDATE w SET b = $1 WHERE id = 1`, [Buffer.from([1, 2, 255])])
    const rows = await store.query<Record<string, unknown>>('SELECT id, n, d, c, b FROM w ORDER BY id')
    assert.deepEqual(rows[0].n, 2.5)
    assert.equal(rows[0].d, '2024-01-02')
    assert.equal(rows[0].c, 7)
    assert.deepEqual([...(rows[0].b as Uint8Array)], [1, 2, 255])
    assert.deepEqual(rows[1], { id: 2, n: null, d: null, c: null, b: null })
    // Drizzle's own parsers (timestamps as text) are applied on this side of the thread.
    const viaDrizzle = (await store.db.execute(sql`SELECT at, count(*) OVER () AS total FROM w WHERE id = 1`)) as {
      rows: unknown[]
    }
    assert.deepEqual(viaDrizzle.rows, [{ at: '2024-01-02 10:00:00+00', total: 1 }])
  })

  it("keeps PostgreSQL's error fields (a unique violation's code and constraint) and the caller's stack", async () => {
    await assert.rejects(
      store.query(`INSERT INTO w (id) VALUES (1)`),
      (err: Error & { code?: string; constraint?: string; detail?: string }) =>
        err.code === '23505' &&
        err.constraint === 'w_pkey' &&
        err.detail === 'Key (id)=(1) already exists.' &&
        /pgliteWorker\.test\.ts/.test(err.stack ?? ''),
    )
  })

  it('transactions: commit, roll back when the callback throws, and hold other work until they end', async () => {
    let outside: Promise<unknown> | undefined
    let settledInside = false
    await store.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO w (id) VALUES (10)`)
      // Outside the transaction: it waits for the commit (PGlite has one connection), so it sees both rows.
      outside = store.query('SELECT count(*) AS c FROM w WHERE id >= 10').finally(() => (settledInside = true))
      await sleep(50)
      await tx.execute(sql`INSERT INTO w (id) VALUES (11)`)
      assert.equal(settledInside, false, 'the outside query waited')
    })
    assert.deepEqual(await outside, [{ c: 2 }])
    await assert.rejects(
      store.rawTransaction(async (q) => {
        await q.copyCsv('w', ['id'], '20\n21\n')
        assert.deepEqual(await q.query('SELECT count(*) AS c FROM w WHERE id >= 20'), [{ c: 2 }])
        throw new Error('changed my mind')
      }),
      /changed my mind/,
    )
    assert.deepEqual(await store.query('SELECT count(*) AS c FROM w WHERE id >= 20'), [{ c: 0 }], 'rolled back')
    // A failed statement inside a transaction fails its COMMIT too, and nothing of it stays.
    await assert.rejects(
      store.db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO w (id) VALUES (30)`)
        await tx.execute(sql`INSERT INTO w (id) VALUES (30)`)
      }),
      (err: Error & { cause?: { code?: string } }) => err.cause?.code === '23505',
    )
    assert.deepEqual(await store.query('SELECT count(*) AS c FROM w WHERE id = 30'), [{ c: 0 }])
  })

  it('a snapshot (dumpDataDir) opens as an independent store; a closed store refuses further work', async () => {
    const copy = await openStore({ loadDataDir: await store.dumpDataDir!() })
    try {
      await copy.query(`INSERT INTO w (id) VALUES (100)`)
      assert.deepEqual(await copy.query('SELECT count(*) AS c FROM w WHERE id = 100'), [{ c: 1 }])
      assert.deepEqual(await store.query('SELECT count(*) AS c FROM w WHERE id = 100'), [{ c: 0 }])
    } finally {
      await copy.close()
    }
    await assert.rejects(copy.query('SELECT 1'), /closed/)
  })

  it('a worker that dies refuses what was waiting and everything after, with a plain message', async () => {
    const client = await PgliteWorker.open({ loadDataDir: await schemaSnapshot() })
    const waiting = client.query('SELECT pg_sleep(30)')
    await sleep(100)
    await (client as unknown as { worker: Worker }).worker.terminate()
    await assert.rejects(waiting, /The embedded database stopped unexpectedly/)
    await assert.rejects(client.query('SELECT 1'), /The embedded database stopped unexpectedly/)
    await client.close()
  })
})
