import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { FragmentCache } from './fragments.ts'

describe('FragmentCache', () => {
  it('renders once per (version, key), again for a new version, and drops the least recently used when full', async () => {
    const cache = new FragmentCache(2)
    let renders = 0
    const render = (text: string) => async () => `${text}#${++renders}`
    assert.equal(await cache.get('v1', 'a', render('a')), 'a#1')
    assert.equal(await cache.get('v1', 'a', render('a')), 'a#1', 'reused')
    assert.equal(await cache.get('v1', 'b', render('b')), 'b#2')
    assert.equal(await cache.get('v1', 'a', render('a')), 'a#1', 'a is now the most recently used')
    assert.equal(await cache.get('v1', 'c', render('c')), 'c#3')
    assert.equal(cache.size, 2)
    assert.equal(await cache.get('v1', 'a', render('a')), 'a#1', 'a kept')
    assert.equal(await cache.get('v1', 'b', render('b')), 'b#4', 'b, least recently used, was dropped')
    assert.equal(await cache.get('v2', 'a', render('a')), 'a#5', 'a new version renders again')
    assert.equal(cache.size, 1, 'and drops what the old version held')
  })

  it('does not keep a fragment whose version was replaced while it rendered', async () => {
    const cache = new FragmentCache()
    let finish!: (html: string) => void
    const slow = cache.get('v1', 'a', () => new Promise<string>((r) => (finish = r)))
    assert.equal(await cache.get('v2', 'a', async () => 'new'), 'new')
    finish('old')
    assert.equal(await slow, 'old', 'its own caller still gets it')
    assert.equal(await cache.get('v2', 'a', async () => 'again'), 'new', 'v2 keeps its own')
    assert.equal(await cache.get('v1', 'a', async () => 'v1 again'), 'v1 again', 'the old one was not kept')
  })
})
