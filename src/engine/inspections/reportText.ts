/**
 * A report's text as the layout readers see it: one string per printed row, pages separated by '\f' rows, with the
 * PDF page number of every row so each recommendation and judgement can say where the reviewer should look.
 */
import { isPageFurniture, joinLines } from './text.ts'

export interface ReportText {
  /** Every row, '\f' between pages (as pdfText.ts gives them). */
  lines: string[]
  /** The 1-based PDF page of lines[i]. */
  pageOf: number[]
  /** The rows that are not page furniture (page numbers, running headers and footers, blanks), and their pages. */
  body: string[]
  bodyPage: number[]
  /** The first rows joined: the title block, used by detect(). */
  title: string
  pages: number
}

/**
 * Running headers and footers: a row printed among the first or last two rows of at least half the pages after the
 * first (and at least three)("Inspection of Tameside local authority children's services" / "4 to 15 December 2023" at the top of every page).
 */
function runningRows(lines: string[], pageOf: number[]): Set<string> {
  const byPage = new Map<number, string[]>()
  lines.forEach((line, i) => {
    if (pageOf[i] > 1 && !isPageFurniture(line)) byPage.set(pageOf[i], [...(byPage.get(pageOf[i]) ?? []), line])
  })
  const seen = new Map<string, number>()
  for (const rows of byPage.values())
    for (const row of new Set([...rows.slice(0, 2), ...rows.slice(-2)])) seen.set(row, (seen.get(row) ?? 0) + 1)
  const enough = Math.max(3, byPage.size / 2)
  return new Set([...seen].filter(([, n]) => n >= enough).map(([row]) => row))
}

export function reportText(lines: string[]): ReportText {
  const pageOf: number[] = []
  let page = 1
  for (const line of lines) {
    pageOf.push(page)
    if (line === '\f') page++
  }
  const running = runningRows(lines, pageOf)
  const keep = lines
    .map((_, i) => i)
    .filter((i) => !isPageFurniture(lines[i]) && !(pageOf[i] > 1 && running.has(lines[i])))
  return {
    lines,
    pageOf,
    body: keep.map((i) => lines[i]),
    bodyPage: keep.map((i) => pageOf[i]),
    title: joinLines(lines.slice(0, 12)),
    pages: lines.filter((l) => l === '\f').length,
  }
}
