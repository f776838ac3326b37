/**
 * Casework ingest speed, on simulator output (never a timed test):
 * 1. a Birmingham-sized LA (330, scale 1, one year): the CIN census XML, the Annex A workbook and the SSDA903 CSVs in
 *    one upload (target under 10 s); the Annex A CSVs instead of the workbook are timed too;
 * 2. a national-size CIN census XML (about 1 GB: the Birmingham census's children repeated with fresh ids) at three
 *    sizes, each read end to end into a store and by a bare saxes pass over the same file in the same run (target
 *    ratio 0.6 or more, time linear in size, peak RSS under 1.5 GB).
 * 3. the DfE CSC API endpoint: 100-child requests over loopback for `--api-seconds` (default 10; benchCaseworkApi).
 * 4. insight: every indicator and the unworked-demand list of a Birmingham-sized LA (benchInsight; target under 2 s).
 * 5. insight at national scale: the same for the simulated councils from their loaded snapshots (benchNational;
 *    target all 153 in under 60 s; `--national-las all` runs all 153, the default 8 is extrapolated and says so), and
 *    the indicators and children-waiting pages' p95 at 20 connections on loopback (benchPages; target under 200 ms).
 * Ends with `bench:casework {json}`. Usage: npm run bench:casework [-- --national --api-seconds 10
 * --national-las 8|all --page-seconds 10]
 * The national census is read at three sizes: 10, 30 and 100% of --national-mb (default 1000 with --national, the
 * issue's 1 GB at 100, 300 and 1000 MB; 100 without it, for a quick run). Files go to a temporary directory, removed
 * after. Each size is also read by a bare saxes pass (the same parser, decoding and chunks, with empty handlers).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { SaxesParser } from 'saxes'
import { ingestUpload } from '../../src/engine/casework/ingest.ts'
import { openCaseworkStore } from '../../src/engine/casework/store.ts'
import { textChunks } from '../../src/engine/returns/text.ts'
import { runSimulation, simulateOptions } from '../../src/services/simulateService.ts'
import { benchCaseworkApi } from './caseworkApi.ts'
import { benchInsight } from './caseworkInsight.ts'
import { benchNational, benchPages } from './caseworkNational.ts'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : fallback
}
const nationalMB = Number(arg('national-mb', process.argv.includes('--national') ? '1000' : '100'))
const apiSeconds = Number(arg('api-seconds', '10'))
const nationalLas = arg('national-las', '8')
const pageSeconds = Number(arg('page-seconds', '10'))
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-casework-'))
let peak = 0
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100)
const seconds = (t0: number) => Math.round((performance.now() - t0) / 10) / 100

async function ingestTimed(label: string, la: string, asAt: string, files: string[]) {
  const store = await openCaseworkStore({ dataDir: path.join(tmp, `store-${label}`), laCode: la })
  peak = process.memoryUsage().rss
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const r = await ingestUpload(
    store,
    files.map((f) => ({ fileName: path.basename(f), path: f })),
    { asAt },
  )
  const s = seconds(t0)
  const used = process.cpuUsage(cpu0)
  const cpuSeconds = Math.round((used.user + used.system) / 1e4) / 100
  const peakMB = Math.round(Math.max(peak, process.memoryUsage().rss) / 1e6)
  store.close()
  if (r.rejected) throw new Error(`${label}: rejected: ${r.rejected}`)
  const records = Object.values(r.records).reduce((a, b) => a + (b ?? 0), 0)
  console.log(
    `  ${label}: ${records} records, ${r.issues.errors} errors, ${r.issues.warnings} warnings in ${s} s ` +
      `(${cpuSeconds} s CPU of this process, RSS up to ${peakMB} MB; load average ${os.loadavg()[0].toFixed(1)})`,
  )
  return { seconds: s, records, cpuSeconds, peakMB }
}

async function birmingham() {
  const out = path.join(tmp, 'birmingham')
  const o = simulateOptions({
    la: '330',
    asAt: '2014-03-31',
    scale: 1,
    seed: 'bench',
    formats: 'cin-xml,annexa-xlsx,annexa-csv,ssda903-csv',
  })
  await runSimulation(o, out)
  const list = (d: string) => fs.readdirSync(path.join(out, d)).map((f) => path.join(out, d, f))
  const cin = path.join(out, 'cin-census.xml')
  const mb = (f: string[]) => Math.round(f.reduce((a, x) => a + fs.statSync(x).size, 0) / 1e5) / 10
  const withWorkbook = [cin, path.join(out, 'annex-a.xlsx'), ...list('ssda903')]
  console.log(`Birmingham-sized LA (330, scale 1): ${mb(withWorkbook)} MB with the workbook`)
  const xlsx = await ingestTimed('CIN + Annex A workbook + SSDA903', '330', '2014-03-31', withWorkbook)
  const csv = await ingestTimed('CIN + Annex A CSVs + SSDA903', '330', '2014-03-31', [
    cin,
    ...list('annex-a'),
    ...list('ssda903'),
  ])
  return { cin, xlsx, csv }
}

/** A CIN census of about `mb` MB: the given census's children repeated, each copy with fresh ids. */
async function nationalCin(source: string, mb: number, file: string) {
  const text = fs.readFileSync(source, 'utf8')
  const start = text.indexOf('<Children>') + '<Children>'.length
  const end = text.lastIndexOf('</Children>')
  const [head, children, tail] = [text.slice(0, start), text.slice(start, end), text.slice(end)]
  const out = fs.createWriteStream(file)
  const write = (s: string) => (out.write(s) ? undefined : new Promise<void>((r) => out.once('drain', () => r())))
  await write(head)
  let bytes = head.length
  for (let k = 1; bytes < mb * 1e6; k++) {
    const copy = children.replace(/<LAchildID>([^<]*)<\/LAchildID>/g, `<LAchildID>$1N${k}</LAchildID>`)
    bytes += Buffer.byteLength(copy)
    await write(copy)
  }
  await write(tail)
  await new Promise<void>((r) => out.end(() => r()))
  return fs.statSync(file).size
}

