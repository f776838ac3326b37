import type { CaseworkRecord } from '../../casework/model.ts'
import { headerCells } from '../annexA/index.ts'
import { csvRows } from '../annexA/sheets.ts'
import { FieldChecks } from '../checks.ts'
import { defineReturnFormat } from '../format.ts'
import { firstLine } from '../text.ts'
import { cleanId, cleanText } from '../values.ts'

/**
 * SSD-style CSVs (the Standard Safeguarding Dataset's table and column names): what no statutory return carries.
 * `ssd_contacts` gives each contact's outcome (empty while awaiting a decision), `ssd_professionals` each worker's
 * team and agency flag, `ssd_involvements` every allocation of an `Allocated Case Worker` (personal advisers are not
 * case-holding workers and are skipped). Recognised by the first column of the header.
 */
type SsdTable = 'contacts' | 'professionals' | 'involvements'
const FIRST_COLUMN: Record<string, SsdTable> = {
  cont_contact_id: 'contacts',
  prof_professional_id: 'professionals',
  invo_involvements_id: 'involvements',
}

interface Row {
  get(column: string): string | undefined
  date(column: string): string | null
  checks: FieldChecks
  where(column: string): { sheet: string; row: number; column: string }
}

/** `{"OUTCOME_CODE":"REFERRAL"}` -> REFERRAL; empty -> null (awaiting a decision); unreadable -> a warning, null. */
function outcomeOf(r: Row): string | null {
  const raw = (r.get('cont_contact_outcome_json') ?? '').trim()
  if (!raw) return null
  try {
    const code = (JSON.parse(raw) as { OUTCOME_CODE?: unknown }).OUTCOME_CODE
    if (typeof code === 'string' && code.trim()) return code.trim().toUpperCase()
  } catch {
    /* reported below */
  }
  r.checks.issue('warning', r.where('cont_contact_outcome_json'), raw, 'is not an outcome like {"OUTCOME_CODE":"NFA"}')
  return null
}

const TABLES: Record<SsdTable, (r: Row) => CaseworkRecord[]> = {
  contacts(r) {
    const childId = cleanId(r.get('cont_person_id'))
    const contactDate = r.date('cont_contact_date')
    if (!r.checks.required(childId, r.where('cont_person_id'), 'The person id')) return []
    if (!r.checks.required(contactDate, r.where('cont_contact_date'), 'The contact date')) return []
    const contactId = cleanId(r.get('cont_contact_id')) ?? `${childId}/${contactDate}`
    const source = cleanText(r.get('cont_contact_source_code'))
    return [{ entity: 'contact', row: { childId, contactId, contactDate, source, outcome: outcomeOf(r) } }]
  },
  professionals(r) {
    const workerId = cleanId(r.get('prof_professional_id'))
    if (!r.checks.required(workerId, r.where('prof_professional_id'), 'The professional id')) return []
    const flag = (r.get('prof_agency_worker_flag') ?? '').trim().toUpperCase()
    const agency = flag === 'Y' ? true : flag === 'N' ? false : null
    if (flag && agency === null) r.checks.issue('warning', r.where('prof_agency_worker_flag'), flag, 'is not Y or N')
    return [{ entity: 'worker', row: { workerId, team: cleanText(r.get('prof_professional_department')), agency } }]
  },
  involvements(r) {
    if ((r.get('invo_professional_role_id') ?? '').trim().toLowerCase() !== 'allocated case worker') return []
    const childId = cleanId(r.get('invo_person_id'))
    if (!r.checks.required(childId, r.where('invo_person_id'), 'The person id')) return []
    const startDate = r.date('invo_involvement_start_date')
    const endDate = r.date('invo_involvement_end_date')
    r.checks.order(startDate, endDate, r.where('invo_involvement_end_date'), 'The involvement')
    const row = {
      childId,
      workerId: cleanId(r.get('invo_professional_id')),
      team: cleanText(r.get('invo_professional_team')),
      startDate,
      endDate,
      reason: cleanText(r.get('invo_worker_change_reason')),
    }
    return [{ entity: 'allocation', row }]
  },
}

const tableOf = (line: string): SsdTable | undefined =>
  FIRST_COLUMN[
    (headerCells(line)[0] ?? '')
      .trim()
      .replace(/^\uFEFF/, '')
      .toLowerCase()
  ]

export const ssdCsv = defineReturnFormat({
  id: 'ssd',
  title: 'SSD table (CSV)',
  versions: ['1'],
  mergeBy: { worker: (r) => r.workerId },
  detect(f) {
    if (f.head[0] === 0x50 && f.head[1] === 0x4b) return null
    const table = tableOf(firstLine(f.head))
    return table ? { version: '1', description: `SSD ${table} table`, part: table } : null
  },
  async *read(file, detected, ctx) {
    const checks = new FieldChecks(ctx, file.fileName)
    const table = detected.part as SsdTable
    let columns = new Map<string, number>()
    const out: CaseworkRecord[] = []
    for await (const { row, cells } of csvRows(file.path, file.head)) {
      if (row === 1) {
        columns = new Map(
          cells.map((c, i) => [
            String(c)
              .trim()
              .replace(/^\uFEFF/, '')
              .toLowerCase(),
            i,
          ]),
        )
        continue
      }
      if (cells.every((c) => String(c ?? '').trim() === '')) continue
      const get = (c: string) => {
        const i = columns.get(c)
        return i === undefined ? undefined : (cells[i] as string | undefined)
      }
      const where = (column: string) => ({ sheet: `ssd_${table}`, row, column })
      out.push(...TABLES[table]({ get, checks, where, date: (c) => checks.date(get(c), where(c)) }))
      if (out.length >= 1000) yield out.splice(0)
    }
    if (out.length) yield out
  },
})
