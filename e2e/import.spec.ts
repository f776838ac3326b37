import assert from 'node:assert/strict'
import path from 'node:path'
import { beforeEach, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { baseUrl, checkPage, e2eUnavailable } from './support/browser.ts'
import { signedInSession } from './support/session.ts'

describe('importing a real Ofsted report in Chromium', { skip: e2eUnavailable() }, () => {
  const session = signedInSession('dfe.adviser')
  let page: Page
  beforeEach(() => {
    page = session.page
  })

  it('reads Norfolk 2023, shows every field for review with its flag, and saves only when confirmed', async () => {
    await page.goto(`${baseUrl}/la/926/reports/import`)
    await page.setInputFiles('input[type=file]', path.resolve('test/fixtures/ofsted-reports/norfolk_2023-01-13_inspection.pdf'))
    await Promise.all([page.waitForNavigation(), page.click('[data-qa="read-report"]')])
    assert.match(await page.title(), /Check the report before saving/)
    assert.match((await page.textContent('[data-qa="flags"]')) ?? '', /Publication date/)
    assert.equal(await page.locator('[data-qa="recommendation"]').count(), 3)
    assert.equal(await page.inputValue('#framework'), 'ILACS')
    await checkPage(page, 'import-review-norfolk')
  })
})
