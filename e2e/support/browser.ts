import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import type { AxeResults, RunOptions, run as axeRun } from 'axe-core'
import { chromium, type Browser, type Page } from 'playwright-core'

/**
 * End-to-end support: the test runner (scripts/run-tests.mjs) starts one Sightline server in demo mode for the e2e
 * run and passes its address (E2E_BASE_URL) and data directory (E2E_DATA_DIR, holding the demo passwords).
 */
export const baseUrl = process.env.E2E_BASE_URL ?? ''
export const SCREENSHOT_DIR = path.resolve('test-output', 'screenshots')
/**
 * The browser: Chromium's headless shell when installed (what Playwright itself runs for headless tests: the same Blink
 * engine without the full browser's UI process; the e2e suite spends about a quarter less CPU in it), else Chromium.
 */
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell'
const CHROMIUM = process.env.CHROMIUM_PATH ?? (fs.existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium')

/** Why e2e tests cannot run here, or undefined when they can. Tests skip with this reason. */
export function e2eUnavailable(): string | undefined {
  if (!baseUrl) return 'no e2e server: run through `npm test` (scripts/run-tests.mjs starts one)'
  if (!fs.existsSync(CHROMIUM))
    return `Chromium not found at ${CHROMIUM}: apt-get install -y --no-install-recommends chromium chromium-headless-shell`
  return undefined
}

/**
 * Waits until the e2e server answers /health: npm test starts it beside the first test files, so a spec may begin
 * before it is up. The runner writes E2E_STATUS_FILE once the server is ready or could not start (then this fails
 * with the runner's reason).
 */
export async function serverReady(timeoutMs = 600_000): Promise<void> {
  const statusFile = process.env.E2E_STATUS_FILE
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const status = statusFile && fs.existsSync(statusFile) ? fs.readFileSync(statusFile, 'utf8') : undefined
    if (status?.startsWith('failed')) throw new Error(`the e2e server did not start: ${status}`)
    if (status === 'ready' || !statusFile) return
    if (Date.now() > deadline)
      throw new Error(`the e2e server was not ready at ${baseUrl} within ${timeoutMs / 1000} s`)
    await new Promise((r) => setTimeout(r, 500))
  }
}

export async function launch(): Promise<Browser> {
  await serverReady()
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** A fresh page in its own context (axe needs pages made through browser.newContext()). */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  return context.newPage()
}

export function demoPassword(username: string): string {
  const file = path.join(process.env.E2E_DATA_DIR ?? '', 'demo-accounts.json')
  const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>
  assert.ok(saved[username], `no demo account ${username}`)
  return saved[username]
}

export async function signIn(page: Page, username: string) {
  await page.goto(`${baseUrl}/sign-in`)
  await page.fill('#username', username)
  await page.fill('#password', demoPassword(username))
  await Promise.all([page.waitForNavigation(), page.click('[data-qa="sign-in"]')])
  assert.ok(!page.url().includes('/sign-in'), `sign-in as ${username} failed`)
}

/**
 * GET requests as the person signed in on the page (its context's cookies), from Node's fetch: the crawls (words.spec,
 * navigation.spec) fetch hundreds of pages they only read as text, and each response through Playwright's request API
 * passes through its protocol objects (words.spec: about 0.9 CPU s less this way). Redirects are followed, as there.
 */
export async function requester(page: Page) {
  const cookie = (await page.context().cookies(baseUrl)).map((c) => `${c.name}=${c.value}`).join('; ')
  return (url: string) => fetch(url, { headers: { cookie } })
}

/**
 * Whether checkPage saves a full-page screenshot for people to look at (it asserts nothing): yes in `npm run test:e2e`
 * and for specs named on the command line; a whole `npm test` run sets E2E_SCREENSHOTS=off (scripts/run-tests.mjs), as
 * the 50-odd screenshots cost about 0.25 CPU s each in Chromium. E2E_SCREENSHOTS=on keeps them in a whole run.
 */
const SCREENSHOTS = process.env.E2E_SCREENSHOTS !== 'off'

/**
 * What axe checks on every page: the WCAG 2.2 AA tags, and "region" (all content inside a landmark), a best-practice
 * rule outside those tags that runs as well, in the same pass (axe runs a rule enabled in options.rules whatever the
 * tags).
 */
const AXE_OPTIONS: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  rules: { region: { enabled: true } },
  // Every node of a violation is reported; of the rules that passed, were inapplicable or need review, axe lists one
  // node each instead of all (their nodes are never read here): on the national overview (185 KB) that was about a
  // fifth of axe's time, building a selector for every cell.
  resultTypes: ['violations'],
}
/** axe-core's minified build: the copy @axe-core/playwright depends on (its full source is the same code, unminified). */
const axeCorePath = createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright')).resolve('axe-core')
const AXE_SOURCE = fs.readFileSync(path.join(path.dirname(axeCorePath), 'axe.min.js'), 'utf8')

/**
 * Runs axe-core in the page (no page in the app has a frame), injecting it only when the document does not hold it
 * yet. @axe-core/playwright's AxeBuilder opened a blank page for every check and injected axe twice (into the page and
 * the blank page); this is the same axe.run with the same options, in the page itself. The results come back as one
 * JSON string, which Playwright passes far more cheaply than the object itself.
 */
export async function runAxe(page: Page): Promise<AxeResults> {
  if (!(await page.evaluate('typeof window.axe?.run === "function"'))) await page.evaluate(AXE_SOURCE)
  const json = await page.evaluate(
    async (options) =>
      JSON.stringify(await (window as unknown as { axe: { run: typeof axeRun } }).axe.run(document, options)),
    AXE_OPTIONS,
  )
  return JSON.parse(json) as AxeResults
}

/** Runs axe (WCAG 2.2 AA, and the region rule) on the page, saves a full-page screenshot, and fails on any violation. */
export async function checkPage(page: Page, name: string) {
  // A page reached by its own refresh (the upload status page) may hold the awaited element before its stylesheet has
  // loaded: axe then measured unstyled links (target-size, once in a whole run). Check the page as people see it.
  await page.waitForLoadState('load')
  if (SCREENSHOTS) {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true })
  }
  const results = await runAxe(page)
  const ran = [results.passes, results.violations, results.incomplete, results.inapplicable].flat().map((r) => r.id)
  assert.ok(ran.includes('region'), `axe did not run the region rule on ${name}`)
  assert.ok(ran.includes('color-contrast'), `axe did not run the WCAG rules on ${name}`)
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join('; ')}`,
  )
  assert.deepEqual(summary, [], `axe found WCAG violations on ${name}`)
}
