/**
 * How a reading compares with a hand-made ground-truth file (`<name>.truth.json` beside the PDF): LA, framework,
 * inspection dates, every judgement and its page, the LSCB judgement and its page, and every recommendation's number,
 * category, addressee, page and first 80 characters. Used by the corpus truth test and by `npm run check:reports`.
 * The truth files are made by reading the reports, never from the reader's output.
 */
import { parseDateRange, type ParsedReport } from '../../src/engine/inspections/index.ts'
import { gradeWord } from '../../src/engine/inspections/text.ts'

export interface Truth {
  la: string
  framework: string
  inspection_dates: string
  published: string
  /** 'report' / 'letter date (report)' where it is printed, 'listing (not printed in report)' where it is not. */
  published_source: string
  judgements: Record<string, string>
  lscb_judgement: string | null
  recommendations: Array<{ number: string | null; category: string; text: string; addressee?: string; page?: number }>
  judgement_pages?: { all?: number; lscb?: number }
}

/** The ground truth spells grades as printed ('Requires Improvement', 'Require improvement', 'Adequate'). */
const asGrade = (printed: string) => gradeWord(printed) ?? printed

/** Every way the reading differs from the truth, in words; empty when it is exact. */
export function truthDifferences(r: ParsedReport, t: Truth): string[] {
  const d: string[] = []
  if (r.la !== t.la) d.push(`la ${r.la} != ${t.la}`)
  if (r.framework !== t.framework) d.push(`framework ${r.framework} != ${t.framework}`)
  const [start, end] = parseDateRange(t.inspection_dates)
  if (r.inspectionStart !== start || r.inspectionEnd !== end)
    d.push(`dates ${r.inspectionStart}..${r.inspectionEnd} != ${start}..${end}`)
  // Printed publication dates are read; where the report prints none the reader leaves it empty (and flags it).
  const published = t.published_source.startsWith('listing') ? null : t.published
  if (r.published !== published) d.push(`published ${r.published} != ${published}`)
  const ours = JSON.stringify(r.judgements.map((j) => [j.area, j.grade]))
  const theirs = JSON.stringify(Object.entries(t.judgements).map(([a, g]) => [a, asGrade(g)]))
  if (ours !== theirs) d.push(`judgements ${ours} != ${theirs}`)
  if (r.lscbJudgement !== (t.lscb_judgement ? asGrade(t.lscb_judgement) : null)) d.push(`lscb ${r.lscbJudgement}`)
  const tablePage = t.judgement_pages?.all
  if (tablePage !== undefined && r.judgements.some((j) => j.page !== tablePage))
    d.push(`judgement pages ${r.judgements.map((j) => j.page).join(',')} != ${tablePage}`)
  if (t.judgement_pages?.lscb !== undefined && r.lscbJudgementPage !== t.judgement_pages.lscb)
    d.push(`lscb page ${r.lscbJudgementPage} != ${t.judgement_pages.lscb}`)
  if (r.recommendations.length !== t.recommendations.length)
    d.push(`${r.recommendations.length} recommendations != ${t.recommendations.length}`)
  t.recommendations.forEach((x, i) => {
    const o = r.recommendations[i]
    if (!o) return
    if (x.page !== undefined && o.page !== x.page) d.push(`recommendation ${i + 1} on page ${o.page} != ${x.page}`)
    if (x.addressee !== undefined && o.addressee !== x.addressee)
      d.push(`recommendation ${i + 1} addressed to ${o.addressee} != ${x.addressee}`)
    if (o.number !== x.number || o.category !== x.category || !o.text.startsWith(x.text))
      d.push(
        `recommendation ${i + 1}: ${o.number} ${o.category} "${o.text.slice(0, 40)}" != ${x.number} ${x.category} "${x.text.slice(0, 40)}"`,
      )
  })
  return d
}

/** A row of the peer scraper's d2i-latest-ilacs-judgements.csv (Data to Insight), by column name. */
export type PeerRow = Record<string, string>

const PEER_COLUMNS: Array<[string, RegExp]> = [
  ['overall_effectiveness_grade', /overall/i],
  ['impact_of_leaders_grade', /leaders/i],
  ['help_and_protection_grade', /help and protection/i],
  ['in_care_grade', /in care|looked after/i],
  ['care_leavers_grade', /care leavers/i],
]
/** Where the reading differs from the peer's row on family, on-site dates and the five grades. */
export function peerDifferences(r: ParsedReport, row: PeerRow): string[] {
  const d: string[] = []
  const kind = r.family === 'ILACS short' ? 'short' : r.family === 'ILACS standard' ? 'standard' : r.family
  if (kind !== row.inspection_framework) d.push(`framework ${r.family} != ILACS ${row.inspection_framework}`)
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
