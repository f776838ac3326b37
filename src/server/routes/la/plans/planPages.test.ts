import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Client } from '../../../../../test/support/app.ts'
import { demoPlanApp } from '../../../../../test/support/demoPlanApp.ts'

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])

/** The plan pages over the demo plan (Coventry 2014): every page renders, and the forms run the oversight loop. */
describe('improvement plan pages', () => {
  const demo = demoPlanApp()
  const client = (username: string) => demo.client(username)

  it('renders every plan page for the commissioner', async () => {
    const c = await client('commissioner')
    const model = await demo.app.services.planViews.planModel(demo.planId, { id: null, name: 't', role: null })
    const item = model.items[4]
    const action = item.actions[0]
    const pages: Array<[string, RegExp]> = [
      ['/plans', /Children&#39;s services improvement plan 2014-15/],
      ['/la/331/plans', /Ofsted reports/],
      [`/la/331/plans/${demo.planId}`, /26 of 27 recommendations explained/],
      [`/la/331/plans/${demo.planId}?rag=red&overdue=yes`, /Showing \d+ of 27 recommendations/],
      [`/la/331/plans/${demo.planId}/items/${item.id}`, /Recommendation 27/],
      [
        `/la/331/plans/${demo.planId}/actions/${action.id}`,
        /Delivery RAG: <strong class="govuk-tag govuk-tag--orange">Amber<\/strong>/,
      ],
      [`/la/331/plans/${demo.planId}/review`, /Submissions and challenges/],
      [`/la/331/plans/${demo.planId}/timeline`, /moj-timeline/],
      [`/la/331/plans/${demo.planId}/kpis`, /Average social worker caseload/],
      [`/la/331/plans/${demo.planId}/board?asAt=2014-07-31`, /Progress report as at 31 July 2014/],
    ]
    for (const [url, expected] of pages) {
      const res = await c.request('GET', url)
      assert.equal(res.status, 200, `${url}: ${res.status} ${res.text.slice(0, 400)}`)
      assert.ok(expected.test(res.text), `${url} does not show ${expected}`)
    }
    const xlsx = await c.request('GET', `/la/331/plans/${demo.planId}/board.xlsx?asAt=2014-07-31`)
    assert.equal(xlsx.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  })

  it('keeps other LAs out: a Birmingham-only user gets 403 on Coventry, and a wrong LA in the URL is 404', async () => {
    await demo.app.services.users.add({
      username: 'brum.lead',
      displayName: 'Brum Lead',
      role: 'local',
      title: 'Lead',
      password: 'correct horse battery staple',
      laCodes: ['330'],
    })
    const brum = new Client(demo.app.url)
    await brum.signIn('brum.lead')
    assert.equal((await brum.request('GET', `/la/331/plans/${demo.planId}`)).status, 403)
    const c = await client('commissioner')
    assert.equal((await c.request('GET', `/la/330/plans/${demo.planId}`)).status, 404)
  })

  it('runs the loop through the forms: analysis, agree, action, evidence, challenge, answer, submit, accept', async () => {
    const lead = await client('improvement.lead')
    const commissioner = await client('commissioner')
    const model = await demo.app.services.planViews.planModel(demo.planId, { id: null, name: 't', role: null })
    const item = model.items[20] // paragraph 43
    const itemUrl = `/la/331/plans/${demo.planId}/items/${item.id}`
    const post = async (c: Client, url: string, body: Record<string, string>) =>
      c.request('POST', url, { _csrf: await c.csrf(itemUrl), ...body })

    let res = await post(lead, `${itemUrl}/analyses`, { text: '' })
    assert.equal(res.status, 303)
    assert.equal(res.location, `${itemUrl}#underlying-issues`, 'a refused form goes back to the page holding it')
    let back = await lead.request('GET', res.location)
    assert.equal(back.status, 200)
    assert.match(back.text, /Enter the issues underlying this recommendation/)
    res = await post(lead, `${itemUrl}/actions`, { title: 'An action', ownerId: '', dueDate: '2014-09-30' })
    assert.equal(res.location, `${itemUrl}#actions`)
    back = await lead.request('GET', res.location)
    assert.equal(back.status, 200)
    assert.match(back.text, /Select who owns the action/)
    res = await post(lead, `/la/331/plans/${demo.planId}/review/submit`, { summary: 'No kind chosen' })
    assert.equal(res.location, `/la/331/plans/${demo.planId}/review`)
    back = await lead.request('GET', res.location)
    assert.equal(back.status, 200)
    assert.match(back.text, /Select whether this is the plan or an update/)
    res = await post(lead, `${itemUrl}/analyses`, {
      text: 'Audit findings are reported but nobody owns the follow-up.',
    })
    assert.equal(res.status, 303)
    const analysis = (
      await demo.app.services.planViews.planModel(demo.planId, { id: null, name: 't', role: null })
    ).items[20].analyses.find((a) => a.status === 'draft')!
    const agree = { analysisId: String(analysis.id), version: String(analysis.version) }
    // The author is not offered the agree button, and posting it anyway is refused with a clear message.
    const own = await lead.request('GET', itemUrl)
    assert.match(own.text, /You wrote this analysis, so someone else must agree it/)
    assert.doesNotMatch(own.text, /data-qa="agree-analysis"/)
    res = await post(lead, `${itemUrl}/analyses/agree`, agree)
    assert.equal(res.status, 303)
    back = await lead.request('GET', res.location)
    assert.match(back.text, /govuk-error-summary[^]*You wrote this analysis, so someone else must agree it/)
    assert.equal(
      (
        await demo.app.services.planViews.planModel(demo.planId, { id: null, name: 't', role: null })
      ).items[20].analyses.find((a) => a.id === analysis.id)!.status,
      'draft',
      'the author’s agree changed nothing',
    )
    const dcs = await client('dcs')
    assert.match((await dcs.request('GET', itemUrl)).text, /data-qa="agree-analysis"/)
    res = await post(dcs, `${itemUrl}/analyses/agree`, agree)
    assert.equal(res.status, 303)
    assert.match((await dcs.request('GET', itemUrl)).text, /Agreed by Drew Director/)
    const owner = (await demo.app.services.users.findByUsername('action.owner'))!
    res = await post(lead, `${itemUrl}/actions`, {
      title: 'Monthly audit follow-up panel',
      ownerId: String(owner.id),
      leadOfficer: '',
      startDate: '',
      dueDate: '2030-01-31',
      status: 'on track',
      milestoneTitle: 'First panel',
      milestoneDate: '2029-06-30',
    })
    assert.equal(res.status, 303, res.text)

    // Evidence upload (multipart): a PNG is accepted, a renamed executable is refused with a GOV.UK error.
    const upload = async (bytes: Buffer, name: string) => {
      const form = new FormData()
      const token = await lead.csrf(itemUrl)
      form.set('_csrf', token)
      form.set('kind', 'file')
      form.set('title', 'Audit chart')
      form.set('evidenceDate', '2014-07-01')
      form.set('file', new Blob([new Uint8Array(bytes)]), name)
      return fetch(`${demo.app.url}${itemUrl}/evidence?_csrf=${encodeURIComponent(token)}`, {
        method: 'POST',
        body: form,
        headers: { cookie: lead.cookie, accept: 'text/html' },
        redirect: 'manual',
      })
    }
    assert.equal((await upload(PNG, 'chart.png')).status, 303)
    const bad = await upload(Buffer.from('MZ\x90\x00 this is not a pdf'), 'minutes.pdf')
    assert.equal(bad.status, 303)
    assert.match(
      (await lead.request('GET', bad.headers.get('location')!)).text,
      /The selected file must be a PDF, DOCX, XLSX, CSV, PNG or JPEG/,
    )
    const page = await lead.request('GET', itemUrl)
    assert.match(page.text, /chart\.png/)
    assert.doesNotMatch(page.text, /minutes\.pdf/)

    // Challenge, answer, then submit and accept.
    res = await post(commissioner, `${itemUrl}/comments`, { kind: 'challenge', text: 'Who chairs the panel?' })
    assert.equal(res.status, 303)
    const open = (await demo.app.services.planViews.planModel(demo.planId, { id: null, name: 't', role: null })).summary
      .openChallenges
    assert.equal(open.length, 2)
    for (const ch of open) {
      const r = await post(lead, `/la/331/plans/${demo.planId}/review/answer`, {
        challengeId: String(ch.id),
        version: String(ch.version),
        text: 'The DCS chairs it.',
      })
      assert.equal(r.status, 303)
    }
    // The police recommendation's analysis was rewritten as a draft in the seed: the plan cannot be submitted until
    // someone other than its author agrees it, and the review page says which recommendation is missing.
    const reviewUrl = `/la/331/plans/${demo.planId}/review`
    const update = { kind: 'update', summary: 'July progress update' }
    res = await post(lead, `${reviewUrl}/submit`, update)
    assert.equal(res.location, reviewUrl)
    back = await lead.request('GET', res.location)
    assert.match(
      back.text,
      /govuk-error-summary[^]*The plan cannot be submitted yet: 1 recommendation has no agreed analysis of the underlying issues \(27\)/,
    )
    assert.match(back.text, /data-qa="sign-off-gap-list"[^]*Recommendation 27 has no agreed analysis/)
    assert.equal(
      (
        await demo.app.services.planViews.planModel(demo.planId, { id: null, name: 't', role: null })
      ).submissions.filter((s) => s.status === 'submitted').length,
      0,
      'nothing was submitted',
    )
    const police = (await demo.app.services.planViews.planModel(demo.planId, { id: null, name: 't', role: null }))
      .items[4]
    const rewritten = police.analyses.find((a) => a.status === 'draft')!
    res = await post(commissioner, `/la/331/plans/${demo.planId}/items/${police.id}/analyses/agree`, {
      analysisId: String(rewritten.id),
      version: String(rewritten.version),
    })
    assert.equal(res.status, 303)
    assert.doesNotMatch((await lead.request('GET', reviewUrl)).text, /data-qa="sign-off-gaps"/)
    res = await post(lead, `${reviewUrl}/submit`, update)
    assert.equal(res.status, 303)
    const pending = (await demo.app.services.planViews.planModel(demo.planId, { id: null, name: 't', role: null }))
      .submissions[0]
    assert.equal(pending.status, 'submitted')
    res = await post(commissioner, `/la/331/plans/${demo.planId}/review/decide`, {
      submissionId: String(pending.id),
      version: String(pending.version),
      decision: 'accepted',
      reason: 'Challenges answered',
    })
    assert.equal(res.status, 303)
    const review = await commissioner.request('GET', `/la/331/plans/${demo.planId}/review`)
    assert.match(review.text, /data-qa="plan-status">Accepted/)
    assert.match(review.text, /data-qa="accepted-revision">\(accepted revision \d+ of the plan/)
  })

  it('records a KPI value by hand and adds a commitment', async () => {
    const analyst = await client('analyst')
    const commissioner = await client('commissioner')
    const url = `/la/331/plans/${demo.planId}/kpis`
    const model = await demo.app.services.planViews.planModel(demo.planId, { id: null, name: 't', role: null })
    const kpi = model.kpis.find((k) => k.name === 'Average social worker caseload')!
    let res = await analyst.request('POST', `${url}/values`, {
      _csrf: await analyst.csrf(url),
      kpiId: String(kpi.id),
      month: '2014-08',
      value: 'lots',
    })
    assert.match((await analyst.request('GET', res.location)).text, /The value must be a number/)
    res = await analyst.request('POST', `${url}/values`, {
      _csrf: await analyst.csrf(url),
      kpiId: String(kpi.id),
      month: '2014-08',
      value: '22.5',
    })
    assert.equal(res.status, 303)
    const after = await demo.app.services.planViews.planModel(demo.planId, { id: null, name: 't', role: null })
    const latest = after.kpis.find((k) => k.id === kpi.id)!.values.at(-1)!
    assert.deepEqual([latest.month, latest.value, latest.source], ['2014-08-01', 22.5, 'manual'])
    const planUrl = `/la/331/plans/${demo.planId}`
    res = await commissioner.request('POST', `${planUrl}/commitments`, {
      _csrf: await commissioner.csrf(planUrl),
      title: 'Every action has a milestone',
      measure: 'milestones',
      dueDate: '2014-09-30',
    })
    assert.equal(res.status, 303)
    assert.match((await commissioner.request('GET', planUrl)).text, /Every action has a milestone/)
    assert.equal(
      (
        await analyst.request('POST', `${planUrl}/commitments`, {
          _csrf: await analyst.csrf(planUrl),
          title: 'x',
          measure: 'kpi',
          dueDate: '2014-09-30',
        })
      ).status,
      403,
    )
  })

  it('adds a measure with a trajectory pasted from a spreadsheet and rates each month against its own target', async () => {
    const analyst = await client('analyst')
    const url = `/la/331/plans/${demo.planId}/kpis`
    const model = await demo.app.services.planViews.planModel(demo.planId, { id: null, name: 't', role: null })
    let res = await analyst.request('POST', `${url}/new`, {
      _csrf: await analyst.csrf(url),
      name: 'Strategy discussions with police present',
      definition: 'Strategy discussions in the month with a police officer present, as a percentage of all held',
      polarity: 'higher',
      unit: '%',
      targetValue: '95',
      itemIds: String(model.items[4].id),
      trajectoryFrom: '',
      trajectory: 'Sep 2014\t50\nOct 2014\t60\nNov 2014\t70',
    })
    assert.equal(res.status, 303)
    const added = (
      await demo.app.services.planViews.planModel(demo.planId, { id: null, name: 't', role: null })
    ).kpis.find((k) => k.name === 'Strategy discussions with police present')!
    assert.deepEqual(added.trajectory, [
      { month: '2014-09-01', value: 50 },
      { month: '2014-10-01', value: 60 },
      { month: '2014-11-01', value: 70 },
    ])
    res = await analyst.request('POST', `${url}/values`, {
      _csrf: await analyst.csrf(url),
      kpiId: String(added.id),
      month: '2014-10',
      value: '58',
    })
    assert.equal(res.status, 303)
    const rated = (
      await demo.app.services.planViews.planModel(demo.planId, { id: null, name: 't', role: null })
    ).kpis.find((k) => k.id === added.id)!
    // The latest value (October) against October's 60 is amber (2 short); against the final 95 it would be red.
    assert.deepEqual([rated.rag.rag, rated.rag.expected], ['amber', 60])
  })

  it('refuses a stale action save and shows the other person\u2019s change, keeping the user\u2019s values', async () => {
    const lead = await client('improvement.lead')
    const model = await demo.app.services.planViews.planModel(demo.planId, { id: null, name: 't', role: null })
    const action = model.items[0].actions[0]
    const url = `/la/331/plans/${demo.planId}/actions/${action.id}`
    const form = {
      version: String(action.version),
      title: action.title,
      leadOfficer: '',
      startDate: action.startDate ?? '',
      dueDate: action.dueDate!,
      status: action.status,
      progress: '',
      ragOverride: '',
      ragOverrideReason: '',
    }
    await demo.app.services.plans.updateAction(
      action.id,
      action.version,
      { dueDate: '2014-08-15' },
      { id: null, name: 'dcs', role: null },
    )
    const res = await lead.request('POST', url, {
      _csrf: await lead.csrf(url),
      ...form,
      progress: 'My careful progress note',
    })
    assert.equal(res.status, 303)
    const page = await lead.request('GET', res.location)
    assert.match(page.text, /Someone else saved this action while you were editing/)
    assert.match(page.text, /Due date: 30 June 2014 → 15 August 2014/)
    assert.match(page.text, /My careful progress note/)
    const history = await lead.request('GET', `/la/331/plans/${demo.planId}/history/action/${action.id}`)
    assert.equal(history.status, 200)
    assert.match(history.text, /Due date: 30 June 2014 → 15 August 2014/)
    assert.equal((history.text.match(/data-qa="version"/g) ?? []).length, 2)
  })
})
