import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { healthService } from './healthService.ts'

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
