import { ukOf, type Day } from '../days.ts'
import type { SimChild } from '../model.ts'
import { csvLine, TextFile, type Output } from '../output.ts'
import type { LaPlan } from '../plan.ts'
import { SOURCE_LABELS } from '../codes.ts'
import type { FormatWriter } from './writer.ts'

/**
 * What no statutory return carries, in the Standard Safeguarding Dataset's table and column names (ssd/*.csv):
 * ssd_contacts (with the contact outcome, empty while awaiting a decision), ssd_professionals (with the agency flag)
 * and ssd_involvements (every worker allocation). Dates DD/MM/YYYY.
 */
const COLUMNS = {
  contacts: [
    'cont_contact_id',
    'cont_person_id',
    'cont_contact_date',
    'cont_contact_source_code',
    'cont_contact_source_desc',
    'cont_contact_outcome_json',
  ],
  professionals: [
    'prof_professional_id',
    'prof_staff_id',
    'prof_social_worker_registration_no',
    'prof_professional_job_title',
    'prof_professional_department',
    'prof_full_time_equivalency',
    'prof_agency_worker_flag',
  ],
  involvements: [
    'invo_involvements_id',
    'invo_professional_id',
    'invo_professional_role_id',
    'invo_professional_team',
    'invo_involvement_start_date',
    'invo_involvement_end_date',
    'invo_worker_change_reason',
    'invo_person_id',
    'invo_referral_id',
  ],
}
const uk = (d: Day | null) => (d === null ? '' : ukOf(d))

export function ssdWriter(out: Output, dir: string): FormatWriter {
  const f = Object.fromEntries(
    Object.entries(COLUMNS).map(([t, cols]) => {
      const file = new TextFile(out.text(`${dir}ssd/ssd_${t}.csv`))
      file.write(csvLine(cols))
      return [t, file]
    }),
  ) as Record<keyof typeof COLUMNS, TextFile>
  let plan: LaPlan
  return {
    async begin(p) {
      plan = p
      for (const w of Object.values(p.workers).flat())
        await f.professionals.write(
          csvLine([
            w.id,
            w.id,
            w.id,
            w.id.startsWith('PA') ? 'Personal Adviser' : 'Social Worker',
            w.team,
            1,
            w.agency ? 'Y' : 'N',
          ]),
        )
    },
    async child(c: SimChild) {
      for (const k of c.contacts) {
        if (k.date > plan.asAt) continue
        const outcome = k.outcome === null ? '' : JSON.stringify({ OUTCOME_CODE: k.outcome })
        await f.contacts.write(csvLine([k.id, c.id, uk(k.date), k.source, SOURCE_LABELS[k.source] ?? '', outcome]))
      }
      let i = 0
      for (const a of c.allocations) {
        if (a.start > plan.asAt) continue
        const ep = c.episodes.filter((e) => e.referral <= a.start).pop()
        const ended = a.end !== null && a.end <= plan.asAt
        await f.involvements.write(
          csvLine([
            `${c.id}I${++i}`,
            a.workerId,
            a.workerId.startsWith('PA') ? 'Personal Adviser' : 'Allocated Case Worker',
            a.team,
            uk(a.start),
            ended ? uk(a.end) : '',
            ended ? (a.reason ?? '') : '',
            c.id,
            ep?.id ?? '',
          ]),
        )
      }
    },
    async end() {
      for (const file of Object.values(f)) await file.close()
    },
  }
}
