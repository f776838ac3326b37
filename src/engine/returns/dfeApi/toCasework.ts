import type { CaseworkRecord, EntityRow } from '../../casework/model.ts'
import type { ApiChild } from './schema.ts'

type Obj = Record<string, unknown>
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null)
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null)
/** A sub-object the sender asked to purge is dropped with the rest of the whole-record replacement. */
const kept = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]).filter((o) => o && o.purge !== true) : [])
const keptOne = (v: unknown): Obj | undefined => (v && (v as Obj).purge !== true ? (v as Obj) : undefined)

function childRow(c: ApiChild): EntityRow<'child'> {
  // child_details.purge removes the personal details only: the child and its social care stay.
  const d = keptOne(c.child_details) ?? {}
  const dob = str(d.date_of_birth)
  const disabilities = Array.isArray(d.disabilities) ? (d.disabilities as string[]).join(',') : null
  return {
    childId: c.la_child_id,
    sex: str(d.sex),
    birthMonth: dob ? dob.slice(0, 7) : null,
    birthDate: dob,
    ethnicity: str(d.ethnicity),
    disabilities: disabilities || null,
    upnKnown: d.unique_pupil_number ? true : d.unique_pupil_number_unknown_reason ? false : null,
    unaccompanied: bool(d.uasc_flag),
  }
}

function episodeRecords(childId: string, ep: Obj, out: CaseworkRecord[], workers: Set<string>) {
  const referralId = String(ep.social_care_episode_id)
  out.push({
    entity: 'referral',
    row: {
      childId,
      referralId,
      referralDate: str(ep.referral_date),
      source: str(ep.referral_source),
      nfa: bool(ep.referral_no_further_action_flag),
      closureDate: str(ep.closure_date),
      closureReason: str(ep.closure_reason),
    },
  })
  for (const w of kept(ep.care_worker_details)) {
    const workerId = str(w.worker_id)
    if (!workerId) continue
    workers.add(workerId)
    out.push({
      entity: 'allocation',
      row: { childId, workerId, startDate: str(w.start_date), endDate: str(w.end_date) },
    })
  }
  for (const a of kept(ep.child_and_family_assessments)) {
    const assessmentId = String(a.child_and_family_assessment_id)
    const row = {
      childId,
      assessmentId,
      referralId,
      startDate: str(a.start_date),
      authorisedDate: str(a.authorisation_date),
    }
    out.push({ entity: 'assessment', row })
    for (const factor of Array.isArray(a.factors) ? (a.factors as string[]) : [])
      out.push({ entity: 'assessmentFactor', row: { childId, assessmentId, factor } })
  }
  for (const p of kept(ep.child_in_need_plans)) {
    const row = {
      childId,
      planId: String(p.child_in_need_plan_id),
      referralId,
      startDate: str(p.start_date),
      endDate: str(p.end_date),
    }
    out.push({ entity: 'cinPlan', row })
  }
  for (const s of kept(ep.section_47_assessments)) {
    const required = bool(s.icpc_required_flag)
    const row = {
      childId,
      enquiryId: String(s.section_47_assessment_id),
      referralId,
      strategyDate: str(s.start_date),
      icpcDate: str(s.icpc_date),
      icpcNotRequired: required === null ? null : !required,
    }
    out.push({ entity: 'section47', row })
  }
  for (const p of kept(ep.child_protection_plans)) {
    const row = {
      childId,
      planId: String(p.child_protection_plan_id),
      referralId,
      startDate: str(p.start_date),
      endDate: str(p.end_date),
    }
    out.push({ entity: 'cpPlan', row })
  }
  placementRecords(childId, ep, out)
}

function placementRecords(childId: string, ep: Obj, out: CaseworkRecord[]) {
  for (const p of kept(ep.child_looked_after_placements))
    out.push({
      entity: 'lacEpisode',
      row: {
        childId,
        startDate: str(p.start_date),
        endDate: str(p.end_date),
        reasonNewEpisode: str(p.start_reason),
        placement: str(p.placement_type),
        reasonEnded: str(p.end_reason),
        reasonPlaceChange: str(p.change_reason),
      },
    })
  const adoption = keptOne(ep.adoption)
  if (adoption)
    out.push({
      entity: 'adoption',
      row: {
        childId,
        decisionDate: str(adoption.initial_decision_date),
        matchedDate: str(adoption.matched_date),
        placedDate: str(adoption.placed_date),
      },
    })
  const leaver = keptOne(ep.care_leavers)
  if (leaver)
    out.push({
      entity: 'careLeaver',
      row: {
        childId,
        lastContactDate: str(leaver.contact_date),
        activity: str(leaver.activity),
        accommodation: str(leaver.accommodation),
      },
    })
}

/**
 * A child of a DfE CSC API request as canonical casework records (the child's whole record), and the workers it
 * names. Names, postcodes and UPNs have no place in the model and are dropped here; a sub-object with `purge: true`
 * is left out, so the replacement removes it; SDQ scores have no column and are not kept.
 * @example caseworkRecords({ la_child_id: 'C1', child_details: { sex: 'F', first_name: 'Ann' } }).records
 * // [{ entity: 'child', row: { childId: 'C1', sex: 'F', birthMonth: null, ... } }]
 */
export function caseworkRecords(child: ApiChild): { records: CaseworkRecord[]; workers: string[] } {
  const records: CaseworkRecord[] = [{ entity: 'child', row: childRow(child) }]
  const workers = new Set<string>()
  for (const ep of kept(child.social_care_episodes)) episodeRecords(child.la_child_id, ep, records, workers)
  return { records, workers: [...workers] }
}
