import type { CaseworkRecord } from '../../casework/model.ts'
import { headerCells } from '../annexA/index.ts'
import { csvRows } from '../annexA/sheets.ts'
import { FieldChecks, type Where } from '../checks.ts'
import { defineReturnFormat } from '../format.ts'
import { firstLine } from '../text.ts'
import { cleanId, cleanText, codeOf } from '../values.ts'

/**
 * The Standard Safeguarding Dataset (SSD) tables that carry what no statutory return does, as CSV with the SSD's own
 * column names, recognised by their columns: ssd_contacts (contacts with their outcome), ssd_professionals (workers,
 * with the agency flag) and ssd_involvements (every worker allocation). Person names are not in these tables.
 */
const TABLES = {
  contacts: ['cont_contact_id', 'cont_person_id', 'cont_contact_date'],
  professionals: ['prof_professional_id', 'prof_agency_worker_flag'],
  involvements: ['invo_professional_id', 'invo_person_id', 'invo_involvement_start_date'],
} as const
type SsdTable = keyof typeof TABLES

function tableOf(columns: string[]): SsdTable | null {
  const have = new Set(columns.map((c) => c.trim().toLowerCase()))
  for (const [table, needed] of Object.entries(TABLES)) if (needed.every((c) => have.has(c))) return table as SsdTable
  return null
}

/** The outcome of a contact: `{"OUTCOME_CODE":"..."}` as the SSD stores it, or the text as it is. */
function outcomeOf(value: string | undefined): string | null {
  const text = cleanText(value)
  if (!text || !text.startsWith('{')) return text
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>
    return cleanText(parsed.OUTCOME_CODE ?? parsed.outcome_code ?? null)
  } catch {
    return text
  }
}

type Get = (column: string) => string | undefined

function rowRecord(table: SsdTable, get: Get, row: number, checks: FieldChecks): CaseworkRecord | null {
  const at = (column: string): Where => ({ sheet: `ssd_${table}`, row, column })
  if (table === 'professionals') {
    const workerId = cleanId(get('prof_professional_id'))
    if (!checks.required(workerId, at('prof_professional_id'), 'The professional ID')) return null
    const agency = checks.yesNo(get('prof_agency_worker_flag'), at('prof_agency_worker_flag'))
    return { entity: 'worker', row: { workerId, team: cleanText(get('prof_professional_department')), agency } }
  }
  if (table === 'contacts') {
    const childId = cleanId(get('cont_person_id'))
    if (!checks.required(childId, at('cont_person_id'), 'The person ID')) return null
    const contactDate = checks.date(get('cont_contact_date'), at('cont_contact_date'))
    if (!checks.required(contactDate, at('cont_contact_date'), 'The contact date')) return null
    const contactId = cleanText(get('cont_contact_id'))
    const source = codeOf(get('cont_contact_source_code'))
    const outcome = outcomeOf(get('cont_contact_outcome_json'))
    return { entity: 'contact', row: { childId, contactId, contactDate, source, outcome } }
  }
  const childId = cleanId(get('invo_person_id'))
  if (!checks.required(childId, at('invo_person_id'), 'The person ID')) return null
  const startDate = checks.date(get('invo_involvement_start_date'), at('invo_involvement_start_date'))
  const endDate = checks.date(get('invo_involvement_end_date'), at('invo_involvement_end_date'))
  checks.order(startDate, endDate, at('invo_involvement_end_date'), 'The involvement')
  const workerId = cleanId(get('invo_professional_id'))
  const team = cleanText(get('invo_professional_team'))
  const reason = cleanText(get('invo_worker_change_reason'))
  return { entity: 'allocation', row: { childId, workerId, team, startDate, endDate, reason } }
}

/** SSD contacts, professionals and involvements, one CSV per table. */
export const ssdCsv = defineReturnFormat({
  id: 'ssd',
  title: 'Standard Safeguarding Dataset table (CSV)',
  versions: ['2024'],
  mergeBy: { worker: (r) => r.workerId },
  detect(f) {
    if (f.head[0] === 0x50 && f.head[1] === 0x4b) return null
    const table = tableOf(headerCells(firstLine(f.head)))
    return table ? { version: '2024', description: `SSD ssd_${table} table`, part: table } : null
  },
  async *read(file, detected, ctx) {
    const checks = new FieldChecks(ctx, file.fileName)
    const table = detected.part as SsdTable
    let at = new Map<string, number>()
    const out: CaseworkRecord[] = []
    for await (const { row, cells } of csvRows(file.path, file.head)) {
      if (row === 1) {
        at = new Map(cells.map((c, i) => [String(c).trim().toLowerCase(), i]))
        continue
      }
      if (cells.every((c) => String(c ?? '').trim() === '')) continue
      const get: Get = (c) => {
        const i = at.get(c)
        return i === undefined ? undefined : (cells[i] as string | undefined)
      }
      const record = rowRecord(table, get, row, checks)
      if (record) out.push(record)
      if (out.length >= 1000) yield out.splice(0)
    }
    if (out.length) yield out
  },
})
