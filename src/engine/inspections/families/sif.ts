/**
 * Single inspection framework (SIF, November 2013 to 2018) reports, their re-inspections, and the Local Safeguarding
 * Children Board review published on its own. Front-page judgements, the LSCB's grade, and the numbered lists
 * (sifLists.ts).
 */
import type { Flag, Judgement, Recommendation } from '../model.ts'
import type { ReportText } from '../reportText.ts'
import { BULLET, gradeWord, joinLines } from '../text.ts'
import type { LayoutFamily } from './family.ts'
import { sifRecommendations } from './sifLists.ts'

const GRADE = '(Outstanding|Good|Requires? [Ii]mprovement(?: to be good)?|Inadequate)'

function overallJudgement(doc: ReportText): Judgement | null {
  const head = doc.lines.slice(0, 60)
  // The sentence may wrap: "Children's services in the London Borough of Hammersmith and / Fulham are good".
  const at = head.findIndex((l, k) =>
    /^The overall judgement is|^Children.s services in .+ (are|is|require)/i.test(joinLines(head.slice(k, k + 2))),
  )
  if (at < 0 || !/^(The overall judgement is|Children.s services in )/i.test(head[at])) return null
  const sentence = joinLines(head.slice(at, at + 2))
  // The sentence's first grade: "... are good" must not take a later line's "require improvement", and "require
  // improvement to be good" is Requires improvement.
  const m = /\b(outstanding|good|requires? improvement|inadequate)\b/i.exec(sentence)
  const grade = m ? gradeWord(m[1]) : null
  return grade ? { area: 'Overall judgement', grade, page: doc.pageOf[at] } : null
}

/** The front page: "The overall judgement is inadequate" and the numbered area list with grades (which may wrap). */
export function sifJudgements(doc: ReportText): { judgements: Judgement[]; flags: Flag[] } {
  const flags: Flag[] = []
  const judgements: Judgement[] = []
  const overall = overallJudgement(doc)
  if (overall) judgements.push(overall)
  else
    flags.push({
      field: 'judgements',
      message: 'The overall judgement was not found on the front page: enter it from the report',
      page: 1,
    })
  const start = doc.body.slice(0, 60).findIndex((l) => /^1\.? Children who need help and protection/.test(l))
  if (start < 0) return { judgements, flags }
  const { block, pageAt } = tableBlock(doc, start)
  const re = new RegExp(`(\\d(?:\\.\\d)?)\\.? ([A-Z][^]*?) ${GRADE}(?= \\d|$| [A-Z])`, 'g')
  for (const m of block.matchAll(re)) {
    judgements.push({ area: m[2].trim(), grade: gradeWord(m[3])!, page: pageAt(m.index + m[0].length - 1) })
    if (/^Leadership, management and governance/.test(m[2])) break
  }
  return { judgements, flags }
}

/**
 * The numbered judgement list as one string, and the page of any point in it: the list may run on to page 2, past
 * the front page's footnote ("Ofsted produces this report under its power to combine reports ...", Oldham 2015),
 * which is left out.
 */
function tableBlock(doc: ReportText, start: number) {
  let block = ''
  const starts: Array<[number, number]> = []
  let footnote = false
  for (let k = start; k < Math.min(doc.body.length, start + 24) && starts.length < 16; k++) {
    const line = doc.body[k]
    if (/^Ofsted produces this report/.test(line)) footnote = true
    if (footnote) {
      footnote = !/\.$/.test(line)
      continue
    }
    starts.push([block.length, doc.bodyPage[k]])
    block = joinLines([block, line])
  }
  const pageAt = (offset: number) => starts.filter(([at]) => at <= offset).pop()?.[1] ?? doc.bodyPage[start]
  return { block, pageAt }
}

