/**
 * Pre-SIF inspections (2012-13 "Inspection of looked after children services" and the "Inspection of safeguarding and
 * looked after children services" before them): grades on the old four-point scale ("Adequate", "Grade 4"), a "Record
 * of main findings" table at the end, and un-numbered "Areas for improvement" bullets grouped by timescale
 * ("Immediately:", "Within three months:", "Within six months:").
 */
import type { Flag, Judgement, Recommendation } from '../model.ts'
import type { ReportText } from '../reportText.ts'
import { BULLET, gradeWord, joinLines } from '../text.ts'
import type { LayoutFamily } from './family.ts'

const GRADE_ROW = /^(.*?)\s*\b(Outstanding|Good|Adequate|Inadequate)(?:\s+Grade [1-4])?$/

/** The "Record of main findings" table: "Overall effectiveness Inadequate Grade 4", area names that wrap. */
export function lacJudgements(doc: ReportText): Judgement[] {
  const { body, bodyPage } = doc
  const start = body.findIndex((l) => /^Record of main findings$/i.test(l))
  if (start < 0) return []
  const out: Judgement[] = []
  let area: string[] = []
  for (let k = start + 1; k < Math.min(body.length, start + 60) && out.length < 12; k++) {
    const line = body[k]
    if (/^Services for /i.test(line)) continue
    const m = GRADE_ROW.exec(line)
    if (m) {
      out.push({ area: joinLines([...area, m[1]]), grade: gradeWord(m[2])!, page: bodyPage[k] })
      area = []
    } else if (out.length && /^(Safeguarding|Services|Contents)/.test(line)) break
    else area.push(line)
  }
  return out
}

const TIMESCALE = /^(Immediately|Within (?:one|two|three|four|six|twelve|\d+) months?|Within (?:a|one) year):?$/i

/** "Areas for improvement" followed by an introduction, then bullets under timescale headings. */
export function lacRecommendations(doc: ReportText): Recommendation[] {
  const out: Recommendation[] = []
  const { body, bodyPage } = doc
  const start = body.findIndex((l) => /^Areas for improvement$/i.test(l))
  if (start < 0) return out
  let timescale: string | null = null
  let current: { parts: string[]; page: number } | null = null
  const flush = () => {
    if (current && timescale)
      out.push({
        number: null,
        category: `Areas for improvement: ${timescale}`,
        addressee: 'local authority',
        text: joinLines(current.parts),
        page: current.page,
      })
    current = null
  }
  for (let k = start + 1; k < body.length; k++) {
    const line = body[k]
    const t = TIMESCALE.exec(line)
    if (t) {
      flush()
      timescale = t[1][0].toUpperCase() + t[1].slice(1).toLowerCase()
      continue
    }
    if (!timescale) continue
    if (BULLET.test(line)) {
      flush()
      current = { parts: [line.replace(BULLET, '')], page: bodyPage[k] }
    } else if (current && /^[a-z(‘'"]/.test(line))
      current.parts.push(line) // wrapped text of the bullet runs on in lower case
    else break // the next section's heading
  }
  flush()
  return out
}

function readPre2013(doc: ReportText) {
  const judgements = lacJudgements(doc)
  const flags: Flag[] = [
    {
      field: 'framework',
      message:
        'An inspection from before the single inspection framework (2013): check the framework, the judgements and the recommendations against the report',
      page: 1,
    },
  ]
  judgements.forEach((j, i) => {
    if (j.grade === 'Adequate')
      flags.push({
        field: `judgements.${i}.grade`,
        message: 'Printed as “Adequate” (grade 3 before 2013), which Ofsted now records as Requires improvement',
        page: j.page,
      })
  })
  return { judgements, lscbJudgement: null, lscbJudgementPage: null, recommendations: lacRecommendations(doc), flags }
}

const PRE2013_JUDGEMENTS: Array<[string, RegExp]> = [['overall effectiveness', /^Overall effectiveness/i]]

export const pre2013LookedAfter: LayoutFamily = {
  id: 'pre-2013 looked after children',
  framework: 'other',
  detect: (doc) => /^Inspection of looked after children services/i.test(doc.title),
  read: readPre2013,
  requiredJudgements: PRE2013_JUDGEMENTS,
  requiresLscb: () => false,
  requiresRecommendations: true,
  datedLetter: false,
}

export const pre2013Safeguarding: LayoutFamily = {
  ...pre2013LookedAfter,
  id: 'pre-2013 safeguarding and looked after children',
  detect: (doc) => /Inspection of safeguarding and looked after children services/i.test(doc.title),
}
