// The web server reads reports in a worker thread: same answer as in-process, refusals passed on, and a hostile PDF
// stopped at the time limit while the server's event loop keeps running; a short queue refuses a flood.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
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
  // Starting a worker costs about 2.5 CPU s (its loader, pdf.js and a first read), so the tests with the default
  // options share one parser. Each test still brings its worker up and warm itself (a parser whose worker was ended
  // starts another), so none depends on what an earlier test left.
  let shared: ReportParser | undefined
  const defaultParser = () => (shared ??= parser({}))

  it('reads a real report exactly as the in-process reader does, and passes its refusals on', async () => {
    const p = defaultParser()
    assert.deepEqual(await p.parse(REPORT), await parseOfstedReport(REPORT))
    await assert.rejects(
      p.parse(fixture('synthetic-reports/html-error-page.pdf')),
      refusedAs('not-pdf', /web page \(HTML\)/),
    )
    await assert.rejects(p.parse(fixture('synthetic-reports/encrypted.pdf')), refusedAs('encrypted', /password/))
  })

  it('refuses a hostile 45 MB PDF with a clear message while the event loop keeps ticking', async () => {
    const p = defaultParser()
    // The worker is up and has read a report, so the next read's time is reading only.
    await assert.rejects(p.parse(fixture('synthetic-reports/html-error-page.pdf')), refusedAs('not-pdf', /HTML/))
    assert.equal((await p.parse(fixture('synthetic-reports/monitoring-visit-letter.pdf'))).la, 'Anytown')
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
      // A warm worker finds it damaged within a second; a cold one on a busy machine hits the time limit. Either way
      // the refusal is clear and the server's event loop never waits for it.
      await assert.rejects(
        p.parse(hostile),
        (e: unknown) =>
          refusedAs('corrupt', /cannot be read: it may be damaged/)(e) ||
          refusedAs('timeout', /took longer than \d+ seconds? to read, so Sightline stopped/)(e),
      )
    } finally {
      clearInterval(ticker)
    }
    const elapsed = performance.now() - started
    assert.ok(elapsed < 25_000, `refused after ${elapsed.toFixed(0)} ms`)
    // In-process the loop would be blocked for the whole 20-35 s read; here it only waits for the 45 MB copy.
    assert.ok(ticks > elapsed / 40, `only ${ticks} ticks in ${elapsed.toFixed(0)} ms`)
    assert.ok(longestGap < 1500, `the event loop stalled for ${longestGap.toFixed(0)} ms`)
    assert.equal((await p.parse(fixture('synthetic-reports/monitoring-visit-letter.pdf'))).la, 'Anytown')
  })

  it('stops a read at its time limit with a clear refusal, and a new worker reads the next report', async () => {
    const p = defaultParser()
    assert.equal((await p.parse(REPORT)).la.length > 0, true) // the worker is up and warm
    // One millisecond is less than any machine takes to read a 48-page report: the limit, not the machine, decides.
    await assert.rejects(
      p.parse(REPORT, { timeoutMs: 1 }),
      refusedAs('timeout', /took longer than 1 second to read, so Sightline stopped/),
    )
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

it('never keeps a process alive: one that read a report exits without closing the parser', () => {
  // A ten-minute idle time: the worker would only end then. The process must exit as soon as its own work is done.
  const script = `import(${JSON.stringify(new URL('./reportParser.ts', import.meta.url).href)}).then(async ({ ReportParser }) => {
    const p = new ReportParser({ idleMs: 600000 })
    const r = await p.parse(new Uint8Array((await import('node:fs')).readFileSync(${JSON.stringify(new URL('../../../test/fixtures/synthetic-reports/monitoring-visit-letter.pdf', import.meta.url).pathname)})))
    console.log('read', r.la)
  })`
  const loader = new URL('../../../test/support/ts/register.mjs', import.meta.url).href
  const r = spawnSync(process.execPath, ['--import', loader, '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 90_000,
  })
  assert.equal(r.signal, null, 'the process had to be killed: the parser kept it alive')
  assert.equal(r.status, 0, r.stderr)
  assert.match(r.stdout, /read Anytown/)
})
