/**
 * The numbered recommendation lists of SIF reports. Two layouts: 2014-15 reports split "What does the local authority
 * need to improve?" into "Priority and immediate action" and "Areas for improvement", often with un-numbered theme
 * sub-headings between items; from 2015 one numbered "Recommendations" list. Either way the LSCB section has its own
 * list with its own paragraph numbers.
 */
import type { Flag, Recommendation } from '../model.ts'
import type { ReportText } from '../reportText.ts'
import { BULLET, joinLines } from '../text.ts'

/** Headings that open a recommendation list, in the category names the ground truth and Ofsted use. */
const CATEGORY_HEADINGS: Array<[RegExp, string]> = [
  [/^Priority (and immediate )?actions?:?$/i, 'Priority and immediate action'],
  [/^Areas? for improvement:?$/i, 'Areas for improvement'],
  [/^Recommendations:?$/, 'Recommendations'],
]

/** Headings that end a recommendation list (the next part of the report). */
const LIST_END =
  /^(The (local authority|LSCB|board|Local Safeguarding Children Board).s strengths|Summary for children and young people|Summary of key findings|Information about this inspection|Inspection findings.*|Inspection judgements? about the .*|Executive summary|Section \d.*|Key strengths and weaknesses.*|What does the .* need to improve\??|Contents)$/i

/** The start of the LSCB part of the report: everything after it is addressed to the board. */
const LSCB_START =
  /^Section 2: The effectiveness|^The Local Safeguarding Children Board \(LSCB\)$|^What does the LSCB need to improve\??$|^Review of the effectiveness of the LSCB/i

/** "The Local Safeguarding Children Board" as a section heading: the board's grade on the next row (Lewisham 2016). */
const boardHeading = (body: string[], k: number) =>
  /^The Local Safeguarding Children Board$/.test(body[k]) &&
  /^The Local Safeguarding Children Board (is|requires?)\b/.test(body[k + 1] ?? '')

const NUMBERED = /^(\d{1,3})\.\s+(\S.*)$/

/** The item being read: its paragraph number, its lines so far and where it sits. */
interface OpenItem {
  /** Null for a bullet: some SIF lists (Hillingdon 2014, the tri-borough LSCB lists of 2016) are not numbered. */
  number: string | null
  parts: string[]
  category: string
  lscb: boolean
  theme: string | null
  page: number
}

/**
 * A list heading with no numbered item after it (contents-page headings end in a page number and are skipped; a
 * heading followed by "There are no priority actions" / "The inspection did not find any areas for ..." is an empty
 * list, as the report says).
 */
function headingWithoutItems(line: string, next: string | undefined, page: number): Flag | null {
  if (/\s\d{1,3}$/.test(line) || /^(There (are|were) no|The inspection did not find any) /i.test(next ?? ''))
    return null
  return {
    field: 'recommendations',
    message: `The heading “${line}” is not followed by numbered items: check whether a list was missed`,
    page,
  }
}

/** In a bulleted list: a bullet starts an item, a line that runs on (the item unfinished, or lower case) continues it,
 * anything else (the next heading) ends the list. */
function bulletStep(line: string, current: OpenItem | null): 'item' | 'more' | 'end' {
  if (BULLET.test(line)) return 'item'
  if (LIST_END.test(line) || !current) return 'end'
  return !/[.;:]$/.test(joinLines(current.parts)) || /^[a-z(]/.test(line) ? 'more' : 'end'
}

/** The item as a recommendation: "18. There are no areas for priority or immediate action" (Sheffield 2014) says
 * the list is empty, and is not one. */
function asRecommendation(item: OpenItem): Recommendation | null {
  if (/^There (are|were) no (areas|priority|recommendations)\b/i.test(item.parts[0])) return null
  return {
    number: item.number,
    category: (item.lscb ? 'LSCB: ' : '') + item.category,
    addressee: item.lscb ? 'safeguarding board' : 'local authority',
    text: joinLines(item.parts),
    ...(item.theme ? { theme: item.theme } : {}),
    page: item.page,
  }
}

/**
 * Every numbered recommendation in report order, with its paragraph number and category; LSCB items are addressed to
 * the safeguarding board and their category is prefixed "LSCB: ". Un-numbered theme sub-headings between items are kept
 * as each item's theme, never counted as recommendations.
 */
export function sifRecommendations(
  doc: ReportText,
  options: { board?: boolean } = {},
): { recommendations: Recommendation[]; flags: Flag[] } {
  const recommendations: Recommendation[] = []
  const flags: Flag[] = []
  const { body, bodyPage } = doc
  // The contents page's headings end in page numbers, so the exact matches below never take them for the real ones.
  let lscb = options.board ?? false
  let category: string | null = null
  let theme: string | null = null
  let current: OpenItem | null = null
  let expected: number | null = null
  let bulleted = false
  const flush = () => {
    const item = current && asRecommendation(current)
    if (item) recommendations.push(item)
    current = null
  }
  const isItem = (line: string | undefined, anyNumber = false) => {
    const m = NUMBERED.exec(line ?? '')
    return !!m && (anyNumber || expected === null || Number(m[1]) === expected)
  }
  const nextIsItem = (k: number) => isItem(body[k + 1])
  for (let k = 0; k < body.length; k++) {
    const line = body[k]
    if ((LSCB_START.test(line) || boardHeading(body, k)) && !/\s\d{1,3}$/.test(line)) {
      flush()
      lscb = true
      category = null
      expected = null
      continue
    }
    const heading = CATEGORY_HEADINGS.find(([re]) => re.test(line))
    // A heading opens a list only when an item (perhaps after a theme sub-heading) follows, so prose never does.
    if (heading && (isItem(body[k + 1], true) || isItem(body[k + 2], true) || BULLET.test(body[k + 1] ?? ''))) {
      flush()
      category = heading[1]
      theme = null
      expected = null
      bulleted = BULLET.test(body[k + 1] ?? '')
      continue
    }
    const unfollowed = heading ? headingWithoutItems(line, body[k + 1], bodyPage[k]) : null
    if (unfollowed) flags.push(unfollowed)
    if (!category) continue
    if (bulleted) {
      const step = bulletStep(line, current)
      if (step === 'more') current!.parts.push(line)
      else flush()
      if (step === 'item')
        current = { number: null, parts: [line.replace(BULLET, '')], category, lscb, theme: null, page: bodyPage[k] }
      if (step === 'end') category = null
      continue
    }
    if (isItem(line)) {
      const numbered = NUMBERED.exec(line)!
      flush()
      current = { number: numbered[1], parts: [numbered[2]], category, lscb, theme, page: bodyPage[k] }
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
  return { recommendations, flags }
}
