import fs from 'node:fs'
import { chromium } from 'playwright-core'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export class ChromiumMissingError extends Error {
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

/**
 * Renders a self-contained HTML document to an A4 PDF with headless Chromium (`page.pdf()`). Any feature that needs a PDF
 * (board report, risk report) uses this. Network access from the page is blocked: the document must inline what it needs.
 * @example const pdf = await htmlToPdf('<html>...</html>', { chromiumPath: '/usr/bin/chromium', footer: 'Birmingham' })
 */
export async function htmlToPdf(html: string, options: PdfOptions): Promise<Buffer> {
  if (!fs.existsSync(options.chromiumPath)) throw new ChromiumMissingError(options.chromiumPath)
  const browser = await chromium.launch({ executablePath: options.chromiumPath, args: CHROMIUM_ARGS, headless: true })
  try {
    const context = await browser.newContext({ javaScriptEnabled: false })
    await context.route('**/*', (route) =>
      route.request().url().startsWith('data:') ? route.continue() : route.abort(),
    )
    const page = await context.newPage()
    await page.setContent(html, { waitUntil: 'load' })
    const footer = `<div style="font-family: Arial, sans-serif; font-size: 8px; width: 100%; padding: 0 12mm; display: flex; justify-content: space-between; color: #505a5f;">
      <span>${escapeHtml(options.footer ?? '')}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`
    return await page.pdf({
      format: 'A4',
      landscape: options.landscape ?? false,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: footer,
      margin: { top: '14mm', bottom: '16mm', left: '12mm', right: '12mm' },
    })
  } finally {
    await browser.close()
  }
}

function escapeHtml(s: string) {
  return s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!)
}
