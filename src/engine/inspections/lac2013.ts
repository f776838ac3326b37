/**
 * Pre-SIF inspections (2012-13 "Inspection of looked after children services" and the safeguarding and looked after
 * children inspections before them): grades on the old four-point scale ("Grade 4 (Inadequate)", "Adequate"), a
 * "Record of main findings" table at the end, and un-numbered "Areas for improvement" bullets grouped by timescale
 * ("Immediately:", "Within three months:", "Within six months:").
 */
import type { Judgement, Recommendation } from './model.ts'
import { BULLET, gradeWord, isPageFurniture, joinLines } from './text.ts'

const GRADE_ROW = /^(.*?)\s*(Outstanding|Good|Adequate|Inadequate)\s+Grade [1-4]$/

/** The "Record of main findings" table: "Overall effectiveness Inadequate Grade 4", area names that wrap. */
export function lacJudgements(lines: string[]): Judgement[] {
  const start = lines.findIndex((l) => /^Record of main findings$/i.test(l))
  if (start < 0) return []
  const out: Judgement[] = []
  let area: string[] = []
  for (const line of lines.slice(start + 1, start + 60)) {
    if (isPageFurniture(line) || /^Services for /i.test(line)) continue
    const m = GRADE_ROW.exec(line)
    if (m) {
      out.push({ area: joinLines([...area, m[1]]), grade: gradeWord(m[2])! })
      area = []
    } else if (out.length && /^(Safeguarding|Services|Contents)/.test(line)) break
    else area.push(line)
    if (out.length >= 12) break
  }
  return out
}

const TIMESCALE = /^(Immediately|Within (?:one|two|three|four|six|twelve|\d+) months?|Within (?:a|one) year):?$/i

/** "Areas for improvement" followed by an introduction, then bullets under timescale headings. */
export function lacRecommendations(lines: string[]): Recommendation[] {
  const out: Recommendation[] = []
  const body = lines.filter((l) => !isPageFurniture(l))
  const start = body.findIndex((l) => /^Areas for improvement$/i.test(l))
  if (start < 0) return out
  let timescale: string | null = null
  let current: string[] | null = null
  const flush = () => {
    if (current && timescale)
      out.push({
        number: null,
        category: `Areas for improvement: ${timescale}`,
        addressee: 'local authority',
        text: joinLines(current),
      })
    current = null
  }
  for (const line of body.slice(start + 1)) {
    const t = TIMESCALE.exec(line)
    if (t) {
      flush()
      timescale = t[1][0].toUpperCase() + t[1].slice(1).toLowerCase()
      continue
    }
    if (!timescale) continue
    if (BULLET.test(line)) {
      flush()
      current = [line.replace(BULLET, '')]
    } else if (current && /^[a-z(‘'"]/.test(line)) {
      current.push(line) // wrapped text of the bullet runs on in lower case
    } else break // the next section's heading
  }
  flush()
  return out
}
