/**
 * Report reader speed, in-process. (1) Each real Ofsted report in test/fixtures/ofsted-reports (17 PDFs, 2013-2024)
 * read a number of times: milliseconds per report (median), and the longest report against the 1 s reference. (2) A
 * whole corpus read once, in one run: pages per second against the 50 pages/s reference (the 227-report corpus in
 * ../shared/data/ofsted-reports-corpus where it exists, else the 65 corpus fixtures). Wall-clock and CPU time are
 * both printed: on a shared machine the CPU time says what the reader costs, the wall time what a person waits.
 * Usage: npm run bench:reports [-- --rounds 3] [-- --corpus DIR]
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseOfstedReport, ReportParseError } from '../../src/engine/inspections/index.ts'

const arg = (name: string) => {
  const i = process.argv.indexOf(name)
  return i > 0 ? process.argv[i + 1] : undefined
}
const ROUNDS = Number(arg('--rounds') ?? 3)
const LONGEST_REFERENCE_MS = 1000
const CORPUS_REFERENCE_PAGES_PER_S = 50
const DIR = path.resolve('test/fixtures/ofsted-reports')
// ../shared beside the main checkout (/work/main), or beside a worktree's parent (/work/wt/NAME).
const SHARED = ['..', '../..'].map((up) => path.resolve(up, 'shared/data/ofsted-reports-corpus')).find(fs.existsSync)
const CORPUS = path.resolve(arg('--corpus') ?? SHARED ?? 'test/fixtures/ofsted-reports-corpus')
const pdfsIn = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith('.pdf'))
    .sort()
const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since)
  return (u.user + u.system) / 1000
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

let peakRss = 0
let slowest = { file: '', ms: 0, cpu: 0, pages: 0 }
console.log(`Reading the ${pdfsIn(DIR).length} reports of ${path.relative('.', DIR)}, ${ROUNDS} rounds each`)
for (const file of pdfsIn(DIR)) {
  const bytes = new Uint8Array(fs.readFileSync(path.join(DIR, file)))
  const { pages } = await parseOfstedReport(bytes) // warm-up
  const wall: number[] = []
  const cpu: number[] = []
  for (let r = 0; r < ROUNDS; r++) {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    await parseOfstedReport(bytes)
    wall.push(performance.now() - t0)
    cpu.push(cpuMs(c0))
    peakRss = Math.max(peakRss, process.memoryUsage().rss)
  }
  const ms = median(wall)
  if (ms > slowest.ms) slowest = { file, ms, cpu: median(cpu), pages }
  console.log(
    `  ${file.padEnd(55)} ${String(pages).padStart(3)} pages  ${ms.toFixed(0).padStart(5)} ms (CPU ${median(cpu).toFixed(0)} ms)`,
  )
}
console.log(
  `Slowest: ${slowest.file}, ${slowest.pages} pages, ${slowest.ms.toFixed(0)} ms (CPU ${slowest.cpu.toFixed(0)} ms): ${(LONGEST_REFERENCE_MS / slowest.ms).toFixed(1)}x faster than the ${LONGEST_REFERENCE_MS} ms reference`,
)

const files = pdfsIn(CORPUS)
let pages = 0
let refused = 0
const c0 = process.cpuUsage()
const t0 = performance.now()
for (const file of files) {
  try {
    pages += (await parseOfstedReport(new Uint8Array(fs.readFileSync(path.join(CORPUS, file))))).pages
  } catch (err) {
    if (!(err instanceof ReportParseError)) throw err
    refused++
  }
  peakRss = Math.max(peakRss, process.memoryUsage().rss)
}
const seconds = (performance.now() - t0) / 1000
const cpuSeconds = cpuMs(c0) / 1000
console.log(
  `Whole corpus (${path.relative('.', CORPUS) || CORPUS}): ${files.length} reports (${refused} refused), ${pages} pages in ${seconds.toFixed(1)} s (CPU ${cpuSeconds.toFixed(1)} s): ${(pages / seconds).toFixed(0)} pages/s (${(pages / cpuSeconds).toFixed(0)} per CPU second), ${(pages / seconds / CORPUS_REFERENCE_PAGES_PER_S).toFixed(1)}x the ${CORPUS_REFERENCE_PAGES_PER_S} pages/s reference`,
)
console.log(
  `Peak RSS: ${(peakRss / 1048576).toFixed(0)} MB; load average ${(await import('node:os')).loadavg()[0].toFixed(1)}`,
)
