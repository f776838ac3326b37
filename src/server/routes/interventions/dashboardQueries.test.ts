import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Store } from '../../../data/store.ts'
import { storesUnderTest } from '../../../../test/support/stores.ts'
import { principal, runGet } from '../../../../test/support/pageHarness.ts'
import dashboard from './interventionsController.ts'
import type { Services } from '../../../services/index.ts'
import { interventionRegisterService } from '../../../services/interventionRegisterService.ts'
import { interventionService } from '../../../services/interventionService.ts'
import { laProfileService } from '../../../services/laProfileService.ts'
import { riskService } from '../../../services/riskService.ts'

/** The public data's version check (dataVersion): held for 2 s, so whether a request repeats it depends on the clock. */
const DATA_VERSION = /FROM dataset$/

/** A store that records every statement sent through it: raw SQL and Drizzle's query builders alike. */
function counting(store: Store) {
  const seen: string[] = []
  const counted = new Set(['execute', 'select', 'selectDistinct', 'insert', 'update', 'delete', 'transaction', 'query'])
  const db = new Proxy(store.db, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && counted.has(prop)) seen.push(`db.${prop}`)
      return Reflect.get(target, prop, receiver)
    },
  })
  const wrapped: Store = {
    ...store,
    db,
    query: (sql, params) => (seen.push(sql.trim()), store.query(sql, params)),
    exec: (sql) => (seen.push(sql.trim()), store.exec(sql)),
  }
  return { store: wrapped, seen }
}

/** The services the dashboard uses, wired as src/services/index.ts wires them. */
function wire(store: Store) {
  const risk = riskService(store)
  const laProfiles = laProfileService(store)
  const interventionRegister = interventionRegisterService(store)
  const intervention = interventionService(store, risk, {
    register: (la) => interventionRegister.facts(la),
    registerForAll: () => interventionRegister.factsForAll(),
    laProfiles,
  })
  return { risk, laProfiles, interventionRegister, intervention } as unknown as Services
}

describe('interventions dashboard: queries per request', () => {
  let store: Store
  before(async () => {
    store = await storesUnderTest()[0].openWithPublicData()
  })
  after(async () => store?.close())

  /** Statements of one dashboard request by a fresh process (cold) and of the request after it (warm). */
  async function measure(laScope: string[] | null) {
    const { store: s, seen } = counting(store)
    const services = wire(s)
    const user = laScope ? principal('local', laScope) : principal('national')
    const first = await runGet(dashboard, { services, user })
    const cold = seen.splice(0)
    await runGet(dashboard, { services, user })
    const warm = seen.splice(0)
    const rows = (first.locals!.rows as unknown[]).length
    const without = (q: string[]) => q.filter((x) => !DATA_VERSION.test(x))
    return { rows, cold: without(cold), warm: without(warm), versionChecks: cold.length - without(cold).length }
  }

  it('makes the same number of queries for 3 LAs as for all 153, cold and warm', async (t) => {
    const few = await measure(['330', '331', '207'])
    const all = await measure(null)
    t.diagnostic(
      `queries per request, 3 LAs / ${all.rows} LAs: cold ${few.cold.length} / ${all.cold.length}, warm ${few.warm.length} / ${all.warm.length} (plus ${all.versionChecks} data-version check)`,
    )
    assert.equal(few.rows, 3)
    assert.ok(all.rows >= 150, `${all.rows} LAs on the national dashboard`)
    assert.deepEqual(all.cold.length, few.cold.length, `cold: ${all.cold.join('\n')}`)
    assert.deepEqual(all.warm.length, few.warm.length, `warm: ${all.warm.join('\n')}`)
    // Warm: the register version once, the open commitments and the two standings reads; nothing per LA.
    assert.ok(all.warm.length <= 5, `warm request: ${all.warm.length} queries\n${all.warm.join('\n')}`)
    assert.equal(all.warm.filter((q) => /intervention_event$/.test(q)).length, 1, 'register version read once')
    assert.ok(all.cold.length <= 20, `cold request: ${all.cold.length} queries\n${all.cold.join('\n')}`)
    assert.ok(all.versionChecks <= 3, `${all.versionChecks} data-version checks`)
  })

  it('gives the same assessments batched as one LA at a time', async () => {
    const intervention = wire(store).intervention
    const asAt = '2014-05-23'
    const las = ['330', '331', '202', '872', 'E08000025']
    const batched = await intervention.assessAllCached({ las, asAt })
    for (const la of las) assert.deepEqual(batched.get(la), await intervention.assess({ la, asAt }), la)
    assert.equal(batched.get('E08000025')!.la, '330', 'an ONS code resolves to the LA')
    assert.equal(batched.get('330')!.name, 'Birmingham')
  })
})
