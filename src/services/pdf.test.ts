import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { loadConfig } from '../config.ts'
import { closePdfBrowser, htmlToPdf, PDF_LIMITS, PdfBusyError, pdfStats } from './pdf.ts'

describe('PDF output: one shared Chromium behind a queue', () => {
  const chromiumPath = loadConfig().chromiumPath
  after(closePdfBrowser)

  it('makes eight PDFs at once with one Chromium, never more than the limit at a time, and refuses past the queue', async () => {
    const before = pdfStats().launches
    const html = (n: number) => `<html><body><h1>Report ${n}</h1><p>${'text '.repeat(200)}</p></body></html>`
    const burst = PDF_LIMITS.concurrent + PDF_LIMITS.queue
    const results = await Promise.allSettled(
      Array.from({ length: burst + 3 }, (_, n) => htmlToPdf(html(n), { chromiumPath })),
    )
    const made = results.filter((r) => r.status === 'fulfilled')
    const busy = results.filter((r) => r.status === 'rejected' && r.reason instanceof PdfBusyError)
    assert.equal(made.length, burst, 'every request within the queue gets its PDF')
    assert.equal(busy.length, 3, 'the rest are told the service is busy')
    for (const r of made) assert.equal((r as PromiseFulfilledResult<Buffer>).value.subarray(0, 5).toString(), '%PDF-')
    const s = pdfStats()
    assert.equal(s.launches - before, 1, 'one Chromium for the whole burst')
    assert.ok(s.peakActive <= PDF_LIMITS.concurrent, `at most ${PDF_LIMITS.concurrent} at once, saw ${s.peakActive}`)
    assert.deepEqual([s.active, s.waiting], [0, 0], 'every slot released')
    const busyError = (busy[0] as PromiseRejectedResult).reason as PdfBusyError
    assert.equal(busyError.status, 503)
    assert.match(busyError.message, /Try again in a minute/)
  })

  it('starts a new Chromium after the shared one is closed, and frees its slot when a render fails', async () => {
    await closePdfBrowser()
    const before = pdfStats().launches
    const pdf = await htmlToPdf('<p>again</p>', { chromiumPath })
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-')
    assert.equal(pdfStats().launches - before, 1)
    await assert.rejects(htmlToPdf('<p>x</p>', { chromiumPath: '/nonexistent/chromium' }), /Chromium was not found/)
    assert.equal(pdfStats().active, 0)
  })
})
