import type { ApiChild } from './schema.ts'

/**
 * How a submission changes what is held about a child, as the DfE CSC API document describes its purge flags. A
 * sender may send a child's whole record or only what changed (a "partial payload"): fields present replace the
 * held ones, records in a list are matched by their id, and `purge: true` removes the object it sits in (the whole
 * child, its personal details, one episode, one assessment or plan, ...) while everything else stays. Purge flags are
 * instructions, never stored. A purge of a sub-record that is not held is already done, so it is no error (a sender
 * retrying a batch gets the same answer); a purge of a child that is not held is refused by the caller.
 */
const ID_OF: Record<string, string> = {
  social_care_episodes: 'social_care_episode_id',
  child_and_family_assessments: 'child_and_family_assessment_id',
  child_in_need_plans: 'child_in_need_plan_id',
  section_47_assessments: 'section_47_assessment_id',
  child_protection_plans: 'child_protection_plan_id',
  child_looked_after_placements: 'child_looked_after_placement_id',
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

function mergeObject(held: Obj | undefined, incoming: Obj): Obj | undefined {
  if (incoming.purge === true) return undefined
  const out: Obj = { ...(held ?? {}) }
  for (const [key, value] of Object.entries(incoming)) {
    if (key === 'purge') continue
    const idKey = ID_OF[key]
    if (idKey && Array.isArray(value)) out[key] = mergeList(out[key] as Obj[] | undefined, value as Obj[], idKey)
    else if (isObj(value)) {
      const merged = mergeObject(isObj(out[key]) ? (out[key] as Obj) : undefined, value)
      if (merged) out[key] = merged
      else delete out[key]
    } else out[key] = value
  }
  return out
}

function mergeList(held: Obj[] | undefined, incoming: Obj[], idKey: string): Obj[] {
  const out = [...(held ?? [])]
  for (const item of incoming) {
    const at = out.findIndex((h) => h[idKey] === item[idKey])
    const merged = mergeObject(at >= 0 ? out[at] : undefined, item)
    if (at >= 0) {
      if (merged) out[at] = merged
      else out.splice(at, 1)
    } else if (merged) out.push(merged)
  }
  return out
}

/**
 * The child's record after a submission: undefined when the submission purges the child.
 * @example applySubmission({ la_child_id: 'C1', child_details: { sex: 'F' } }, { la_child_id: 'C1', child_details: { purge: true } })
 * // { la_child_id: 'C1' }
 */
export function applySubmission(held: ApiChild | undefined, incoming: ApiChild): ApiChild | undefined {
  return mergeObject(held as Obj | undefined, incoming as unknown as Obj) as ApiChild | undefined
}
