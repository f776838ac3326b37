import assert from 'node:assert/strict'
import { test } from 'node:test'
import { RateLimiter } from './rateLimit.ts'

test('a client gets its burst at once, then one request per refill interval; clients are counted apart', () => {
  let now = 0
  const limit = new RateLimiter({ perMinute: 60, burst: 3 }, () => now)
  assert.deepEqual(
    [1, 2, 3].map(() => limit.take('a').ok),
    [true, true, true],
  )
  assert.deepEqual(limit.take('a'), { ok: false, retryAfterSeconds: 1 })
  assert.equal(limit.take('b').ok, true, 'another client has its own bucket')
  now = 999
  assert.equal(limit.take('a').ok, false, 'not yet a whole request refilled')
  now = 1000
  assert.equal(limit.take('a').ok, true)
  now = 60_000
  assert.deepEqual(
    [1, 2, 3, 4].map(() => limit.take('a').ok),
    [true, true, true, false],
    'never more than the burst',
  )
})

test('Retry-After is the whole seconds until the next request is allowed', () => {
  let now = 0
  const limit = new RateLimiter({ perMinute: 6, burst: 1 }, () => now)
  assert.equal(limit.take('a').ok, true)
  assert.deepEqual(limit.take('a'), { ok: false, retryAfterSeconds: 10 })
  now = 4_500
  assert.deepEqual(limit.take('a'), { ok: false, retryAfterSeconds: 6 })
})

test('forgets refilled buckets once it holds many keys, and still limits the busy ones', () => {
  let now = 0
  const limit = new RateLimiter({ perMinute: 60, burst: 1 }, () => now)
  assert.equal(limit.take('busy').ok, true)
  for (let i = 0; i < 10_000; i++) limit.take(`ip:${i}`)
  now = 500
  limit.take('newcomer')
  assert.equal(limit.take('busy').ok, false, 'the busy client is still limited')
  assert.equal((limit as unknown as { buckets: Map<string, unknown> }).buckets.size < 10_000, false)
  now = 2000
  limit.take('another')
  assert.ok((limit as unknown as { buckets: Map<string, unknown> }).buckets.size < 10, 'refilled buckets forgotten')
})
