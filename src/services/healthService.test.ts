import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { MAX_AGE_MS, healthService } from './healthService.ts'

describe('healthService', () => {
  it('reports the store UP with its kind and how long it took', async () => {
    const health = healthService({ kind: 'pglite', query: async () => [{ '?column?': 1 }] as never })
    const store = await health.store()
    assert.equal(store.status, 'UP')
    assert.equal(store.kind, 'pglite')
    assert.ok(store.status === 'UP' && store.ms >= 0)
  })

  it('reports it DOWN in plain words, keeping the driver’s message (a host, a path) for the log only', async () => {
    const logged: unknown[] = []
    const failing = async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.7:5432')
    }
    const health = healthService({ kind: 'postgres', query: failing }, (err) => logged.push(err))
    assert.deepEqual(await health.store(), { kind: 'postgres', status: 'DOWN', error: 'The store did not answer' })
    assert.match(String(logged[0]), /ECONNREFUSED/)
  })
})

describe('healthService.shared (what /health answers)', () => {
  const setup = (timeoutMs = 1000) => {
    let now = 1_000_000
    let calls = 0
    let mode: 'up' | 'down' | 'hang' = 'up'
    const query = async () => {
      calls++
      if (mode === 'down') throw new Error('connect ECONNREFUSED')
      if (mode === 'hang') return new Promise(() => {}) as never
      return [{ '?column?': 1 }] as never
    }
    const health = healthService({ kind: 'postgres', query }, () => {}, { now: () => now, timeoutMs })
    return {
      health,
      calls: () => calls,
      set: (m: typeof mode) => (mode = m),
      tick: (ms: number) => (now += ms),
    }
  }

  it('asks the store once for requests arriving together, and again only after MAX_AGE_MS, saying how old', async () => {
    const h = setup()
    const together = await Promise.all(Array.from({ length: 20 }, () => h.health.shared()))
    assert.equal(h.calls(), 1)
    assert.ok(together.every((s) => s.status === 'UP' && s.ageMs === 0))
    h.tick(MAX_AGE_MS - 1)
    const later = await h.health.shared()
    assert.equal(h.calls(), 1)
    assert.equal(later.ageMs, MAX_AGE_MS - 1)
    h.tick(1)
    assert.equal((await h.health.shared()).ageMs, 0)
    assert.equal(h.calls(), 2)
  })

  it('reports DOWN on the first check after the store stops answering, and UP again once it is back', async () => {
    const h = setup()
    assert.equal((await h.health.shared()).status, 'UP')
    h.set('down')
    h.tick(MAX_AGE_MS)
    assert.deepEqual(await h.health.shared(), {
      kind: 'postgres',
      status: 'DOWN',
      error: 'The store did not answer',
      ageMs: 0,
    })
    h.set('up')
    h.tick(MAX_AGE_MS)
    assert.equal((await h.health.shared()).status, 'UP')
  })

  it('reports a store that hangs as DOWN after the check’s timeout instead of waiting for it', async () => {
    const h = setup(30)
    h.set('hang')
    const s = await h.health.shared()
    assert.equal(s.status, 'DOWN')
    assert.equal(h.calls(), 1)
  })
})
