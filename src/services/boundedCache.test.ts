import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { BoundedCache } from './boundedCache.ts'
import { gaugeSizes } from './memoryGauges.ts'
import { INDICATORS_KEPT, COUNTS_KEPT } from './casework/insightViews.ts'
import { KNOWN_NOT_WORKED_KEPT } from './risk/knownNotWorked.ts'

describe('BoundedCache (caches whose keys keep coming: one per snapshot, per LA and date)', () => {
  it('stays at its bound after many distinct keys, keeping the most recently used', () => {
    const cache = new BoundedCache<string, number>('test.bounded', 50)
    for (let i = 0; i < 10_000; i++) {
      cache.set(`la:${i}`, i)
      // A key read now and then stays: it is recently used.
      if (i % 10 === 0) assert.equal(cache.get('la:0'), 0)
    }
    assert.equal(cache.size, 50)
    assert.equal(cache.get('la:0'), 0, 'the key read all along is still held')
    assert.equal(cache.get('la:9999'), 9999, 'the newest is held')
    assert.equal(cache.has('la:5000'), false, 'an old key read once is gone')
    assert.equal(gaugeSizes()['test.bounded'], 50, 'the memory probe sees its size')
  })

  it('setting a held key again does not grow it', () => {
    const cache = new BoundedCache<string, number>('test.again', 3)
    for (let i = 0; i < 100; i++) cache.set('same', i)
    assert.equal(cache.size, 1)
    assert.equal(cache.get('same'), 99)
  })

  it("the casework caches' bounds hold every LA's entries at once (152 LAs)", () => {
    assert.ok(COUNTS_KEPT >= 152 && KNOWN_NOT_WORKED_KEPT >= 152)
    assert.ok(INDICATORS_KEPT >= 12 * 20, "twenty LAs' 12-snapshot trends")
  })
})
