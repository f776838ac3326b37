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
import { truthDifferences } from '../../test/reports/truth.ts'

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

type PeerRow = Record<string, string>
/** Rows where the peer scraper disagrees with the report itself (read by a person, judgement table on page 1). */
const PEER_WRONG: Record<string, string> = {
  'nottingham_2022-09-05_inspection.pdf':
    'no framework or inspection dates although page 1 prints "Inspection date: 11 – 22 July 2022"; care_leavers_grade "inadequate" although the report grades children in care and care leavers together (Requires improvement to be good)',
  'st-helens_2023-09-04_inspection.pdf':
    'grades shifted by one row: page 1 gives help and protection Requires improvement to be good, children in care Good, care leavers Outstanding (peer: good, requires improvement, good)',
}
const peerFile = path.join(dir, 'd2i-latest-ilacs-judgements.csv')
const peer = new Map<string, PeerRow>()
if (fs.existsSync(peerFile))
  for (const row of Papa.parse<PeerRow>(fs.readFileSync(peerFile, 'utf8'), { header: true, skipEmptyLines: true }).data)
    peer.set(row.file, row)

const PEER_COLUMNS: Array<[string, RegExp]> = [
  ['overall_effectiveness_grade', /overall/i],
  ['impact_of_leaders_grade', /leaders/i],
  ['help_and_protection_grade', /help and protection/i],
  ['in_care_grade', /in care|looked after/i],
  ['care_leavers_grade', /care leavers/i],
]
function peerDifferences(r: ParsedReport, row: PeerRow): string[] {
  const d: string[] = []
  if (r.framework !== 'ILACS') d.push(`framework ${r.framework} != ILACS ${row.inspection_framework}`)
  if (r.inspectionStart !== row.inspection_start_date || r.inspectionEnd !== row.inspection_end_date)
    d.push(`dates ${r.inspectionStart}..${r.inspectionEnd} != ${row.inspection_start_date}..${row.inspection_end_date}`)
  for (const [column, area] of PEER_COLUMNS) {
    // Before 2023 ILACS graded children in care and care leavers together: the peer puts that under in_care_grade.
    const ours = r.judgements.find(
      (j) => area.test(j.area) && !(column === 'care_leavers_grade' && /in care/i.test(j.area)),
    )
    const theirs = row[column]
    if (theirs === 'inspection_pre_dates_judgement') {
      if (ours) d.push(`${column}: ours ${ours.grade}, peer has none`)
    } else if ((ours?.grade ?? '').toLowerCase() !== theirs.replace(/ to be good$/, '').toLowerCase())
      d.push(`${column}: ours ${ours?.grade ?? 'none'} != peer ${theirs}`)
  }
  return d
}

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
  if (row && PEER_WRONG[file]) {
    t.peer++
    problems.push(`${file} [${family}]: the peer CSV is wrong here (checked against the report): ${PEER_WRONG[file]}`)
    const d = peerDifferences(r, row)
    if (d.length) problems.push(`  where we differ from it: ${d.join('; ')}`)
  } else if (row) {
    t.peer++
    const d = peerDifferences(r, row)
    if (!d.length) t.agree++
    else problems.push(`${file} [${family}]: differs from peer CSV: ${d.join('; ')}`)
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
