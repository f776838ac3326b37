/**
 * ILACS inspections (2018 on), standard and short, and the visit letters (focused and monitoring visits): the judgement
 * table and the bulleted "What needs to improve?" / "Areas for priority action" lists, which carry no paragraph numbers.
 */
import type { Judgement } from '../model.ts'
import type { ReportText } from '../reportText.ts'
import { gradeWord, inspectionPeriods } from '../text.ts'
import { bulletRecommendations } from './bullets.ts'
import type { LayoutFamily } from './family.ts'

/** The judgement table: area text over one or more lines, then its grade (alone or at the end of the line). */
export function ilacsJudgements(doc: ReportText): Judgement[] {
  const { lines } = doc
  const start = lines.findIndex((l) => /^Judgement Grade$/i.test(l))
  const out: Judgement[] = []
  if (start < 0) return out
  let area = ''
  for (let i = start + 1; i < Math.min(lines.length, start + 40); i++) {
    const line = lines[i]
    if (/^to be good$/i.test(line)) continue // 'Requires improvement' wrapped onto a second line
    const g = /(Outstanding|Good|Requires improvement to be good|Requires improvement|Inadequate)$/.exec(line)
    if (g) {
      const text = (area + ' ' + line.slice(0, g.index)).trim()
      out.push({ area: text, grade: gradeWord(g[1])!, page: doc.pageOf[i] })
      area = ''
      if (/^Overall effectiveness/i.test(text)) break
    } else area += ' ' + line
  }
  return out
}

/** "Inspection of Barnet local authority children's services", "... children's social care services", "Inspection of Kent County Council children's services". */
const ILACS_TITLE =
  /Inspection of (.+ )?local authority children.s (social care )?services|Inspection of children.s social care services|Inspection of .+ Council children.s services/i

/** A short inspection lasts one week (standard: two): the span of the first on-site period, in days. */
function inspectionDays(doc: ReportText): number | null {
  const line = doc.lines.slice(0, 30).find((l) => /^Inspection dates?:/i.test(l))
  const [start, end] = line ? inspectionPeriods(line)[0] : [null, null]
  return start && end ? (Date.parse(end) - Date.parse(start)) / 86_400_000 + 1 : null
}

const ILACS_JUDGEMENTS: Array<[string, RegExp]> = [
  ['overall effectiveness', /^Overall effectiveness/i],
  ['the impact of leaders', /impact of leaders/i],
  ['children who need help and protection', /help and protection/i],
  ['children in care (and care leavers)', /children in care/i],
]

function readIlacs(doc: ReportText) {
  const { recommendations, flags } = bulletRecommendations(doc)
  return { judgements: ilacsJudgements(doc), lscbJudgement: null, lscbJudgementPage: null, recommendations, flags }
}

export const ilacsStandard: LayoutFamily = {
  id: 'ILACS standard',
  framework: 'ILACS',
  detect: (doc) => ILACS_TITLE.test(doc.title) && (inspectionDays(doc) ?? 14) > 7,
  read: readIlacs,
  requiredJudgements: ILACS_JUDGEMENTS,
  requiresLscb: () => false,
  requiresRecommendations: true,
  datedLetter: false,
}

export const ilacsShort: LayoutFamily = {
  ...ilacsStandard,
  id: 'ILACS short',
  detect: (doc) => ILACS_TITLE.test(doc.title) && (inspectionDays(doc) ?? 14) <= 7,
}

const letter = (kind: 'focused visit' | 'monitoring visit', title: RegExp): LayoutFamily => ({
  id: kind,
  framework: kind,
  detect: (doc) => doc.lines.slice(0, 40).some((l) => title.test(l)),
  read: (doc) => ({ ...readIlacs(doc), judgements: [] }),
  requiredJudgements: [],
  requiresLscb: () => false,
  requiresRecommendations: false,
  datedLetter: true,
})

export const monitoringVisit = letter('monitoring visit', /^Monitoring visit (to|of) /i)
export const focusedVisit = letter('focused visit', /^Focused visit (to|of) /i)
