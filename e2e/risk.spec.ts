import assert from 'node:assert/strict'
import { beforeEach, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { baseUrl, checkPage, e2eUnavailable } from './support/browser.ts'
import { signedInSession } from './support/session.ts'

describe('unidentified risk in Chromium', { skip: e2eUnavailable() }, () => {
  const session = signedInSession('commissioner')
  let page: Page
  beforeEach(() => {
    page = session.page
  })

  it('Birmingham 2014: headline gap with an interval in plain English, the 2013-14 fall flagged, method and CSVs', async () => {
    await page.goto(`${baseUrl}/la/330`)
    await Promise.all([page.waitForNavigation(), page.click('text=Unidentified risk analysis')])
    await page.selectOption('#year', '2014')
    await page.selectOption('#measure', 'cpp_at_31_march')
    await Promise.all([page.waitForNavigation(), page.click('text=Update analysis')])
    const headline = (await page.textContent('[data-qa="risk-headline"]')) ?? ''
    assert.match(headline, /Birmingham recorded 844/)
    assert.match(
      headline,
      /fewer children than expected, with a 95% interval (of between [\d,]+ and [\d,]+ fewer|from [\d,]+ more to [\d,]+ fewer)/,
    )
    assert.doesNotMatch(headline, /-\d/, 'no negative number in the words')
    assert.match(
      (await page.textContent('[data-qa="risk-breaks"]')) ?? '',
      /year ending March 2014: fell 18\.8% in a year/,
    )
    assert.match((await page.textContent('[data-qa="risk-known"]')) ?? '', /932 children were awaiting assessment/)
    assert.match((await page.textContent('[data-qa="risk-method"]')) ?? '', /mid-year population estimate/)
    await checkPage(page, 'risk-birmingham-2014')
    const csv = await page.request.get(`${baseUrl}/la/330/risk.csv?table=measures&year=2014`)
    assert.equal(csv.status(), 200)
    assert.match(await csv.text(), /cpp_at_31_march,child protection,844,281019/)
    const pdf = await page.request.get(`${baseUrl}/la/330/risk.pdf?year=2014`)
    assert.equal(pdf.status(), 200)
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-')
  })

  it('national ranking: latest year by default, ranked by evidence with reasons, historic grades, region filter, scope', async () => {
    await page.goto(`${baseUrl}/risk`)
    assert.match((await page.textContent('[data-qa="ranking-year"]')) ?? '', /the latest year with published figures/)
    const top = page.locator('[data-qa="ranked-row"]')
    assert.ok((await top.count()) >= 10)
    for (let i = 0; i < 10; i++) {
      const cells = await top.nth(i).locator('td').allTextContents()
      const low = Number(cells[5].split(' to ')[0].replace(/,/g, ''))
      assert.ok(low > 0, `row ${i + 1} (${cells[1]}): its interval ${cells[5]} includes zero`)
      assert.match(cells[6], /fewer allowing for chance\.$/)
    }
    assert.doesNotMatch((await page.textContent('[data-qa="ranking-table"]')) ?? '', /Isles of Scilly|City of London/)
    await checkPage(page, 'risk-ranking')
    await page.goto(`${baseUrl}/risk?year=2014&measure=cpp_at_31_march`)
    await page.selectOption('#region', 'West Midlands')
    await Promise.all([page.waitForNavigation(), page.click('text=Apply')])
    const rows = await page.locator('[data-qa="ranked-row"]').allTextContents()
    assert.ok(rows.length > 0 && rows.every((r) => r.includes('West Midlands')))
    const birmingham = page.locator('[data-qa="ranked-row"]', { hasText: 'Birmingham' })
    assert.equal(
      await birmingham.locator('[data-qa="grade"]').textContent(),
      'Inadequate',
      'the grade at 31 March 2014',
    )
    const res = await page.goto(`${baseUrl}/la/332/risk`)
    assert.equal(res?.status(), 403)
  })
})
