import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { openStore } from './store.ts'

/** PGlite opens with the smaller buffer cache (pgliteParams.mjs), in its worker thread and on this thread alike. */
describe('PGlite start parameters', () => {
  for (const inline of [false, true]) {
    it(`uses a 32 MB buffer cache and keeps PGlite's own parameters (${inline ? 'this thread' : 'worker thread'})`, async () => {
      const store = await openStore({ inline })
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
