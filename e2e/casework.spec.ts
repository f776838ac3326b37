import assert from 'node:assert/strict'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { SCREENSHOT_DIR, baseUrl, checkPage, e2eUnavailable, launch, newPage, signIn } from './support/browser.ts'

const FIXTURES = path.resolve('test/fixtures/casework')
const fixture = (name: string) => path.join(FIXTURES, name)
const SAMPLES = ['liia_Annex_A.xlsx', 'SSDA903_2020_header.csv', 'SSDA903_2020_episodes.csv'].map(fixture)

/** Waits for the status page (which refreshes itself) to show the upload read, up to a minute. */
async function waitForRead(page: Page) {
  await page.waitForSelector(
    '[data-qa="upload-status"][data-state="complete"], [data-qa="upload-status"][data-state="rejected"]',
    {
      timeout: 60_000,
    },
  )
}

async function fillAsAt(page: Page) {
  await page.fill('#asAt-day', '31')
  await page.fill('#asAt-month', '3')
  await page.fill('#asAt-year', '2021')
}

const opts = { skip: e2eUnavailable(), timeout: 600_000 }

describe('casework returns in Chromium: upload, status, snapshots, data quality', opts, () => {
  let browser: Browser | undefined
  let page: Page

  before(async () => {
    browser = await launch()
    page = await newPage(browser)
    await signIn(page, 'analyst')
  })
  after(async () => browser?.close())

  it('uploads the Annex A workbook and SSDA903 files at once (with JavaScript: progress), then sees the snapshot current', async () => {
    await page.goto(`${baseUrl}/la/331/casework`)
    await checkPage(page, 'casework-snapshots-empty')
    await Promise.all([page.waitForNavigation(), page.click('[data-qa="casework-upload-link"]')])
    assert.match(page.url(), /\/la\/331\/casework\/upload$/)
    await checkPage(page, 'casework-upload')
    await page.setInputFiles('#files', SAMPLES)
    await fillAsAt(page)
    await Promise.all([page.waitForURL(/\/casework\/uploads\//), page.click('[data-qa="casework-upload-submit"]')])
    await waitForRead(page)
    assert.equal(await page.getAttribute('[data-qa="upload-status"]', 'data-state'), 'complete')
    const files = (await page.textContent('[data-qa="upload-files"]')) ?? ''
    for (const f of SAMPLES) assert.ok(files.includes(path.basename(f)), `${path.basename(f)} listed`)
    await checkPage(page, 'casework-upload-status')

    await Promise.all([page.waitForNavigation(), page.click('[data-qa="quality-report-link"]')])
    assert.match(page.url(), /\/casework\/snapshots\/\d+\/quality$/)
    const all = await page.locator('[data-qa="quality-issue"]').count()
    assert.ok(all > 0, 'the samples have data-quality issues')
    await checkPage(page, 'casework-quality')
    await page.selectOption('#severity', 'warning')
    await Promise.all([page.waitForNavigation(), page.click('[data-qa="quality-filter"]')])
    const warnings = await page.locator('[data-qa="quality-issue"]').allTextContents()
    assert.ok(warnings.length <= all)
    assert.ok(warnings.every((t) => t.includes('Warning')))
    const csv = await page.request.get(baseUrl + (await page.getAttribute('[data-qa="quality-csv"]', 'href'))!)
    assert.equal(csv.status(), 200)
    assert.match(await csv.text(), /^Severity,File or source,Sheet or list,Row,Column,Value,Problem/)

    await page.goto(`${baseUrl}/la/331/casework`)
    assert.equal(await page.locator('[data-qa="casework-snapshots"] [data-qa="current"]').count(), 1)
    await checkPage(page, 'casework-snapshots')
  })

  it('without JavaScript: a plain form, then a status page that refreshes itself until the upload is read', async () => {
    const context = await browser!.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } })
    const plain = await context.newPage()
    await signIn(plain, 'analyst')
    await plain.goto(`${baseUrl}/la/331/casework/upload`)
    await plain.setInputFiles('#files', [
      fixture('SSDA903_episodes_for_testing_fixes_INPUT.csv'),
      fixture('CIN_Census_2021.xml'),
    ])
    await fillAsAt(plain)
    await Promise.all([plain.waitForURL(/\/casework\/uploads\//), plain.click('[data-qa="casework-upload-submit"]')])
    await waitForRead(plain)
    // The sample CIN census is City of London's (201): the whole upload is rejected, nothing from it visible.
    assert.equal(await plain.getAttribute('[data-qa="upload-status"]', 'data-state'), 'rejected')
    assert.match((await plain.textContent('[data-qa="upload-rejected"]')) ?? '', /CIN census of LA 201, not of LA 331/)
    // axe runs its script in the page, which this context forbids: a screenshot only (axe checks the JS-on pages).
    await plain.screenshot({ path: path.join(SCREENSHOT_DIR, 'casework-upload-rejected-nojs.png'), fullPage: true })
    await plain.goto(`${baseUrl}/la/331/casework`)
    assert.equal(await plain.locator('[data-qa="casework-snapshots"] [data-qa="current"]').count(), 1)
    await context.close()
  })

  it('an upload with no file comes back with the error beside the file field', async () => {
    await page.goto(`${baseUrl}/la/331/casework/upload`)
    await Promise.all([page.waitForLoadState('load'), page.click('[data-qa="casework-upload-submit"]')])
    await page.waitForSelector('#files-error')
    assert.match((await page.textContent('#files-error')) ?? '', /Choose at least one file/)
    assert.match((await page.textContent('.govuk-error-summary')) ?? '', /Choose at least one file/)
  })

  it('oversight and national users are refused the casework pages', async () => {
    for (const who of ['commissioner', 'dfe.adviser']) {
      const other = await newPage(browser!)
      await signIn(other, who)
      const res = await other.goto(`${baseUrl}/la/331/casework`)
      assert.equal(res?.status(), 403, who)
      await other.context().close()
    }
  })
})
