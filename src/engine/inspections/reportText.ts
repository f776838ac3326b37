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
  /** The rows that are not page furniture (page numbers, running headers, blanks), and their pages. */
  body: string[]
  bodyPage: number[]
  /** The first rows joined: the title block, used by detect(). */
  title: string
  pages: number
}

export function reportText(lines: string[]): ReportText {
  const pageOf: number[] = []
  let page = 1
  for (const line of lines) {
    pageOf.push(page)
    if (line === '\f') page++
  }
  const keep = lines.map((_, i) => i).filter((i) => !isPageFurniture(lines[i]))
  return {
    lines,
    pageOf,
    body: keep.map((i) => lines[i]),
    bodyPage: keep.map((i) => pageOf[i]),
    title: joinLines(lines.slice(0, 12)),
    pages: lines.filter((l) => l === '\f').length,
  }
}