/** "The effectiveness of the Local Safeguarding Children Board (LSCB) is inadequate", "The LSCB requires improvement". */
export function lscbJudgement(doc: ReportText): { grade: string; page: number } | null {
  const statement =
    /^The (?:effectiveness of the )?(?:Local Safeguarding Children(?: Board)?|LSCB)(?: \(LSCB\))? (is|requires?)\b(.*)$/i
  const { lines } = doc
  const subjectAlone = /^The (?:effectiveness of the )?(?:Local Safeguarding Children Board|LSCB)(?: \(LSCB\))?$/i
  for (let i = 0; i < lines.length; i++) {
    // The sentence may wrap after its subject: "The effectiveness of the ... (LSCB)" / "requires improvement." (Hillingdon 2014)
    const m = statement.exec(subjectAlone.test(lines[i]) ? joinLines(lines.slice(i, i + 2)) : lines[i])
    if (!m) continue
    const rest = (m[1].toLowerCase().startsWith('require') ? 'requires ' : '') + (m[2].trim() || lines[i + 1] || '')
    const grade = gradeWord(rest.replace(/^that it is /i, ''))
    if (grade) return { grade, page: doc.pageOf[i] }
  }
  return null
}

function readSif(doc: ReportText, board = false) {
  const j = sifJudgements(doc)
  const r = sifRecommendations(doc, { board })
  const lscb = lscbJudgement(doc)
  return {
    judgements: j.judgements,
    lscbJudgement: lscb?.grade ?? null,
    lscbJudgementPage: lscb?.page ?? null,
    recommendations: r.recommendations,
    flags: [...j.flags, ...r.flags],
  }
}

/** The board review's un-numbered bulleted "Recommendations" list (Surrey 2015), each item addressed to the board. */
export function boardBullets(doc: ReportText): Recommendation[] {
  const { body, bodyPage } = doc
  const at = body.findIndex((l) => /^Recommendations$/.test(l))
  const out: Recommendation[] = []
  if (at < 0) return out
  for (let k = at + 1; k < body.length; k++) {
    const line = body[k]
    if (BULLET.test(line)) {
      const text = line.replace(BULLET, '')
      out.push({
        number: null,
        category: 'LSCB: Recommendations',
        addressee: 'safeguarding board',
        text,
        page: bodyPage[k],
      })
    } else if (out.length && !/[.;]$/.test(out[out.length - 1].text))
      out[out.length - 1].text = joinLines([out[out.length - 1].text, line])
    else break
  }
  return out
}

const SIF_TITLE = /children in need of help and protection,? children looked after and care leavers/i
const REINSPECTION = /^(\S+ )*Re-?inspection of services/i
/** The title names the LSCB review when the report includes one. */
const reviewsBoard = (doc: ReportText) =>
  /Review of the effectiveness of the (Local Safeguarding Children Board|LSCB)/i.test(doc.title)

const SIF_JUDGEMENTS: Array<[string, RegExp]> = [
  ['the overall judgement', /^Overall judgement$/],
  ['children who need help and protection', /help and protection/i],
  ['children looked after', /looked after/i],
  ['adoption performance', /adoption/i],
  ['care leavers', /care leavers/i],
  ['leadership, management and governance', /leadership/i],
]

export const sif: LayoutFamily = {
  id: 'SIF',
  framework: 'SIF',
  detect: (doc) => SIF_TITLE.test(doc.title) && !REINSPECTION.test(doc.title),
  read: (doc) => readSif(doc),
  requiredJudgements: SIF_JUDGEMENTS,
  requiresLscb: reviewsBoard,
  requiresRecommendations: true,
  datedLetter: false,
}

export const sifReinspection: LayoutFamily = {
  ...sif,
  id: 'SIF re-inspection',
  detect: (doc) => SIF_TITLE.test(doc.title) && REINSPECTION.test(doc.title),
}

/** The LSCB review published as its own report (Surrey 2015): the board's grade and its recommendations only. */
export const lscbReview: LayoutFamily = {
  id: 'SIF LSCB review',
  framework: 'SIF',
  detect: (doc) => /^(.+ )?Review of the effectiveness of the Local Safeguarding Children Board/i.test(doc.title),
  read(doc) {
    const reading = readSif(doc, true)
    const recommendations = reading.recommendations.length ? reading.recommendations : boardBullets(doc)
    const onlyBoard: Flag = {
      field: 'judgements',
      message:
        'This report reviews the Local Safeguarding Children Board only: it grades no children’s services areas (the local authority’s own inspection is a separate report)',
      page: 1,
    }
    const flags = reading.flags.filter(
      (f) => f.field !== 'judgements' && !(recommendations.length && f.field === 'recommendations'),
    )
    return { ...reading, judgements: [], recommendations, flags: [onlyBoard, ...flags] }
  },
  requiredJudgements: [],
  requiresLscb: () => true,
  requiresRecommendations: true,
  datedLetter: false,
}
