import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { baseUrl, checkPage, e2eUnavailable, launch, newPage, requester, signIn } from './support/browser.ts'

/** Where each demo account lands after signing in, and what it must see there. */
const LANDINGS: Array<{ username: string; path: RegExp; heading: RegExp; qa?: string }> = [
  { username: 'dfe.adviser', path: /\/$/, heading: /^National overview$/ },
  { username: 'readonly', path: /\/$/, heading: /^National overview$/ },
  { username: 'commissioner', path: /\/to-review$/, heading: /^To review$/, qa: 'submissions' },
  {
    username: 'partnership.chair',
    path: /\/partnership$/,
    heading: /^Safeguarding partnership$/,
    qa: 'partnership-recommendations',
  },
  { username: 'norfolk.lead', path: /\/la\/926$/, heading: /Norfolk/ },
  { username: 'dcs', path: /\/$/, heading: /^Your local authorities$/ },
]

describe('each role lands where its work is', { skip: e2eUnavailable() }, () => {
  let browser: Browser
  before(async () => {
    browser = await launch()
  })
  after(async () => browser?.close())

  for (const l of LANDINGS)
    it(`${l.username} lands on ${l.path.source}`, async () => {
      const page = await newPage(browser)
      await signIn(page, l.username)
      assert.match(new URL(page.url()).pathname, l.path)
      assert.match(((await page.textContent('h1')) ?? '').trim(), l.heading)
      if (l.qa) assert.ok(await page.locator(`[data-qa="${l.qa}"]`).count(), `${l.qa} is on the page`)
      // No link on the landing page leads to a page the person may not open.
      const get = await requester(page)
      const hrefs = await page.locator('main a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))
      for (const href of [...new Set(hrefs)].filter((h) => !/\.(csv|ics|pdf|xlsx)/.test(h)).slice(0, 25)) {
        const res = await get(`${baseUrl}${href}`)
        await res.arrayBuffer()
        assert.notEqual(res.status, 403, `${l.username}: ${href} is linked but forbidden`)
      }
      await checkPage(page, `landing-${l.username}`)
      await page.context().close()
    })

  it("the LA page shows the intervention, the delivery arrangement and the plan's state", async () => {
    const page = await newPage(browser)
    await signIn(page, 'dfe.adviser')
    await page.goto(`${baseUrl}/la/330`)
    assert.match((await page.textContent('[data-qa="intervention-in-force"]')) ?? '', /^No intervention in force/)
    assert.match(
      (await page.textContent('[data-qa="delivery"]')) ?? '',
      /^Services delivered by a trust since 1 April 2018/,
    )
    await page.goto(`${baseUrl}/la/331`)
    assert.match(
      (await page.textContent('[data-qa="plan-state"]')) ?? '',
      /: (Draft|Submitted for review|Accepted|Returned for changes)/,
    )
    await checkPage(page, 'la-coventry-oversight')
    await page.context().close()
  })
})
