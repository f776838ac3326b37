/**
 * Simulator throughput: a national year (every current LA, as at 31 March 2014, scale 1, every format) written to a
 * temporary directory, then removed. Prints MB/s, records/s and peak memory, and ends with one line
 * `bench:simulate {json}`. Usage: npm run bench:simulate [-- --scale 0.2 --as-at 2014-03-31 --formats cin-xml]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { runSimulation, simulateOptions } from '../../src/services/simulateService.ts'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : fallback
}
const scale = arg('scale', '1')
const asAt = arg('as-at', '2014-03-31')
const formats = arg('formats', '')

function sizeOf(dir: string): { bytes: number; files: number } {
  let bytes = 0
  let files = 0
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) {
      const s = sizeOf(p)
      bytes += s.bytes
      files += s.files
    } else {
      bytes += fs.statSync(p).size
      files++
    }
  }
  return { bytes, files }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-simulate-'))
const out = path.join(tmp, 'national')
let peak = 0
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200)
try {
  const o = simulateOptions({ la: 'all', asAt, scale, seed: 'bench', ...(formats ? { formats } : {}) })
  console.log(`Simulating ${o.las.length} LAs as at ${asAt}, scale ${scale}, formats ${o.formats.join(', ')}`)
  const t0 = performance.now()
  const stats = await runSimulation(o, out, (la, i) => {
    if (i % 25 === 0)
      console.log(`  ${i}/${o.las.length} LAs (${la}) after ${((performance.now() - t0) / 1000).toFixed(0)} s`)
  })
  const seconds = (performance.now() - t0) / 1000
  const { bytes, files } = sizeOf(out)
  peak = Math.max(peak, process.resourceUsage().maxRSS * 1024)
  const result = {
    las: stats.las,
    children: stats.children,
    referrals: stats.referrals,
    cinAt31March: stats.cinEpisodesAt,
    cinEpisodesInYear: stats.cinEpisodesInYear,
    records: stats.records,
    files,
    mb: Math.round(bytes / 1e5) / 10,
    seconds: Math.round(seconds * 10) / 10,
    mbPerSecond: Math.round((bytes / 1e6 / seconds) * 10) / 10,
    recordsPerSecond: Math.round(stats.records / seconds),
    peakRssMB: Math.round(peak / 1e6),
  }
  console.log(
    `${result.las} LAs, ${result.children} children, ${result.referrals} referrals, ${result.cinEpisodesInYear} CIN episodes in the year (${result.cinAt31March} at 31 March), ${result.records} records`,
  )
  console.log(
    `${result.mb} MB in ${result.files} files in ${result.seconds} s: ${result.mbPerSecond} MB/s, ${result.recordsPerSecond} records/s`,
  )
  console.log(`peak RSS ${result.peakRssMB} MB (limit 500 MB)`)
  console.log(`bench:simulate ${JSON.stringify(result)}`)
} finally {
  clearInterval(sampler)
  fs.rmSync(tmp, { recursive: true, force: true })
}
