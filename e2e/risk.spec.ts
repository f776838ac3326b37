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
    assert.match(headline, /fewer children than expected, with a 95% interval from [\d,]+ to [\d,]+/)
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

  it('national ranking lists LAs by gap, filters by region, and the commissioner cannot open another LA', async () => {
    await page.goto(`${baseUrl}/risk?year=2014&measure=cpp_at_31_march`)
    assert.ok((await page.locator('[data-qa="ranking-table"] tbody tr').count()) > 140)
    await checkPage(page, 'risk-ranking')
    await page.selectOption('#region', 'West Midlands')
    await Promise.all([page.waitForNavigation(), page.click('text=Apply')])
    const rows = await page.locator('[data-qa="ranking-table"] tbody tr').allTextContents()
    assert.ok(rows.length > 5 && rows.length < 20 && rows.every((r) => r.includes('West Midlands')))
    const res = await page.goto(`${baseUrl}/la/332/risk`)
    assert.equal(res?.status(), 403)
  })
})