/**
 * The same file through saxes alone: the same parser and options, the same decoding and chunks (textChunks), and
 * the same three events the CIN reader listens to, with handlers that do nothing.
 */
async function bareSax(file: string) {
  const t0 = performance.now()
  const cpu0 = process.cpuUsage()
  const p = new SaxesParser({ position: false })
  const nothing = () => undefined
  p.on('text', nothing)
  p.on('opentag', nothing)
  p.on('closetag', nothing)
  for await (const chunk of textChunks(file)) p.write(chunk)
  p.close()
  const used = process.cpuUsage(cpu0)
  return { seconds: seconds(t0), cpuSeconds: Math.round((used.user + used.system) / 1e4) / 100 }
}

try {
  const b = await birmingham()
  const sizes = [nationalMB / 10, (nationalMB * 3) / 10, nationalMB]
  const national = []
  for (const mb of sizes) {
    const file = path.join(tmp, `national-${mb}.xml`)
    const bytes = await nationalCin(b.cin, mb, file)
    const bare = await bareSax(file)
    const ours = await ingestTimed(`national CIN ${Math.round(bytes / 1e6)} MB`, '330', '2014-03-31', [file])
    const row = {
      mb: Math.round(bytes / 1e6),
      seconds: ours.seconds,
      saxSeconds: bare.seconds,
      mbPerSecond: Math.round((bytes / 1e6 / ours.seconds) * 10) / 10,
      saxMBps: Math.round((bytes / 1e6 / bare.seconds) * 10) / 10,
      ratioVsSax: Math.round((bare.seconds / ours.seconds) * 100) / 100,
      cpuRatioVsSax: Math.round((bare.cpuSeconds / ours.cpuSeconds) * 100) / 100,
      cpuSeconds: ours.cpuSeconds,
      saxCpuSeconds: bare.cpuSeconds,
      load: Math.round(os.loadavg()[0] * 10) / 10,
      records: ours.records,
      cpuSecondsPerMB: Math.round((ours.cpuSeconds / (bytes / 1e6)) * 1000) / 1000,
      peakMB: ours.peakMB,
    }
    console.log(
      `  ${row.mb} MB: ours ${row.mbPerSecond} MB/s, bare saxes ${row.saxMBps} MB/s, ratio ${row.ratioVsSax}; CPU ${ours.cpuSeconds} s vs ${bare.cpuSeconds} s, CPU ratio ${row.cpuRatioVsSax}`,
    )
    national.push(row)
    fs.rmSync(file)
    fs.rmSync(path.join(tmp, `store-national CIN ${Math.round(bytes / 1e6)} MB`), { recursive: true, force: true })
  }
  const apiFigures = await benchCaseworkApi({ seconds: apiSeconds })
  console.log(
    `DfE CSC API: ${apiFigures.requests} requests of 100 children in ${apiSeconds} s: ${apiFigures.apiRps} req/s, ` +
      `p50 ${apiFigures.p50Ms} ms, p99 ${apiFigures.p99Ms} ms, ${apiFigures.non200} not 200, ` +
      `${apiFigures.cpuMsPerRequest} ms CPU a request (load average ${os.loadavg()[0].toFixed(1)})`,
  )
  // Insight (issue 15): every indicator and the unworked list for a Birmingham-sized LA from a loaded snapshot.
  const insight = await benchInsight(tmp)
  const nationalInsight = await benchNational(tmp, { las: nationalLas === 'all' ? 'all' : Number(nationalLas) })
  const pages = await benchPages(tmp, { seconds: pageSeconds })
  const largest = national[national.length - 1]
  const perMB = national.map((n) => Math.round((n.seconds / n.mb) * 1000) / 1000)
  peak = Math.max(peak, process.resourceUsage().maxRSS * 1024)
  const result = {
    birminghamSeconds: b.xlsx.seconds,
    birminghamCsvSeconds: b.csv.seconds,
    birminghamCpuSeconds: b.xlsx.cpuSeconds,
    birminghamCsvCpuSeconds: b.csv.cpuSeconds,
    nationalMBps: largest.mbPerSecond,
    nationalMB: largest.mb,
    saxMBps: largest.saxMBps,
    ratioVsSax: largest.ratioVsSax,
    nationalCpuSeconds: largest.cpuSeconds,
    saxCpuSeconds: largest.saxCpuSeconds,
    cpuRatioVsSax: largest.cpuRatioVsSax,
    secondsPerMB: perMB,
    cpuSecondsPerMB: national.map((n) => n.cpuSecondsPerMB),
    peakRssMB: Math.round(peak / 1e6),
    apiRps: apiFigures.non200 ? null : apiFigures.apiRps,
    apiCpuMsPerRequest: apiFigures.cpuMsPerRequest,
    insightSeconds: Math.max(...insight.runs.map((r) => r.total)),
    loadAverage: Math.round(os.loadavg()[0] * 10) / 10,
    nationalInsightCouncils: nationalInsight.councils,
    nationalInsightSeconds: nationalInsight.seconds,
    nationalInsightCpuSeconds: nationalInsight.cpuSeconds,
    nationalInsightSeconds153: nationalInsight.extrapolatedSeconds153,
    indicatorsPageP95Ms: pages.indicators.p95,
    unworkedPageP95Ms: pages.unworked.p95,
  }
  console.log(
    `seconds per MB at ${national.map((n) => n.mb).join(', ')} MB: ${perMB.join(', ')} (linear when these agree); ` +
      `CPU seconds per MB ${national.map((n) => n.cpuSecondsPerMB).join(', ')}; peak RSS ${national.map((n) => n.peakMB).join(', ')} MB`,
  )
  console.log(`peak RSS ${result.peakRssMB} MB (limit 1500 MB)`)
  console.log(`bench:casework ${JSON.stringify(result)}`)
} finally {
  clearInterval(sampler)
  fs.rmSync(tmp, { recursive: true, force: true })
}
