import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { schemaPglite } from '../../test/support/snapshots.ts'

/**
 * PGlite opens with the smaller buffer cache (pgliteParams.mjs), in its worker thread and on this thread alike. The
 * parameters are given at every open (openStore), so a copy of the run's migrated store shows them as a new one would,
 * without a new cluster's initdb (2-3 CPU s each).
 */
describe('PGlite start parameters', () => {
  for (const inline of [false, true]) {
    it(`uses a 32 MB buffer cache and keeps PGlite's own parameters (${inline ? 'this thread' : 'worker thread'})`, async () => {
      const store = await schemaPglite({ inline })
      try {
        const [{ shared_buffers }] = await store.query<{ shared_buffers: string }>('SHOW shared_buffers')
        assert.equal(shared_buffers, '32MB')
        const [{ search_path }] = await store.query<{ search_path: string }>('SHOW search_path')
        assert.equal(search_path, 'public')
      } finally {
        await store.close()
      }
    })
  }
})
