import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'
import { baseUrl, checkPage, e2eUnavailable, launch, newPage, runAxe, signIn } from './support/browser.ts'

const skip = e2eUnavailable()

describe('foundation pages in Chromium', { skip }, () => {
  let browser: Browser
  let page: Page
  before(async () => {
    browser = await launch()
    page = await newPage(browser)
  })
  after(async () => browser?.close())

  it('sign-in page shows GOV.UK errors for an empty form and a wrong password', async () => {
    await page.goto(`${baseUrl}/sign-in`)
    await checkPage(page, 'sign-in')
    await page.click('[data-qa="sign-in"]')
    assert.match((await page.textContent('.govuk-error-summary')) ?? '', /Enter your username/)
    await checkPage(page, 'sign-in-errors')
    await page.fill('#username', 'admin')
    await page.fill('#password', 'not the password')
    await page.click('[data-qa="sign-in"]')
    assert.match((await page.textContent('.govuk-error-summary')) ?? '', /username or password is not right/)
  })

  it('an administrator signs in, sees the intact audit trail and signs out', async () => {
    await signIn(page, 'admin')
    await page.goto(`${baseUrl}/audit`)
    assert.match((await page.textContent('[data-qa="audit-verified"]')) ?? '', /Chain intact/)
    assert.match((await page.textContent('[data-qa="audit-table"]')) ?? '', /auth\.sign-in/)
    await checkPage(page, 'audit')
    await Promise.all([page.waitForNavigation(), page.click('[data-qa="sign-out"]')])
    assert.ok(page.url().endsWith('/sign-in'))
  })

  it('unknown pages get the GOV.UK 404 page', async () => {
    const res = await page.goto(`${baseUrl}/no-such-page`)
    assert.equal(res?.status(), 404)
    assert.equal(await page.textContent('h1'), 'Page not found')
    await checkPage(page, 'not-found')
  })

  it('checkPage runs the same axe checks as @axe-core/playwright and fails on a violation', async () => {
    // An image without a text alternative, grey on white text, and content outside any landmark (on a blank page: the
    // app's content security policy would block the inline style).
    await page.goto('about:blank')
    await page.setContent(
      '<html lang="en"><head><title>Bad</title></head><body><img src="data:,x"><main><p style="color:#aaa">This text is too faint to read</p></main></body></html>',
    )
    const ours = await runAxe(page)
    const theirs = await new AxeBuilder({ page })
      .options({ rules: { region: { enabled: true } } })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze()
    const found = (r: typeof ours) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' '))}`)
    assert.deepEqual(found(ours), found(theirs))
    assert.deepEqual(
      ours.violations.map((v) => v.id),
      ['color-contrast', 'image-alt', 'region'],
    )
    const rules = (r: typeof ours) =>
      [r.passes, r.incomplete, r.inapplicable]
        .flat()
        .map((x) => x.id)
        .sort()
    assert.deepEqual(rules(ours), rules(theirs), 'the same rules ran')
    await assert.rejects(checkPage(page, 'axe-violations'), /image-alt/)
  })
})
