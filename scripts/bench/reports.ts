/**
 * Report reader speed: reads each real Ofsted report in test/fixtures/ofsted-reports (17 PDFs, 2013-2024) a number of
 * times and prints milliseconds per report, pages per second and peak memory, with the ratio to the reference: a
 * person should see the review page within 2 seconds of uploading even the longest (50-page) SIF report.
 * Usage: npm run bench:reports [-- --rounds 3]
 */
import fs from 'node:fs'
import path from 'node:path'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { parseOfstedReport } from '../../src/engine/inspections/index.ts'

const i = process.argv.indexOf('--rounds')
const ROUNDS = i > 0 ? Number(process.argv[i + 1]) : 3
const REFERENCE_MS = 2000
const DIR = path.resolve('test/fixtures/ofsted-reports')
const files = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.pdf'))
  .sort()

let totalPages = 0
let totalMs = 0
let slowest = { file: '', ms: 0, pages: 0 }
let peakRss = 0
console.log(`Reading ${files.length} reports, ${ROUNDS} rounds each`)
for (const file of files) {
  const bytes = new Uint8Array(fs.readFileSync(path.join(DIR, file)))
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise
  const pages = doc.numPages
  await doc.destroy()
  await parseOfstedReport(bytes) // warm-up
  const times: number[] = []
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now()
    const result = await parseOfstedReport(bytes)
    times.push(performance.now() - t0)
    if (!result.framework) throw new Error(`${file}: no framework`)
    peakRss = Math.max(peakRss, process.memoryUsage().rss)
  }
  const ms = times.sort((a, b) => a - b)[Math.floor(times.length / 2)]
  totalPages += pages
  totalMs += ms
  if (ms > slowest.ms) slowest = { file, ms, pages }
  console.log(`  ${file.padEnd(55)} ${String(pages).padStart(3)} pages  ${ms.toFixed(0).padStart(5)} ms`)
}
console.log(
  `All reports: ${totalMs.toFixed(0)} ms for ${totalPages} pages (${((totalPages / totalMs) * 1000).toFixed(0)} pages/s; median of ${ROUNDS} rounds each)`,
)
console.log(
  `Slowest: ${slowest.file}, ${slowest.pages} pages, ${slowest.ms.toFixed(0)} ms: ${(REFERENCE_MS / slowest.ms).toFixed(1)}x faster than the ${REFERENCE_MS} ms reference`,
)
console.log(`Peak RSS: ${(peakRss / 1048576).toFixed(0)} MB`)
