/**
 * The report reader over a whole directory of Ofsted reports (the 227-report corpus is not part of npm test).
 * Per layout family: reports read, exact against truth (a `<name>.truth.json` beside the PDF), agreeing with the peer
 * scraper's CSV (d2i-latest-ilacs-judgements.csv in DIR, where it has a row), flagged, refused, and any report whose
 * output is empty or inconsistent without a flag on that field (the reader's failures: the issue allows none).
 * Usage: npm run check:reports -- DIR [--verbose]
 */
import fs from 'node:fs'
import path from 'node:path'
import Papa from 'papaparse'
import { parseOfstedReport, ReportParseError, type ParsedReport } from '../../src/engine/inspections/index.ts'
import { peerDifferences, truthDifferences, type PeerRow } from '../../test/reports/truth.ts'

const dir = process.argv[2]
const verbose = process.argv.includes('--verbose')
if (!dir || !fs.existsSync(dir)) {
  console.error('Usage: npm run check:reports -- DIR (a folder of Ofsted report PDFs)')
  process.exit(2)
}

interface Tally {
  read: number
  truth: number
  exact: number
  peer: number
  agree: number
  flagged: number
  refused: number
  unflagged: number
  pages: number
}
const tallies = new Map<string, Tally>()
const tally = (family: string) => {
  if (!tallies.has(family))
    tallies.set(family, {
      read: 0,
      truth: 0,
      exact: 0,
      peer: 0,
      agree: 0,
      flagged: 0,
      refused: 0,
      unflagged: 0,
      pages: 0,
    })
  return tallies.get(family)!
}
const problems: string[] = []

/** Fields that are empty or inconsistent without a flag naming them. */
function unflaggedGaps(r: ParsedReport): string[] {
  const flagged = (field: string) => r.flags.some((f) => f.field === field || f.field.startsWith(field + '.'))
  const gaps: string[] = []
  if (!r.la && !flagged('la')) gaps.push('la empty')
  if (!r.inspectionStart && !flagged('inspectionStart')) gaps.push('inspection dates empty')
  if (r.inspectionStart && r.inspectionEnd && r.inspectionEnd < r.inspectionStart && !flagged('inspectionStart'))
    gaps.push('inspection ends before it starts')
  if (!r.published && !flagged('published')) gaps.push('publication date empty')
  const graded = r.framework === 'SIF' || r.framework === 'ILACS' || r.framework === 'other'
  if (graded && !r.judgements.length && !flagged('judgements')) gaps.push('no judgements')
  if (
    r.framework === 'ILACS' &&
    r.judgements.length &&
    !r.judgements.some((j) => /overall/i.test(j.area)) &&
    !flagged('judgements')
  )
    gaps.push('ILACS without overall judgement')
  if (r.framework === 'SIF' && r.judgements.length < 5 && !flagged('judgements'))
    gaps.push(`SIF with ${r.judgements.length} judgements`)
  if ((r.framework === 'SIF' || r.framework === 'ILACS') && !r.recommendations.length && !flagged('recommendations'))
    gaps.push('no recommendations')
  r.recommendations.forEach((x, i) => {
    if (!x.text.trim() && !flagged(`recommendations.${i}`)) gaps.push(`recommendation ${i + 1} empty`)
  })
  return gaps
}

/**
 * The hand-made verdict on each peer row (test/fixtures/ofsted-reports-corpus/peer-check.json, checked by
 * test/reports/peerCheck.test.ts): where the peer is wrong, the value printed in the report, the page and why. The
 * reader is compared with the peer row as corrected there, and each correction is named in the output.
 */
interface PeerVerdict {
  file: string
  differences: Array<{ field: string; peer: string; report: string; page: number; why: string }>
}
const verdicts = new Map<string, PeerVerdict>(
  (
    JSON.parse(
      fs.readFileSync(
        path.resolve(import.meta.dirname, '../../test/fixtures/ofsted-reports-corpus/peer-check.json'),
        'utf8',
      ),
    ).rows as PeerVerdict[]
  ).map((r) => [r.file, r]),
)
const peerFile = path.join(dir, 'd2i-latest-ilacs-judgements.csv')
const peer = new Map<string, PeerRow>()
if (fs.existsSync(peerFile))
  for (const row of Papa.parse<PeerRow>(fs.readFileSync(peerFile, 'utf8'), { header: true, skipEmptyLines: true }).data)
    peer.set(row.file, row)

const files = fs
  .readdirSync(dir)
  .filter((f) => f.toLowerCase().endsWith('.pdf'))
  .sort()
const t0 = performance.now()
let slowest = { file: '', ms: 0 }
for (const file of files) {
  const bytes = new Uint8Array(fs.readFileSync(path.join(dir, file)))
  const started = performance.now()
  let r: ParsedReport
  try {
    r = await parseOfstedReport(bytes)
  } catch (err) {
    const refused = err instanceof ReportParseError
    tally('refused').refused++
    problems.push(`${file}: ${refused ? 'refused' : 'CRASH'}: ${(err as Error).message}`)
    continue
  }
  const ms = performance.now() - started
  if (ms > slowest.ms) slowest = { file, ms }
  const pages = r.pages
  const family = r.family
  const t = tally(family)
  t.read++
  t.pages += pages
  if (r.flags.length) t.flagged++
  const gaps = unflaggedGaps(r)
  if (gaps.length) {
    t.unflagged++
    problems.push(`${file} [${family}]: UNFLAGGED ${gaps.join('; ')}`)
  }
  const truthFile = path.join(dir, file.replace(/\.pdf$/i, '.truth.json'))
  if (fs.existsSync(truthFile)) {
    t.truth++
    const d = truthDifferences(r, JSON.parse(fs.readFileSync(truthFile, 'utf8')))
    if (!d.length) t.exact++
    else problems.push(`${file} [${family}]: differs from truth: ${d.join('; ')}`)
  }
  const row = peer.get(file)
  if (row) {
    t.peer++
    const corrections = verdicts.get(file)?.differences ?? []
    const corrected = { ...row, ...Object.fromEntries(corrections.map((c) => [c.field, c.report])) }
    const d = peerDifferences(r, corrected)
    if (!d.length) t.agree++
    else problems.push(`${file} [${family}]: differs from peer CSV: ${d.join('; ')}`)
    for (const c of corrections)
      problems.push(
        `${file}: the peer CSV is wrong on ${c.field} (${c.peer || 'empty'}; the report has ${c.report}, page ${c.page}): ${c.why}`,
      )
  }
  if (verbose)
    console.log(
      `${file} [${family}] ${ms.toFixed(0)} ms, ${r.flags.length} flags: ${r.flags.map((f) => f.field).join(', ')}`,
    )
}
const elapsed = performance.now() - t0

console.log(
  `${files.length} PDFs in ${dir}, ${(elapsed / 1000).toFixed(1)} s; slowest ${slowest.file} ${slowest.ms.toFixed(0)} ms`,
)
console.log('family'.padEnd(34) + '  read truth exact  peer agree flagged refused unflagged')
for (const [family, t] of [...tallies].sort()) {
  const cells = [t.read, t.truth, t.exact, t.peer, t.agree, t.flagged, t.refused, t.unflagged]
  console.log(family.padEnd(34) + cells.map((c) => String(c).padStart(6)).join(''))
}
for (const p of problems) console.log('  ' + p)
const failed =
  [...tallies.values()].some((t) => t.unflagged || t.exact < t.truth) || problems.some((p) => p.includes('CRASH'))
process.exitCode = failed ? 1 : 0
