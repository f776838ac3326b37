import type { CaseworkRecord } from '../../casework/model.ts'
import { headerCells } from '../annexA/index.ts'
import { csvRows } from '../annexA/sheets.ts'
import { FieldChecks } from '../checks.ts'
import { defineReturnFormat, type ReturnFormat } from '../format.ts'
import { firstLine, textChunks } from '../text.ts'
import { rowRecords } from './records.ts'
import { CURRENT_903, SSDA903_YEARS, tableOfColumns, type Ssda903Table } from './tables.ts'
import { Ssda903XmlParser } from './xml.ts'

const VERSIONS = SSDA903_YEARS.map((y) => String(y.year))
const merge903: ReturnFormat['mergeBy'] = {
  child: (r) => r.childId,
  adoption: (r) => r.childId,
  worker: (r) => r.workerId,
}

/** SSDA903 CSVs, one per table, recognised by their columns (every table of the current return). */
export const ssda903Csv = defineReturnFormat({
  id: 'ssda903',
  title: 'SSDA903 table (CSV)',
  versions: VERSIONS,
  mergeBy: merge903,
  detect(f) {
    if (f.head[0] === 0x50 && f.head[1] === 0x4b) return null
    const table = tableOfColumns(headerCells(firstLine(f.head)))
    return table ? { version: String(CURRENT_903.year), description: `SSDA903 ${table} table`, part: table } : null
  },
  async *read(file, detected, ctx) {
    const checks = new FieldChecks(ctx, file.fileName)
    const table = detected.part as Ssda903Table
    let columns: string[] = []
    const out: CaseworkRecord[] = []
    for await (const { row, cells } of csvRows(file.path, file.head)) {
      if (row === 1) {
        columns = cells.map((c) => String(c).trim().toUpperCase())
        continue
      }
      if (cells.every((c) => String(c ?? '').trim() === '')) continue
      const at = new Map(columns.map((c, i) => [c, i]))
      const get = (c: string) => {
        const i = at.get(c)
        return i === undefined ? undefined : (cells[i] as string | undefined)
      }
      rowRecords(table, { get, sheet: table, row }, checks, ctx.asAt, (r) => void out.push(r))
      if (out.length >= 1000) yield out.splice(0)
    }
    if (out.length) yield out
  },
})

/** The SSDA903 XML return (EXPSSDA903). */
export const ssda903Xml = defineReturnFormat({
  id: 'ssda903',
  title: 'SSDA903 XML',
  versions: VERSIONS,
  mergeBy: merge903,
  detect: (f) =>
    /<EXPSSDA903[\s>]/.test(new TextDecoder().decode(f.head.subarray(0, 4096)))
      ? { version: String(CURRENT_903.year), description: 'SSDA903 XML' }
      : null,
  async *read(file, _detected, ctx) {
    const checks = new FieldChecks(ctx, file.fileName)
    const out: CaseworkRecord[] = []
    const parser = new Ssda903XmlParser((c) => {
      for (const { table, values } of c.rows)
        rowRecords(
          table,
          { get: (k) => values[k], sheet: table, row: c.position },
          checks,
          ctx.asAt,
          (r) => void out.push(r),
        )
    })
    for await (const chunk of textChunks(file.path, file.head)) {
      parser.write(chunk)
      if (out.length) yield out.splice(0)
    }
    parser.end()
    if (out.length) yield out
  },
})
