/**
 * Bulleted recommendation lists under headings ('What needs to improve?', 'Areas for priority action'), as ILACS reports
 * and visit letters print them: no paragraph numbers, the category is the heading.
 */
import type { Flag, Recommendation } from '../model.ts'
import type { ReportText } from '../reportText.ts'
import { BULLET, joinLines } from '../text.ts'

const HEADING = /^(What needs to improve.*|Areas? for priority action.*)$/i
/** A short capitalised line with no full stop ('Findings', 'Next steps') is a heading, which ends a list. */
const isHeadingLike = (l: string) => /^[A-Z][^.]{0,30}$/.test(l) && l.split(' ').length <= 3

/**
 * Bulleted lists under headings ('What needs to improve?', 'Areas for priority action'): category = heading. A heading
 * followed by a paragraph (with or without sub-bullets) is one recommendation: the paragraph and its bullets. A heading
 * followed by no item is flagged on its page.
 */
export function bulletRecommendations(doc: ReportText): { recommendations: Recommendation[]; flags: Flag[] } {
  const out: Recommendation[] = []
  const flags: Flag[] = []
  let category: string | null = null
  let headingPage = 0
  let items = 0
  let current: string[] | null = null
  let page = 0
  let paragraph = false
  const flush = () => {
    if (category && current) {
      out.push({ number: null, category, addressee: 'local authority', text: joinLines(current), page })
      items++
    }
    current = null
  }
  const start = (line: string, k: number) => {
    current = [line.replace(BULLET, '')]
    page = doc.bodyPage[k]
  }
  const close = () => {
    flush()
    if (category && !items)
      flags.push({
        field: 'recommendations',
        message: `The heading “${category}” is not followed by any item: check whether a list was missed`,
        page: headingPage,
      })
    category = null
  }
  doc.body.forEach((line, k) => {
    if (HEADING.test(line) && !BULLET.test(line)) {
      close()
      category = line.replace(/[?:]$/, '').trim()
      headingPage = doc.bodyPage[k]
      items = 0
      paragraph = false
      return
    }
    if (!category) return
    // The next heading straight after the list's heading: no item (close() flags it).
    if (current === null && !items && isHeadingLike(line)) return close()
    if (current === null && !BULLET.test(line) && !paragraph) {
      paragraph = true
      start(line, k)
      return
    }
    if (paragraph) {
      if (isHeadingLike(line)) close()
      else current?.push(line.replace(BULLET, ''))
      return
    }
    if (BULLET.test(line)) {
      flush()
      start(line, k)
    } else if (current !== null && !/[.;:]$/.test(joinLines(current)) && !isHeadingLike(line)) current.push(line)
    else close()
  })
  close()
  return { recommendations: out, flags }
}
