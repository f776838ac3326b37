import { isoOf, type Day } from '../days.ts'
import type { SimChild, SimEpisode } from '../model.ts'
import { TextFile, type Output } from '../output.ts'
import type { LaPlan } from '../plan.ts'
import type { FormatWriter } from './writer.ts'

/**
 * DfE CSC API request bodies (`POST /children_social_care_data/{la_code}/children`, dfe-csc-api-openapi.json v1.0.1):
 * dfe-api/children-00001.json and on, each an array of at most 100 children. Every child with a social care episode,
 * with every episode of the history. Absent values are left out (the schema has no nulls).
 */
export const API_BATCH = 100
const d = (x: Day | null | undefined) => (x === null || x === undefined ? undefined : isoOf(x))

function episode(c: SimChild, ep: SimEpisode, A: Day) {
  const care = ep.care
  const workers = c.allocations
    .filter(
      (a) => a.start <= (ep.closure ?? A) && (a.end === null || a.end > ep.referral) && !a.workerId.startsWith('PA'),
    )
    .map((a) => ({
      worker_id: a.workerId,
      start_date: d(a.start),
      end_date: a.end !== null && a.end <= A ? d(a.end) : undefined,
    }))
  return {
    social_care_episode_id: ep.id,
    referral_date: d(ep.referral),
    referral_source: ep.source.length <= 2 ? ep.source : undefined,
    referral_no_further_action_flag: ep.nfa,
    closure_date: d(ep.closure),
    closure_reason: ep.closureReason ?? undefined,
    care_worker_details: workers,
    child_and_family_assessments: ep.assessments.map((a) => ({
      child_and_family_assessment_id: a.id,
      start_date: d(a.start),
      authorisation_date: d(a.authorised),
      factors: a.authorised === null ? [] : a.factors,
    })),
    child_in_need_plans: ep.cinPlans.map((p) => ({
      child_in_need_plan_id: p.id,
      start_date: d(p.start),
      end_date: d(p.end),
    })),
    section_47_assessments: ep.s47s.map((s) => ({
      section_47_assessment_id: s.id,
      start_date: d(s.start),
      icpc_required_flag: !s.icpcNotRequired,
      icpc_date: d(s.icpc),
    })),
    child_protection_plans: ep.cpPlans.map((p) => ({
      child_protection_plan_id: p.id,
      start_date: d(p.start),
      end_date: d(p.end),
    })),
    child_looked_after_placements: (care?.episodes ?? []).map((e, i) => ({
      child_looked_after_placement_id: `${ep.id}L${i + 1}`,
      start_date: d(e.start),
      start_reason: e.rne,
      placement_type: e.place,
      postcode: e.postcode,
      end_date: d(e.end),
      end_reason: e.end === null ? undefined : (e.reasonEnded ?? undefined),
      change_reason: e.reasonPlaceChange ?? undefined,
    })),
    adoption:
      c.adoption && care
        ? {
            initial_decision_date: d(c.adoption.decision),
            matched_date: d(c.adoption.matched),
            placed_date: d(c.adoption.placed),
          }
        : undefined,
    care_leavers:
      c.careLeaver && care
        ? {
            contact_date: d(c.careLeaver.lastContact),
            activity: c.careLeaver.activity,
            accommodation: c.careLeaver.accommodation.slice(0, 1),
          }
        : undefined,
  }
}

export function apiChild(c: SimChild, plan: LaPlan) {
  const uasc = c.episodes.some((e) => e.care?.uasc)
  return {
    la_child_id: c.id,
    mis_child_id: `MIS-${c.id}`,
    child_details: {
      unique_pupil_number: c.upn ?? undefined,
      unique_pupil_number_unknown_reason: c.upn ? undefined : 'UN1',
      date_of_birth: d(c.dob),
      sex: c.sex,
      ethnicity: c.ethnicity,
      disabilities: c.disabilities,
      uasc_flag: uasc,
    },
    social_care_episodes: c.episodes.map((ep) => episode(c, ep, plan.asAt)),
  }
}

export function dfeApiWriter(out: Output, dir: string): FormatWriter {
  let plan: LaPlan
  let batch: string[] = []
  let n = 0
  const flush = async () => {
    if (!batch.length) return
    n++
    const f = new TextFile(out.text(`${dir}dfe-api/children-${String(n).padStart(5, '0')}.json`))
    await f.write(`[\n${batch.join(',\n')}\n]\n`)
    await f.close()
    batch = []
  }
  return {
    begin: (p) => void (plan = p),
    child(c) {
      if (!c.episodes.length) return
      batch.push(JSON.stringify(apiChild(c, plan)))
      if (batch.length === API_BATCH) return flush()
    },
    end: flush,
  }
}
