import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { demoPlanApp } from '../../../../../test/support/demoPlanApp.ts'

/** Objectives, milestones and commitments on one recommendation, over the demo plan (Coventry 2014). */
describe('objectives, milestones and commitments pages', () => {
  const demo = demoPlanApp()
  const client = (username: string) => demo.client(username)
  const model = () => demo.app.services.planViews.planModel(demo.planId, { id: null, name: 't', role: null })

  it('adds an objective to a recommendation and an action that serves it', async () => {
    const lead = await client('improvement.lead')
    const item = (await model()).items[3]
    const itemUrl = `/la/331/plans/${demo.planId}/items/${item.id}`
    const empty = await lead.request('POST', `${itemUrl}/objectives`, {
      _csrf: await lead.csrf(itemUrl),
      objective: ' ',
    })
    assert.equal(empty.status, 303)
    assert.equal(empty.location, `${itemUrl}#objectives`, 'a refused form goes back to the page holding it')
    const errorPage = await lead.request('GET', itemUrl)
    assert.match(errorPage.text, /govuk-error-summary/)
    assert.match(errorPage.text, /Enter what this recommendation’s actions should achieve/)

    const saved = await lead.request('POST', `${itemUrl}/objectives`, {
      _csrf: await lead.csrf(itemUrl),
      objective: 'Every child on a plan has a manager-reviewed plan within 10 working days',
    })
    assert.equal(saved.status, 303)
    const objective = (await model()).items[3].objectives.at(-1)!
    assert.equal(objective.text, 'Every child on a plan has a manager-reviewed plan within 10 working days')
    const page = await lead.request('GET', itemUrl)
    assert.match(page.text, /data-qa="objectives"[^]*Every child on a plan has a manager-reviewed plan/)

    const owner = (await demo.app.services.users.findByUsername('action.owner'))!
    const action = await lead.request('POST', `${itemUrl}/actions`, {
      _csrf: await lead.csrf(itemUrl),
      title: 'Weekly plan-quality audit by team managers',
      ownerId: String(owner.id),
      dueDate: '2014-09-30',
      status: 'not started',
      objectiveId: String(objective.id),
    })
    assert.equal(action.status, 303)
    const added = (await model()).items[3].actions.find(
      (a) => a.title === 'Weekly plan-quality audit by team managers',
    )!
    assert.equal(added.objectiveId, objective.id)
    assert.match((await lead.request('GET', itemUrl)).text, /Objective: Every child on a plan/)
  })

  it('adds a milestone to an action and records it as met once: a stale second save is refused', async () => {
    const lead = await client('improvement.lead')
    const action = (await model()).items[3].actions.find(
      (a) => a.title === 'Weekly plan-quality audit by team managers',
    )!
    const actionUrl = `/la/331/plans/${demo.planId}/actions/${action.id}`
    const bad = await lead.request('POST', `${actionUrl}/milestones`, {
      _csrf: await lead.csrf(actionUrl),
      milestoneTitle: 'Audit tool agreed',
      milestoneDate: '31/07/2014',
    })
    assert.equal(bad.location, `${actionUrl}#milestones`)
    assert.match((await lead.request('GET', actionUrl)).text, /Enter a real date, for example 22 7 2014/)
    assert.equal(
      (await model()).items[3].actions.find((a) => a.id === action.id)!.milestones.length,
      0,
      'nothing saved',
    )

    await lead.request('POST', `${actionUrl}/milestones`, {
      _csrf: await lead.csrf(actionUrl),
      milestoneTitle: 'Audit tool agreed',
      milestoneDate: '2014-07-31',
    })
    const milestone = (await model()).items[3].actions.find((a) => a.id === action.id)!.milestones[0]
    assert.equal(milestone.title, 'Audit tool agreed')
    const page = await lead.request('GET', actionUrl)
    assert.match(page.text, /data-qa="milestones"[^]*Audit tool agreed[^]*Record as met/)

    const met = await lead.request('POST', `${actionUrl}/milestones/met`, {
      _csrf: await lead.csrf(actionUrl),
      milestoneId: String(milestone.id),
      version: String(milestone.version),
      metOn: '2014-07-28',
    })
    assert.equal(met.status, 303)
    const after = (await model()).items[3].actions.find((a) => a.id === action.id)!.milestones[0]
    assert.equal(after.completedOn, '2014-07-28')
    // The same (now stale) version again is refused, not silently applied twice.
    const stale = await lead.request('POST', `${actionUrl}/milestones/met`, {
      _csrf: await lead.csrf(actionUrl),
      milestoneId: String(milestone.id),
      version: String(milestone.version),
      metOn: '2014-07-29',
    })
    assert.equal(stale.status, 303)
    assert.equal(
      (await model()).items[3].actions.find((a) => a.id === action.id)!.milestones[0].completedOn,
      '2014-07-28',
    )
  })

  it('lets only plan editors add objectives and milestones', async () => {
    const readonly = await client('readonly')
    const item = (await model()).items[3]
    const itemUrl = `/la/331/plans/${demo.planId}/items/${item.id}`
    const res = await readonly.request('POST', `${itemUrl}/objectives`, {
      _csrf: await readonly.csrf(itemUrl),
      objective: 'x',
    })
    assert.equal(res.status, 403)
    const action = item.actions[0]
    const actionUrl = `/la/331/plans/${demo.planId}/actions/${action.id}`
    const m = await readonly.request('POST', `${actionUrl}/milestones`, {
      _csrf: await readonly.csrf(actionUrl),
      milestoneTitle: 'x',
      milestoneDate: '2014-07-31',
    })
    assert.equal(m.status, 403)
  })

  it('sets a commitment on one recommendation, shown on its page and measured on it alone', async () => {
    const commissioner = await client('commissioner')
    const planUrl = `/la/331/plans/${demo.planId}`
    const item = (await model()).items[0]
    const res = await commissioner.request('POST', `${planUrl}/commitments`, {
      _csrf: await commissioner.csrf(planUrl),
      title: 'Duty manager decisions explained',
      measure: 'explained',
      dueDate: '2014-06-30',
      itemId: String(item.id),
    })
    assert.equal(res.status, 303)
    const c = (await model()).commitments.find((x) => x.title === 'Duty manager decisions explained')!
    assert.equal(c.itemId, item.id)
    assert.equal(c.total, 1, 'measured on the one recommendation')
    const page = await commissioner.request('GET', `${planUrl}/items/${item.id}`)
    assert.match(page.text, /data-qa="item-commitments"[^]*Duty manager decisions explained/)
  })

  it('records a commitment measured by hand as met; one measured from the plan cannot be', async () => {
    const commissioner = await client('commissioner')
    const planUrl = `/la/331/plans/${demo.planId}`
    // The seeded story records its own hand-measured commitment as met: set another to record.
    const added = await commissioner.request('POST', `${planUrl}/commitments`, {
      _csrf: await commissioner.csrf(planUrl),
      title: 'Improvement board terms of reference agreed',
      measure: 'manual',
      dueDate: '2014-09-30',
    })
    assert.equal(added.status, 303)
    const commitments = (await model()).commitments
    const manual = commitments.find((c) => c.measure === 'manual' && c.status !== 'met')!
    assert.match((await commissioner.request('GET', planUrl)).text, /data-qa="commitment-met"/)
    const met = await commissioner.request('POST', `${planUrl}/commitments/met`, {
      _csrf: await commissioner.csrf(planUrl),
      commitmentId: String(manual.id),
      version: String(manual.version),
      metOn: '2014-07-01',
    })
    assert.equal(met.status, 303)
    const after = (await model()).commitments.find((c) => c.id === manual.id)!
    assert.equal(after.status, 'met')
    assert.equal(after.summary, 'Met on 1 July 2014')

    const measured = commitments.find((c) => c.measure !== 'manual')!
    const refused = await commissioner.request('POST', `${planUrl}/commitments/met`, {
      _csrf: await commissioner.csrf(planUrl),
      commitmentId: String(measured.id),
      version: String(measured.version),
      metOn: '2014-07-01',
    })
    assert.equal(refused.location, `${planUrl}#commitments`)
    assert.match((await commissioner.request('GET', planUrl)).text, /measured from the plan itself/)

    const lead = await client('improvement.lead')
    const forbidden = await lead.request('POST', `${planUrl}/commitments/met`, {
      _csrf: await lead.csrf(planUrl),
      commitmentId: String(manual.id),
      version: String(after.version),
      metOn: '2014-07-02',
    })
    assert.equal(forbidden.status, 403, 'commitments are kept by those overseeing the plan')
  })

  it('adds an action and its first milestone together, or neither', async () => {
    const lead = await client('improvement.lead')
    const item = (await model()).items[5]
    const itemUrl = `/la/331/plans/${demo.planId}/items/${item.id}`
    const owner = (await demo.app.services.users.findByUsername('action.owner'))!
    const post = async (extra: Record<string, string>) =>
      lead.request('POST', `${itemUrl}/actions`, {
        _csrf: await lead.csrf(itemUrl),
        title: 'Fortnightly case-file audit',
        ownerId: String(owner.id),
        dueDate: '2014-10-31',
        status: 'not started',
        ...extra,
      })
    const count = async () =>
      (await model()).items[5].actions.filter((a) => a.title === 'Fortnightly case-file audit').length
    await post({ milestoneTitle: 'Audit template agreed', milestoneDate: '' })
    assert.match((await lead.request('GET', itemUrl)).text, /Enter the date of the first milestone/)
    await post({ milestoneTitle: 'Audit template agreed', milestoneDate: '2014-02-30' })
    assert.equal(await count(), 0, 'a milestone on a day that does not exist saves neither it nor the action')
    await post({ milestoneTitle: 'Audit template agreed', milestoneDate: '2014-08-29' })
    const saved = (await model()).items[5].actions.filter((a) => a.title === 'Fortnightly case-file audit')
    assert.equal(saved.length, 1)
    assert.deepEqual(
      saved[0].milestones.map((m) => [m.title, m.dueDate]),
      [['Audit template agreed', '2014-08-29']],
    )
  })
})
