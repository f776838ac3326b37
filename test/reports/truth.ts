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
