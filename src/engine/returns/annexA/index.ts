import path from 'node:path'
import Papa from 'papaparse'
import type { CaseworkRecord } from '../../casework/model.ts'
import { FieldChecks } from '../checks.ts'
import { defineReturnFormat, type ReturnFile, type ReturnFormat } from '../format.ts'
import { firstLine } from '../text.ts'
import { LISTS_NOT_READ, LISTS_READ, listRecords, type ListRow } from './lists.ts'
import { csvRows, xlsxSheets, type Sheet, type SheetRow } from './sheets.ts'
import { ANNEX_A_LISTS, listFromHeadings, listFromName, matchHeadings } from './spec.ts'

const HEADER_SEARCH_ROWS = 10
const REQUIRED: Record<number, string[]> = Object.fromEntries(
  ANNEX_A_LISTS.map((l) => [l.list, l.columns.filter((c) => !c.blank).map((c) => c.heading)]),
)

/** Finds the header row (within the first rows: some councils put a title above it) and the list it belongs to. */
function headerOf(cells: unknown[], named: number | null) {
  const text = cells.map((c) => (c === null || c === undefined ? '' : String(c)))
  const list = named ?? listFromHeadings(text)
  if (list === null) return null
  const headings = matchHeadings(list, text)
  return headings.size >= 3 ? { list, headings } : null
}

async function* readSheet(sheet: Sheet, checks: FieldChecks): AsyncIterable<CaseworkRecord[]> {
  const named = listFromName(sheet.name)
  let header: ReturnType<typeof headerOf> = null
  const out: CaseworkRecord[] = []
  const emit = (r: CaseworkRecord) => void out.push(r)
  for await (const { row, cells } of sheet.rows as AsyncIterable<SheetRow>) {
    if (!header) {
      if (row > HEADER_SEARCH_ROWS) return
      header = headerOf(cells, named)
      if (header && !LISTS_READ.includes(header.list)) return notRead(header.list, sheet.name, checks)
      if (header) missingHeadings(header.list, header.headings, sheet.name, checks)
      continue
    }
    if (cells.every((c) => c === null || c === undefined || String(c).trim() === '')) continue
    const h = header.headings
    const r: ListRow = {
      sheet: `List ${header.list}`,
      row,
      has: (heading) => h.has(heading),
      get: (heading) => {
        const i = h.get(heading)
        return i === undefined ? null : cells[i]
      },
    }
    listRecords(header.list, r, checks, emit)
    if (out.length >= 1000) yield out.splice(0)
  }
  if (out.length) yield out
}

function notRead(list: number, sheet: string, checks: FieldChecks) {
  checks.issue(
    'warning',
    { sheet: `List ${list}`, column: 'List' },
    undefined,
    `(${LISTS_NOT_READ[list] ?? 'not a child-level list'}, sheet "${sheet}") is not read: Sightline holds children's case records only`,
  )
}

function missingHeadings(list: number, found: Map<string, number>, sheet: string, checks: FieldChecks) {
  const missing = (REQUIRED[list] ?? []).filter((h) => !found.has(h))
  for (const heading of missing)
    checks.issue(
      'warning',
      { sheet: `List ${list}`, column: heading },
      undefined,
      `has no column on sheet "${sheet}"; left blank`,
    )
}

const annexAMerge: ReturnFormat['mergeBy'] = {
  child: (r) => r.childId,
  referral: (r) => r.referralId ?? '',
  allocation: (r) => `${r.childId}|${r.workerId ?? ''}|${r.team ?? ''}`,
  worker: (r) => r.workerId,
}

/** A CSV header line's cells. */
export const headerCells = (line: string): string[] => (Papa.parse<string[]>(line).data[0] ?? []).map(String)

const isXlsx = (f: ReturnFile) => f.head[0] === 0x50 && f.head[1] === 0x4b && f.head.includes('xl/')

/** Ofsted Annex A as a workbook (lists on sheets named in any of the usual ways). */
export const annexAWorkbook = defineReturnFormat({
  id: 'annexA',
  title: 'Ofsted Annex A workbook',
  versions: ['2024'],
  mergeBy: annexAMerge,
  detect: (f) => (isXlsx(f) ? { version: '2024', description: 'Annex A workbook' } : null),
  async *read(file, _detected, ctx) {
    const checks = new FieldChecks(ctx, file.fileName)
    for await (const sheet of xlsxSheets(file.path)) yield* readSheet(sheet, checks)
  },
})

/** Ofsted Annex A as one CSV per list, recognised by its headings (or "List N" in its name). */
export const annexACsv = defineReturnFormat({
  id: 'annexA',
  title: 'Ofsted Annex A list (CSV)',
  versions: ['2024'],
  mergeBy: annexAMerge,
  detect(f) {
    if (isXlsx(f)) return null
    const cells = headerCells(firstLine(f.head))
    const list = listFromHeadings(cells) ?? listFromName(path.basename(f.fileName))
    if (list === null || matchHeadings(list, cells).size < 3) return null
    return { version: '2024', description: `Annex A list ${list} (CSV)`, part: String(list) }
  },
  async *read(file, detected, ctx) {
    const checks = new FieldChecks(ctx, file.fileName)
    yield* readSheet({ name: `List ${detected.part}`, rows: csvRows(file.path, file.head) }, checks)
  },
})
