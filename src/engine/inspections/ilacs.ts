/**
 * ILACS inspections (2018 on) and the visit letters (focused and monitoring visits): the judgement table and the
 * bulleted "What needs to improve?" / "Areas for priority action" lists, which carry no paragraph numbers.
 */
import type { Judgement, Recommendation } from './model.ts'
import { BULLET, gradeWord, isPageFurniture, joinLines } from './text.ts'

/** The judgement table: area text over one or more lines, then its grade (alone or at the end of the line). */
export function ilacsJudgements(lines: string[]): Judgement[] {
  const start = lines.findIndex((l) => /^Judgement Grade$/i.test(l))
  const out: Judgement[] = []
  if (start < 0) return out
  let area = ''
  for (const line of lines.slice(start + 1, start + 40)) {
    if (/^to be good$/i.test(line)) continue // 'Requires improvement' wrapped onto a second line
    const g = /(Outstanding|Good|Requires improvement to be good|Requires improvement|Inadequate)$/.exec(line)
    if (g) {
      const text = (area + ' ' + line.slice(0, g.index)).trim()
      out.push({ area: text, grade: gradeWord(g[1])! })
      area = ''
      if (/^Overall effectiveness/i.test(text)) break
    } else area += ' ' + line
  }
  return out
}

const HEADING = /^(What needs to improve.*|Areas? for priority action.*)$/i
/** A short capitalised line with no full stop ('Findings', 'Next steps') is a heading, which ends a list. */
const isHeadingLike = (l: string) => /^[A-Z][^.]{0,30}$/.test(l) && l.split(' ').length <= 3

/**
 * Bulleted lists under headings ('What needs to improve?', 'Areas for priority action'): category = heading. A heading
 * followed by a paragraph (with or without sub-bullets) is one recommendation: the paragraph and its bullets.
 */
export function bulletRecommendations(lines: string[]): Recommendation[] {
  const out: Recommendation[] = []
  let category: string | null = null
  let current: string[] | null = null
  let paragraph = false
  const flush = () => {
    if (category && current)
      out.push({ number: null, category, addressee: 'local authority', text: joinLines(current) })
    current = null
  }
  for (const line of lines) {
    if (HEADING.test(line) && !BULLET.test(line)) {
      flush()
      category = line.replace(/[?:]$/, '').trim()
      paragraph = false
      continue
    }
    if (!category || isPageFurniture(line)) continue
    if (current === null && !BULLET.test(line) && !paragraph) {
      paragraph = true
      current = [line]
      continue
    }
    if (paragraph) {
      if (isHeadingLike(line)) {
        flush()
        category = null
      } else current?.push(line.replace(BULLET, ''))
      continue
    }
    if (BULLET.test(line)) {
      flush()
      current = [line.replace(BULLET, '')]
    } else if (current !== null && !/[.;:]$/.test(joinLines(current)) && !isHeadingLike(line)) current.push(line)
    else {
      flush()
      category = null
    }
  }
  flush()
  return out
}
