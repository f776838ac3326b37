import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { fillDate, submit } from './planSteps.ts'

/**
 * Imports an Ofsted report (PDF) for an LA and confirms it as read, filling in the publication date from Ofsted's
 * listing when the report does not print one. Ends on the LA's plans page, which says the report was saved.
 */
export async function importReport(page: Page, laUrl: string, pdf: string, published: string) {
  await page.goto(`${laUrl}/reports/import`)
  await page.setInputFiles('input[type=file]', pdf)
  await submit(page, '[data-qa="read-report"]')
  assert.match(await page.title(), /Check the report before saving/)
  if (!(await page.inputValue('#published-year'))) await fillDate(page, 'published', published)
  await page.check('#checked')
  await submit(page, '[data-qa="save-report"]')
  assert.equal(page.url(), `${laUrl}/plans`)
  assert.match((await page.textContent('main')) ?? '', /Report saved with \d+ recommendations?/)
}
