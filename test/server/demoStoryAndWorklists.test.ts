import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { demoPlanApp } from '../support/demoPlanApp.ts'

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')

describe('the demo story at its own date, and each role’s work list', () => {
  const demo = demoPlanApp()
  before(async () => assert.equal(await demo.app.services.demoStory.register(demo.planId), '2014-08-07'))

  it('shows the untouched seeded plan as at its own date and says so; ?asAt= shows another date', async () => {
    const lead = await demo.client('improvement.lead')
    const page = text((await lead.request('GET', `/la/331/plans/${demo.planId}`)).text)
    assert.match(page, /Demo: this shows the seeded story as at 7 August 2014, its own date, not today/)
    assert.match(page, /As at 7 August 2014/)
    assert.doesNotMatch(page, /\b\d{4,} days overdue/)
    assert.match(page, /Due 30 June 2014, 38 days overdue/, 'overdue counted from the story’s date, in GOV.UK dates')
    assert.doesNotMatch(page, /\[past-due\]|\b20\d\d-\d\d-\d\d\b/)
    const today = new Date().toISOString().slice(0, 10)
    const now = text((await lead.request('GET', `/la/331/plans/${demo.planId}?asAt=${today}`)).text)
    assert.doesNotMatch(now, /Demo: this shows the seeded story/)
    assert.match(now, /\b\d{4,} days overdue/, 'as at today the story is years overdue, as the person asked')
  })

  it('my actions on the story are rated as at its date', async () => {
    const owner = await demo.client('action.owner')
    const page = text((await owner.request('GET', '/my-actions')).text)
    assert.match(page, /seeded story as at 7 August 2014/)
    assert.doesNotMatch(page, /\b\d{4,} days overdue/)
  })

  it("the reviewer's list names people and the report's paragraphs, and links to each item", async () => {
    const commissioner = await demo.client('commissioner')
    const html = (await commissioner.request('GET', '/to-review')).text
    const page = text(html)
    assert.match(page, /Coventry: Paragraph \d+, challenged by Casey Commissioner on \d+ \w+ 2014/)
    assert.match(page, /Paragraph \d+ of .*, written by Imogen Lead on 15 July 2014/)
    assert.doesNotMatch(page, /improvement\.lead|commissioner\b(?! )|\b20\d\d-\d\d-\d\d\b/)
    assert.match(html, new RegExp(`href="/la/331/plans/${demo.planId}/items/\\d+"`))
  })

  it('the safeguarding partnership chair sees the recommendations addressed to the board', async () => {
    const chair = await demo.client('partnership.chair')
    const home = await chair.request('GET', '/')
    assert.equal(home.location, '/partnership')
    const page = text((await chair.request('GET', '/partnership')).text)
    assert.match(page, /Coventry SIF report/)
    assert.match(page, /Paragraph \d+ \(LSCB: /)
    assert.match(page, /Plan item in /)
  })

  it('an LA user with one LA lands on it; a reviewer lands on the list', async () => {
    const reviewer = await demo.client('commissioner')
    assert.equal((await reviewer.request('GET', '/')).location, '/to-review')
  })

  // Last: it works on the plan, which ends the story.
  it('once the plan is worked on (here straight in the store, as another process would), shows it as at today', async () => {
    const lead = await demo.client('improvement.lead')
    const url = `/la/331/plans/${demo.planId}`
    const story = /Demo: this shows the seeded story as at 7 August 2014/
    assert.match(text((await lead.request('GET', url)).text), story)
    assert.match(text((await lead.request('GET', url)).text), story, 'and again, the plan unchanged')
    await demo.store.query(
      `INSERT INTO plan_history (plan_id, la_code, subject_type, subject_id, version, action, actor_name, before, after)
       SELECT plan_id, la_code, subject_type, subject_id, version, 'touch', 'someone', after, after FROM plan_history
        WHERE plan_id = $1 AND subject_type = 'plan' ORDER BY id DESC LIMIT 1`,
      [demo.planId],
    )
    const page = text((await lead.request('GET', url)).text)
    assert.doesNotMatch(page, story)
    assert.match(page, /\b\d{4,} days overdue/, 'as at today')
  })
})
