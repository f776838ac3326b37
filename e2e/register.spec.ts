import assert from 'node:assert/strict'
import { beforeEach, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { baseUrl, checkPage, e2eUnavailable, newPage, signIn } from './support/browser.ts'
import { signedInSession } from './support/session.ts'

describe('national register in Chromium', { skip: e2eUnavailable() }, () => {
  const session = signedInSession('dfe.adviser')
  let page: Page
  beforeEach(() => {
    page = session.page
  })

  it('national overview lists all 153 LAs with grades, filters by region and grade, and sorts', async () => {
    await page.goto(`${baseUrl}/`)
    const rows = await page.locator('[data-qa="overview-table"] tbody tr').count()
    assert.equal(rows, 153)
    await checkPage(page, 'national-overview')
    await page.selectOption('#region', 'West Midlands')
    await page.selectOption('#grade', 'Good')
    await Promise.all([page.waitForNavigation(), page.click('text=Apply filters')])
    const filtered = await page.locator('[data-qa="overview-table"] tbody tr').allTextContents()
    assert.ok(filtered.length > 0 && filtered.length < 20)
    assert.ok(
      filtered.some((t) => t.includes('Birmingham')),
      'Birmingham was good at its latest inspection (2023)',
    )
    assert.ok(filtered.every((t) => t.includes('Good')))
  })

  it("Birmingham's page shows its inspection history 2010-2023, neighbours and trend charts with tables", async () => {
    await page.goto(`${baseUrl}/la/E08000025`)
    assert.equal(await page.textContent('[data-qa="la-name"]'), 'Birmingham')
    const timeline = (await page.textContent('[data-qa="inspection-timeline"]')) ?? ''
    assert.match(timeline, /SIF: Inadequate/)
    assert.match(timeline, /23 May 2014/)
    assert.match(timeline, /LSCB effectiveness: Inadequate/)
    assert.match(timeline, /18 April 2023/)
    assert.match(timeline, /CPI: Inadequate/)
    assert.match((await page.textContent('[data-qa="neighbours-2021"]')) ?? '', /Sandwell/)
    assert.match((await page.textContent('[data-qa="neighbours-2025"]')) ?? '', /Nottingham/)
    assert.ok((await page.locator('svg.sl-chart').count()) >= 4)
    assert.match((await page.textContent('[data-qa="table-cpp_at_31_march"]')) ?? '', /2014/)
    await checkPage(page, 'la-birmingham')
    const csv = await page.request.get(`${baseUrl}/la/330/statistics.csv`)
    assert.equal(csv.status(), 200)
    assert.match(await csv.text(), /^la_code,measure,year_ending_31_march/)
  })

  it('an LA-scoped user gets 403 on another LA', async () => {
    const other = await newPage(session.browser!)
    await signIn(other, 'dcs')
    const res = await other.goto(`${baseUrl}/la/332`)
    assert.equal(res?.status(), 403)
    assert.ok(!((await other.textContent('body')) ?? '').includes('Dudley'))
    await checkPage(other, 'forbidden')
  })
})
