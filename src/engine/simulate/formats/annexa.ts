import ExcelJS from 'exceljs'
import { isoOf } from '../days.ts'
import type { SimChild } from '../model.ts'
import { csvLine, TextFile, type Output } from '../output.ts'
import type { LaPlan } from '../plan.ts'
import { ANNEX_A_HEADINGS, ANNEX_A_SHEETS } from './annexaHeadings.ts'
import { annexARows } from './annexaRows.ts'
import type { FormatWriter } from './writer.ts'

/** Ofsted Annex A as one CSV per list (annex-a/List_1.csv ... List_11.csv), UTF-8 with Ofsted's headings. */
export function annexACsvWriter(out: Output, dir: string): FormatWriter {
  const files = ANNEX_A_SHEETS.map((s) => new TextFile(out.text(`${dir}annex-a/${s}.csv`)))
  files.forEach((f, i) => f.write(csvLine(ANNEX_A_HEADINGS[i])))
  let plan: LaPlan
  return {
    begin: (p) => void (plan = p),
    async child(c: SimChild) {
      const lists = annexARows(c, plan)
      for (let i = 0; i < 11; i++) for (const row of lists[i]) await files[i].write(csvLine(row))
    },
    async end() {
      for (const f of files) await f.close()
    },
  }
}

const FIXED_MS = Date.UTC(2000, 0, 1)
/** A fresh fixed date each time: exceljs and archiver may change a Date they are given. */
const fixedDate = () => new Date(FIXED_MS)

/**
 * Runs f with "now" fixed (new Date() and Date.now()), then restores the clock. The workbook writer's constructor
 * adds its first zip entries synchronously, stamping them with the current time; this keeps them byte-identical.
 */
function atFixedTime<T>(f: () => T): T {
  const RealDate = Date
  class FixedDate extends RealDate {
    constructor(...args: []) {
      if (args.length === 0) super(FIXED_MS)
      else super(...(args as unknown as [number]))
    }
    static now() {
      return FIXED_MS
    }
  }
  globalThis.Date = FixedDate as DateConstructor
  try {
    return f()
  } finally {
    globalThis.Date = RealDate
  }
}

function workbookWriter(out: Output, dir: string) {
  const stream = out.binary(`${dir}annex-a.xlsx`)
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', () => resolve())
    stream.on('error', reject)
  })
  const wb = atFixedTime(
    () => new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: false, useSharedStrings: false }),
  )
  // Fixed entry dates, so the same seed gives a byte-identical workbook (archiver stamps entries with the time).
  const zip = (wb as unknown as { zip: { append: (src: unknown, o: object) => unknown } }).zip
  const append = zip.append.bind(zip)
  zip.append = (src, o) => append(src, { ...o, date: fixedDate() })
  wb.creator = 'Sightline simulator'
  wb.created = fixedDate()
  wb.modified = fixedDate()
  return { wb, done }
}

/**
 * The Annex A workbook (annex-a.xlsx): Front_Sheet, then List_1 to List_11 with Ofsted's headings, streamed with
 * exceljs's WorkbookWriter one sheet at a time (each list's rows wait in the Output's scratch space meanwhile, so
 * memory stays bounded at any scale). Dates are text in DD/MM/YYYY, as Ofsted's template asks.
 */
export function annexAXlsxWriter(out: Output, dir: string): FormatWriter {
  const { wb, done } = workbookWriter(out, dir)
  const spills = ANNEX_A_SHEETS.map((name) => {
    const scratch = out.scratch(`${dir.replace(/\//g, '-')}annex-a-${name}.jsonl`)
    return { scratch, file: new TextFile(scratch) }
  })
  let plan: LaPlan
  return {
    begin(p) {
      plan = p
      const front = wb.addWorksheet('Front_Sheet')
      front.addRow(['Local authority', p.laName]).commit()
      front.addRow(['LA code', p.laCode]).commit()
      front.addRow(['Date of extract', isoOf(p.asAt).split('-').reverse().join('/')]).commit()
      front.addRow(['Synthetic data', 'Made by the Sightline simulator: no real child']).commit()
      front.commit()
    },
    async child(c: SimChild) {
      const lists = annexARows(c, plan)
      for (let i = 0; i < 11; i++) for (const row of lists[i]) await spills[i].file.write(JSON.stringify(row) + '\n')
    },
    async end() {
      for (const [i, name] of ANNEX_A_SHEETS.entries()) {
        await spills[i].file.close()
        const ws = wb.addWorksheet(name)
        ws.addRow(ANNEX_A_HEADINGS[i]).commit()
        for await (const line of spills[i].scratch.lines()) ws.addRow(JSON.parse(line)).commit()
        ws.commit()
      }
      await wb.commit()
      await done
    },
  }
}
