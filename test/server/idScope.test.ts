import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { addUser, Client } from '../support/app.ts'
import { demoPlanApp } from '../support/demoPlanApp.ts'

/**
 * Records addressed by id, for an LA-scoped user: an id that exists in another LA and one that does not exist at all
 * answer the same 404, so nobody can probe which ids exist elsewhere. (The LA itself, /la/OTHER, stays a 403: which
 * local authorities exist is public.)
 */
describe('ids outside an LA-scoped user’s scope answer 404, like ids that do not exist', () => {
  const demo = demoPlanApp()
  const MISSING = 987654
  let brum: Client
  let own = { plan: 0 }
  let foreign = { plan: 0, item: 0, action: 0, evidence: 0 }

  before(async () => {
    await addUser(demo.app.services, 'brum.scope', 'local', ['330'])
    brum = new Client(demo.app.url)
    await brum.signIn('brum.scope')
    const actor = { id: null, name: 't', role: null }
    const model = await demo.app.services.planViews.planModel(demo.planId, actor)
    const withEvidence = model.items.find((i) => i.evidence.length > 0)
    const withAction = model.items.find((i) => i.actions.length > 0)!
    foreign = {
      plan: demo.planId,
      item: model.items[0].id,
      action: withAction.actions[0].id,
      evidence: withEvidence?.evidence[0].id ?? MISSING,
    }
    // Birmingham's own plan, to address Coventry's records through it.
    const [brumUser] = await demo.store.query<{ id: number }>(`SELECT id FROM app_user WHERE username = 'brum.scope'`)
    const created = (await demo.app.services.plans.createPlan(
      { laCode: '330', title: 'Birmingham plan', reportIds: [] },
      { id: brumUser.id, name: 'brum.scope', role: 'local', laScope: ['330'] },
    )) as { planId: number }
    own = { plan: created.planId }
  })

  const pairs = () => {
    const p = `/la/330/plans`
    return [
      [`${p}/${foreign.plan}`, `${p}/${MISSING}`],
      [`${p}/${foreign.plan}/timeline`, `${p}/${MISSING}/timeline`],
      [`${p}/${foreign.plan}/review`, `${p}/${MISSING}/review`],
      [`${p}/${foreign.plan}/board`, `${p}/${MISSING}/board`],
      [`${p}/${foreign.plan}/kpis`, `${p}/${MISSING}/kpis`],
      [`${p}/${foreign.plan}/items/${foreign.item}`, `${p}/${MISSING}/items/${MISSING}`],
      [`${p}/${foreign.plan}/actions/${foreign.action}`, `${p}/${MISSING}/actions/${MISSING}`],
      [`${p}/${foreign.plan}/evidence/${foreign.evidence}`, `${p}/${MISSING}/evidence/${MISSING}`],
      // Coventry's records addressed through Birmingham's own plan.
      [`${p}/${own.plan}/history/action/${foreign.action}`, `${p}/${own.plan}/history/action/${MISSING}`],
      [`${p}/${own.plan}/history/item/${foreign.item}`, `${p}/${own.plan}/history/item/${MISSING}`],
    ]
  }

  it('answers GET for another LA’s plan, item, action, evidence and history with the 404 a missing id gets', async () => {
    assert.ok(own.plan > 0, 'Birmingham has its own plan')
    for (const [elsewhere, missing] of pairs()) {
      const a = await brum.request('GET', elsewhere)
      const b = await brum.request('GET', missing)
      assert.equal(b.status, 404, `${missing}: ${b.status}`)
      assert.equal(a.status, 404, `${elsewhere} answered ${a.status}, a missing id ${b.status}: existence leaks`)
      assert.doesNotMatch(a.text, /Coventry|do not have access/, `${elsewhere} says more than a missing id`)
    }
  })

  it('answers a form posted at another LA’s record with the same 404 as at a missing one, and changes nothing', async () => {
    const token = await brum.csrf(`/la/330/plans/${own.plan}`)
    const before = await demo.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM plan_history`)
    const post = (plan: number, item: number) =>
      brum.request('POST', `/la/330/plans/${plan}/items/${item}/comments`, {
        _csrf: token,
        kind: 'comment',
        text: 'probe',
      })
    const a = await post(foreign.plan, foreign.item)
    const b = await post(MISSING, MISSING)
    assert.equal(b.status, 404)
    assert.equal(a.status, 404, `a comment on another LA's item answered ${a.status}, a missing one ${b.status}`)
    const after = await demo.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM plan_history`)
    assert.equal(after[0].n, before[0].n)
  })

  it('keeps the 403 for another LA’s own pages (the LA is public; its data is not)', async () => {
    const res = await brum.request('GET', `/la/331/plans/${foreign.plan}`)
    assert.equal(res.status, 403)
    assert.doesNotMatch(res.text, /Children&#39;s services improvement plan/)
  })
})
