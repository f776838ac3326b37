// The web server reads reports in a worker thread: same answer as in-process, refusals passed on, and a hostile PDF
// stopped at the time limit while the server's event loop keeps running; a short queue refuses a flood.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { after, describe, it } from 'node:test'
import { parseOfstedReport, ReportParseError } from '../../engine/inspections/index.ts'
import { ReportParser } from './reportParser.ts'

const fixture = (path: string) =>
  new Uint8Array(fs.readFileSync(new URL(`../../../test/fixtures/${path}`, import.meta.url)))
const REPORT = fixture('ofsted-reports/medway_2019-08-27_inspection.pdf')

/** 45 MB that starts like a PDF and ends like one: pdf.js scans it all (20-35 s and up to 2 GB in-process). */
function hostilePdf(): Uint8Array {
  const obj = '1 0 obj\n<< /Type /Page /Contents 2 0 R >>\nendobj\n'
  return new Uint8Array(Buffer.from('%PDF-1.4\n' + obj.repeat(Math.floor(45e6 / obj.length)) + '%%EOF\n', 'latin1'))
}

const refusedAs = (code: string, message: RegExp) => (e: unknown) =>
  e instanceof ReportParseError && e.code === code && message.test(e.message)

describe('report parsing worker', () => {
  const parsers: ReportParser[] = []
  const parser = (options: ConstructorParameters<typeof ReportParser>[0]) => {
    const p = new ReportParser(options)
    parsers.push(p)
    return p
  }
  after(async () => {
    for (const p of parsers) await p.close()
  })

  it('reads a real report exactly as the in-process reader does, and passes its refusals on', async () => {
    const p = parser({})
    assert.deepEqual(await p.parse(REPORT), await parseOfstedReport(REPORT))
    await assert.rejects(
      p.parse(fixture('synthetic-reports/html-error-page.pdf')),
      refusedAs('not-pdf', /web page \(HTML\)/),
    )
    await assert.rejects(p.parse(fixture('synthetic-reports/encrypted.pdf')), refusedAs('encrypted', /password/))
  })

  it('stops a hostile 45 MB PDF at the time limit with a clear refusal while the event loop keeps ticking', async () => {
    const p = parser({ timeoutMs: 5000 })
    // The worker is up (a quick refusal, so that a slow first read on a busy machine cannot hit the limit).
    await assert.rejects(p.parse(fixture('synthetic-reports/html-error-page.pdf')), refusedAs('not-pdf', /HTML/))
    const hostile = hostilePdf()
    let ticks = 0
    let longestGap = 0
    let last = performance.now()
    const ticker = setInterval(() => {
      const now = performance.now()
      longestGap = Math.max(longestGap, now - last)
      last = now
      ticks++
    }, 10)
    const started = performance.now()
    try {
      await assert.rejects(
        p.parse(hostile),
        refusedAs('timeout', /took longer than 5 seconds to read, so Sightline stopped/),
      )
    } finally {
      clearInterval(ticker)
    }
    const elapsed = performance.now() - started
    assert.ok(elapsed >= 5000 && elapsed < 15_000, `refused after ${elapsed.toFixed(0)} ms`)
    // In-process the loop would be blocked for the whole 20-35 s read; here it only waits for the 45 MB copy.
    assert.ok(ticks > 100, `only ${ticks} ticks in ${elapsed.toFixed(0)} ms`)
    assert.ok(longestGap < 1500, `the event loop stalled for ${longestGap.toFixed(0)} ms`)
    // The worker was ended and a new one reads the next report.
    assert.equal((await p.parse(fixture('synthetic-reports/monitoring-visit-letter.pdf'))).la, 'Anytown')
  })

  it('refuses reports beyond its short queue as busy, and reads the rest', async () => {
    const p = parser({ maxQueue: 1 })
    await p.parse(REPORT) // the worker is up: the next report is read at once, one waits, the third is refused
    const results = await Promise.allSettled([p.parse(REPORT), p.parse(REPORT), p.parse(REPORT)])
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'fulfilled', 'rejected'],
    )
    assert.ok(refusedAs('busy', /reading several other reports just now/)((results[2] as PromiseRejectedResult).reason))
  })
})
