import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { baseUrl, checkPage, e2eUnavailable } from './support/browser.ts'
import { signedInSessions } from './support/session.ts'

/** A count in a table row of the reasons table, by reason id. */
const items = async (page: import('playwright-core').Page, reason: string) =>
  Number(((await page.textContent(`[data-qa="count-${reason}"] td:last-child`)) ?? '').replace(/,/g, ''))

describe('casework insight in Chromium', { skip: e2eUnavailable() }, () => {
  const s = signedInSessions({ analyst: 'analyst', commissioner: 'commissioner' })

  it("Birmingham 2014's own data: indicators with RAG, hundreds of children waiting, a child's timeline opened with a reason", async () => {
    const page = s.pages.analyst
    // The demo reads its simulated returns in the background at start-up: wait for the snapshot.
    for (let i = 0; i < 90; i++) {
      await page.goto(`${baseUrl}/la/330/indicators`)
      if (!(await page.locator('[data-qa="no-snapshot"]').count())) break
      await page.waitForTimeout(2000)
    }
    assert.equal(await page.locator('[data-qa="indicator-contacts_awaiting_decision"]').count(), 1)
    assert.match((await page.textContent('[data-qa="indicator-unallocated_cases"]')) ?? '', /Red/)
    await checkPage(page, 'insight-indicators-birmingham-2014')
    await Promise.all([page.waitForNavigation(), page.click('[data-qa="unworked-link"]')])
    // The shape Ofsted described in May 2014: hundreds waiting for assessment, unallocated cases, unscreened contacts.
    assert.ok((await items(page, 'assessment_over_45_wd')) >= 100)
    assert.ok((await items(page, 'unallocated')) >= 100)
    assert.ok((await items(page, 'contact_awaiting_decision')) >= 100)
    assert.match((await page.textContent('[data-qa="priority-rule"]')) ?? '', /child protection plan not seen/)
    await checkPage(page, 'insight-unworked-birmingham-2014')
    // Pages of 50, moved through by plain links (GOV.UK pagination), the count over the whole list on each.
    const showing = async () => (await page.textContent('[data-qa="showing"]'))?.replace(/\s+/g, ' ').trim() ?? ''
    const whole = /^Showing 1 to 50 of ([\d,]+) children\.$/.exec(await showing())?.[1]
    assert.ok(whole, await showing())
    assert.equal(await page.locator('[data-qa="child-row"]').count(), 50)
    await Promise.all([page.waitForNavigation(), page.click('.govuk-pagination__next a')])
    assert.match(page.url(), /\/la\/330\/unworked\?page=2$/)
    assert.equal(await showing(), `Showing 51 to 100 of ${whole} children.`)
    assert.equal((await page.textContent('.govuk-pagination__item--current'))?.trim(), '2')
    await checkPage(page, 'insight-unworked-page-2')
    await page.selectOption('#reason', 'unallocated')
    await Promise.all([page.waitForNavigation(), page.click('[data-qa="apply-filters"]')])
    const rows = await page.locator('[data-qa="child-row"]').allTextContents()
    assert.ok(rows.length > 0 && rows.every((r) => /no worker/.test(r)))
    assert.match(await showing(), /^Showing 1 to \d+ of [\d,]+ children matching the filters\.$/)
    if (await page.locator('.govuk-pagination__next a').count())
      assert.match((await page.getAttribute('.govuk-pagination__next a', 'href')) ?? '', /reason=unallocated&page=2$/)
    await Promise.all([page.waitForNavigation(), page.locator('[data-qa="child-link"]').first().click()])
    await page.fill('#reason', 'allocating at the duty meeting')
    await Promise.all([page.waitForNavigation(), page.click('[data-qa="open-record"]')])
    assert.match((await page.textContent('[data-qa="audited"]')) ?? '', /allocating at the duty meeting/)
    assert.ok((await page.locator('[data-qa="timeline"] tbody tr').count()) > 0)
    await checkPage(page, 'insight-child-timeline')
  })

  it('the commissioner sees counts, ages and stages, and is refused the children', async () => {
    const page = s.pages.commissioner
    await page.goto(`${baseUrl}/unworked-demand`)
    assert.match((await page.textContent('[data-qa="la-330"] [data-qa="children"]')) ?? '', /children waiting/)
    assert.equal(await page.locator('[data-qa="la-330"] a').count(), 0)
    await checkPage(page, 'insight-national-counts')
    const res = await page.request.get(`${baseUrl}/la/330/unworked.csv`)
    assert.equal(res.status(), 403)
  })
})
