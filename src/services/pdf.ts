import fs from 'node:fs'
import type { Browser, BrowserContext } from 'playwright-core'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export class ChromiumMissingError extends Error {
  status = 503
  constructor(path: string) {
    super(
      `Chromium was not found at ${path}, so the PDF cannot be made. Install it with ` +
        '`apt-get install -y --no-install-recommends chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to an installed Chromium.',
    )
  }
}

export interface PdfOptions {
  chromiumPath: string
  /** Footer text on every page, beside the page number. */
  footer?: string
  landscape?: boolean
}

/** Past the queue: every PDF slot is busy and enough are waiting. Shown as 503 with this sentence. */
export class PdfBusyError extends Error {
  status = 503
  expose = true
  constructor() {
    super('Sightline is making other PDFs just now. Try again in a minute.')
  }
}

/** One Chromium for the whole process, at most LIMITS.concurrent pages at once and LIMITS.queue waiting. */
export const PDF_LIMITS = { concurrent: 2, queue: 6, timeoutMs: 60_000, idleCloseMs: 30_000 }

let browser: Promise<Browser> | undefined
let idleTimer: NodeJS.Timeout | undefined
let active = 0
const waiting: Array<() => void> = []
const stats = { launches: 0, peakActive: 0 }

/** How many Chromium processes were started and the most renders that ran at once (for tests and benchmarks). */
export const pdfStats = () => ({ ...stats, active, waiting: waiting.length })

function sharedBrowser(chromiumPath: string): Promise<Browser> {
  if (!browser) {
    stats.launches++
    // playwright-core takes about half a second to load: loaded with the first PDF, not with every start and command.
    const launching = import('playwright-core').then(({ chromium }) =>
      chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true }),
    )
    browser = launching
    launching.then(
      (b) => b.on('disconnected', () => browser === launching && (browser = undefined)),
      () => browser === launching && (browser = undefined),
    )
  }
  return browser
}

async function acquire() {
  if (active < PDF_LIMITS.concurrent) {
    active++
  } else {
    if (waiting.length >= PDF_LIMITS.queue) throw new PdfBusyError()
    await new Promise<void>((resolve) => waiting.push(resolve)) // the releaser hands its slot over
  }
  stats.peakActive = Math.max(stats.peakActive, active)
  if (idleTimer) clearTimeout(idleTimer)
}

function release() {
  const next = waiting.shift()
  if (next) return next()
  active--
  if (active === 0) idleTimer = setTimeout(() => void closePdfBrowser(), PDF_LIMITS.idleCloseMs).unref()
}

/** Closes the shared Chromium (at shutdown, in tests, and after a quiet spell so it holds no memory). */
export async function closePdfBrowser() {
  const b = browser
  browser = undefined
  if (b) await (await b.catch(() => undefined))?.close()
}

/**
 * Renders a self-contained HTML document to an A4 PDF with headless Chromium (`page.pdf()`). Any feature that needs a PDF
 * (board report, risk report) uses this. Network access from the page is blocked: the document must inline what it needs.
 * Renders share one Chromium, each in its own context; past the queue the caller gets PdfBusyError.
 * @example const pdf = await htmlToPdf('<html>...</html>', { chromiumPath: '/usr/bin/chromium', footer: 'Birmingham' })
 */
export async function htmlToPdf(html: string, options: PdfOptions): Promise<Buffer> {
  if (!fs.existsSync(options.chromiumPath)) throw new ChromiumMissingError(options.chromiumPath)
  await acquire()
  try {
    const context = await (await sharedBrowser(options.chromiumPath)).newContext({ javaScriptEnabled: false })
    try {
      return await render(context, html, options)
    } finally {
      await context.close()
    }
  } finally {
    release()
  }
}

async function render(context: BrowserContext, html: string, options: PdfOptions) {
  context.setDefaultTimeout(PDF_LIMITS.timeoutMs)
  await context.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()))
  const page = await context.newPage()
  await page.setContent(html, { waitUntil: 'load' })
  const footer = `<div style="font-family: Arial, sans-serif; font-size: 8px; width: 100%; padding: 0 12mm; display: flex; justify-content: space-between; color: #505a5f;">
      <span>${escapeHtml(options.footer ?? '')}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`
  return page.pdf({
    format: 'A4',
    landscape: options.landscape ?? false,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: '<span></span>',
    footerTemplate: footer,
    margin: { top: '14mm', bottom: '16mm', left: '12mm', right: '12mm' },
  })
}

function escapeHtml(s: string) {
  return s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!)
}
