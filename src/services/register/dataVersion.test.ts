import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Store } from '../../data/store.ts'
import { dataChanged, dataVersion, RECHECK_MS } from './dataVersion.ts'

/** A store that answers the version query with whatever `version` holds, counting the queries. */
function fakeStore() {
  const s = { version: 'v1', queries: 0, release: undefined as undefined | (() => void), hold: false }
  const store = {
    query: async () => {
      s.queries++
      const answer = s.version
      if (s.hold) await new Promise<void>((r) => (s.release = r))
      return [{ v: answer }]
    },
  } as unknown as Store
  return { s, store }
}

describe('the register data version', () => {
  it('asks the store once for requests that arrive together, then keeps the answer', async () => {
    const { s, store } = fakeStore()
    const answers = await Promise.all(Array.from({ length: 20 }, () => dataVersion(store)))
    assert.deepEqual(new Set(answers), new Set(['v1']))
    assert.equal(s.queries, 1)
    await dataVersion(store)
    assert.equal(s.queries, 1)
  })

  it('asks again at once after a load in this process, and within RECHECK_MS after a load elsewhere', async () => {
    const { s, store } = fakeStore()
    assert.equal(await dataVersion(store), 'v1')
    s.version = 'v2'
    dataChanged(store)
    assert.equal(await dataVersion(store), 'v2')
    s.version = 'v3'
    assert.equal(await dataVersion(store), 'v2', 'kept within the recheck interval')
    assert.equal(await dataVersion(store, Date.now() + RECHECK_MS + 1), 'v3', 'asked again after it')
  })

  it('does not keep an answer that a load made stale while it was being read', async () => {
    const { s, store } = fakeStore()
    s.hold = true
    const pending = dataVersion(store)
    await new Promise((r) => setImmediate(r))
    s.version = 'v2'
    dataChanged(store)
    s.hold = false
    s.release!()
    assert.equal(await pending, 'v1')
    assert.equal(await dataVersion(store), 'v2')
  })
})
