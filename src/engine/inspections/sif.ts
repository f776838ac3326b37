/**
 * Single inspection framework (SIF, November 2013 to 2018) reports: the front-page judgements, the Local Safeguarding
 * Children Board's review judgement, and the numbered recommendation lists.
 *
 * Two layouts: 2014-15 reports split "What does the local authority need to improve?" into "Priority and immediate
 * action" and "Areas for improvement", often with un-numbered theme sub-headings between items; from 2015 one numbered
 * "Recommendations" list. Either way the LSCB section has its own list with its own paragraph numbers.
 */
import type { Flag, Judgement, Recommendation } from './model.ts'
import { BULLET, gradeWord, isPageFurniture, joinLines } from './text.ts'

const GRADE = '(Outstanding|Good|Requires [Ii]mprovement|Inadequate)'

/** The front page: "The overall judgement is inadequate" and the numbered area list with grades (which may wrap). */
export function sifJudgements(lines: string[]): { judgements: Judgement[]; flags: Flag[] } {
  const flags: Flag[] = []
  const judgements: Judgement[] = []
  const head = lines.slice(0, 60)
  const overallAt = head.findIndex((l) =>
    /^The overall judgement is|^Children.s services in .+ (are|is|require)/i.test(l),
  )
  if (overallAt >= 0) {
    const sentence = joinLines(head.slice(overallAt, overallAt + 2))
    const m =
      /\b(?:is|are|requires?)(?: that children.s services are| that it is)? (outstanding|good|requires? improvement|inadequate)\b/i.exec(
        sentence,
      )
    const grade = m ? gradeWord(m[1]) : null
    if (grade) judgements.push({ area: 'Overall judgement', grade })
  }
  if (!judgements.length)
    flags.push({
      field: 'judgements',
      message: 'The overall judgement was not found on the front page: enter it from the report',
    })

  const start = head.findIndex((l) => /^1\.? Children who need help and protection/.test(l))
  if (start < 0) {
    flags.push({
      field: 'judgements',
      message: 'The table of judgements was not found on the front page: enter them from the report',
    })
    return { judgements, flags }
  }
  const block = joinLines(head.slice(start, start + 16).filter((l) => !isPageFurniture(l)))
  const re = new RegExp(`(\\d(?:\\.\\d)?)\\.? ([A-Z][^]*?) ${GRADE}(?= \\d|$| [A-Z])`, 'g')
  for (const m of block.matchAll(re)) {
    const grade = gradeWord(m[3])!
    judgements.push({ area: m[2].trim(), grade })
    if (/^Leadership, management and governance/.test(m[2])) break
  }
  if (judgements.length < 6)
    flags.push({
      field: 'judgements',
      message: `Only ${judgements.length} of the 6 SIF judgements were read: check them against the report`,
    })
  return { judgements, flags }
}

/** "The effectiveness of the Local Safeguarding Children Board (LSCB) is inadequate", "The LSCB requires improvement". */
export function lscbJudgement(lines: string[]): string | null {
  const statement =
    /^The (?:effectiveness of the )?(?:Local Safeguarding Children(?: Board)?|LSCB)(?: \(LSCB\))? (is|requires?)\b(.*)$/i
  for (let i = 0; i < lines.length; i++) {
    const m = statement.exec(lines[i])
    if (!m) continue
    const rest = (m[1].toLowerCase().startsWith('require') ? 'requires ' : '') + (m[2].trim() || lines[i + 1] || '')
    const grade = gradeWord(rest.replace(/^that it is /i, ''))
    if (grade) return grade
  }
  return null
}

/** Headings that open a recommendation list, in the category names the ground truth and Ofsted use. */
const CATEGORY_HEADINGS: Array<[RegExp, string]> = [
  [/^Priority (and immediate )?actions?$/i, 'Priority and immediate action'],
  [/^Areas? for improvement$/i, 'Areas for improvement'],
  [/^Recommendations$/, 'Recommendations'],
]

/** Headings that end a recommendation list (the next part of the report). */
const LIST_END =
  /^(The local authority.s strengths|Summary for children and young people|Summary of key findings|Information about this inspection|Inspection findings.*|Inspection judgements? about the .*|Executive summary|Section \d.*|Key strengths and weaknesses.*|What does the .* need to improve\??|Contents)$/i

/** The start of the LSCB part of the report: everything after it is addressed to the board. */
const LSCB_START =
  /^Section 2: The effectiveness|^The Local Safeguarding Children Board \(LSCB\)$|^What does the LSCB need to improve\??$|^Review of the effectiveness of the LSCB/i

const NUMBERED = /^(\d{1,3})\.\s+(\S.*)$/

/**
 * Every numbered recommendation in report order, with its paragraph number and category; LSCB items are addressed to
 * the safeguarding board and their category is prefixed "LSCB: ". Un-numbered theme sub-headings between items are kept
 * as each item's theme, never counted as recommendations.
 */
export function sifRecommendations(lines: string[]): { recommendations: Recommendation[]; flags: Flag[] } {
  const recommendations: Recommendation[] = []
  const flags: Flag[] = []
  const body = lines.filter((l) => !isPageFurniture(l))
  // The contents page's headings end in page numbers, so the exact matches below never take them for the real ones.
  let lscb = false
  let category: string | null = null
  let theme: string | null = null
  let current: { number: string; parts: string[]; category: string; lscb: boolean; theme: string | null } | null = null
  let expected: number | null = null
  const flush = () => {
    if (!current) return
    recommendations.push({
      number: current.number,
      category: (current.lscb ? 'LSCB: ' : '') + current.category,
      addressee: current.lscb ? 'safeguarding board' : 'local authority',
      text: joinLines(current.parts),
      ...(current.theme ? { theme: current.theme } : {}),
    })
    current = null
  }
  const isItem = (line: string | undefined, anyNumber = false) => {
    const m = NUMBERED.exec(line ?? '')
    return !!m && (anyNumber || expected === null || Number(m[1]) === expected)
  }
  const nextIsItem = (k: number) => isItem(body[k + 1])
  for (let k = 0; k < body.length; k++) {
    const line = body[k]
    if (LSCB_START.test(line) && !/\s\d{1,3}$/.test(line)) {
      flush()
      lscb = true
      category = null
      expected = null
      continue
    }
    const heading = CATEGORY_HEADINGS.find(([re]) => re.test(line))
    // A heading opens a list only when an item (perhaps after a theme sub-heading) follows, so prose never does.
    if (heading && (isItem(body[k + 1], true) || isItem(body[k + 2], true))) {
      flush()
      category = heading[1]
      theme = null
      expected = null
      continue
    }
    if (!category) continue
    if (isItem(line)) {
      const numbered = NUMBERED.exec(line)!
      flush()
      current = { number: numbered[1], parts: [numbered[2]], category, lscb, theme }
      expected = Number(numbered[1]) + 1
      continue
    }
    if (LIST_END.test(line)) {
      flush()
      category = null
      continue
    }
    // A short line without closing punctuation followed by the next numbered item is a theme sub-heading.
    const after = current ? joinLines(current.parts) : '.'
    if (!/[.;:,]$/.test(line) && !BULLET.test(line) && nextIsItem(k) && /[.;:)]$/.test(after)) {
      flush()
      theme = line
      continue
    }
    if (current) current.parts.push(line.replace(BULLET, ''))
    else if (!nextIsItem(k)) category = null
  }
  flush()
  if (!recommendations.length)
    flags.push({
      field: 'recommendations',
      message: 'No numbered recommendations were found: enter them from the report',
    })
  return { recommendations, flags }
}
