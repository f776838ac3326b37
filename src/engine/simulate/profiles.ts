/**
 * Failure profiles: each makes a named kind of practice failure happen to a share of the children it applies to.
 * Profiles combine; parameters are given as `name:param=value;param=value` on the command line (e.g.
 * `unallocated:share=0.2`). `birmingham-2014` switches on the components Ofsted described in May 2014 with their
 * parameters (domain.md §7.4): a front-door backlog (137 contacts unallocated, over 1,000 domestic abuse notifications
 * unscreened), over 400 children in need awaiting assessment, unallocated cases, drift and late visits.
 */
export interface ProfileParams {
  'front-door-backlog': { contactsPer10k: number; referralsPer10k: number }
  'high-thresholds': { extraNfa: number; closedWithoutAssessment: number }
  unallocated: { share: number }
  'assessment-drift': { share: number }
  /** share: children on a plan with a late visit or review; icpcLate: ICPCs beyond 15 working days */
  'cp-overdue': { share: number; icpcLate: number }
  'cla-overdue': { share: number }
  'leavers-out-of-touch': { share: number }
  'workforce-churn': { caseload: number; agencyShare: number; changes: number }
}
export type ProfileName = keyof ProfileParams

export const PROFILE_DEFAULTS: ProfileParams = {
  'front-door-backlog': { contactsPer10k: 20, referralsPer10k: 5 },
  'high-thresholds': { extraNfa: 0.1, closedWithoutAssessment: 0.08 },
  unallocated: { share: 0.1 },
  'assessment-drift': { share: 0.3 },
  'cp-overdue': { share: 0.2, icpcLate: 0.15 },
  'cla-overdue': { share: 0.15 },
  'leavers-out-of-touch': { share: 0.25 },
  'workforce-churn': { caseload: 28, agencyShare: 0.3, changes: 3 },
}

/** Birmingham as Ofsted found it in May 2014, per 10,000 children where Ofsted gave counts (population 281,019). */
const BIRMINGHAM_2014: Partial<ProfileParams> = {
  // 137 unallocated contacts + 1,287 unscreened domestic abuse notifications = 1,424 / 28.1 (10k children)
  'front-door-backlog': { contactsPer10k: 50.7, referralsPer10k: 4 },
  'high-thresholds': { extraNfa: 0, closedWithoutAssessment: 0.06 },
  unallocated: { share: 0.12 },
  'assessment-drift': { share: 0.45 },
  // ICPCs within 15 working days fell to 77% (domain.md §7.4, press)
  'cp-overdue': { share: 0.25, icpcLate: 0.23 },
  'cla-overdue': { share: 0.15 },
  'leavers-out-of-touch': { share: 0.2 },
  'workforce-churn': { caseload: 24, agencyShare: 0.25, changes: 3 },
}

export const PROFILE_NAMES = [...Object.keys(PROFILE_DEFAULTS), 'birmingham-2014'] as const

export type Profiles = Partial<ProfileParams>

/** Parses `p1,p2:share=0.3`; throws a RangeError naming what is wrong. */
export function parseProfiles(spec: string | undefined): Profiles {
  const out: Profiles = {}
  if (!spec) return out
  for (const raw of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [name, params] = raw.split(':')
    if (name === 'birmingham-2014') {
      Object.assign(out, structuredClone(BIRMINGHAM_2014))
      continue
    }
    if (!(name in PROFILE_DEFAULTS))
      throw new RangeError(`unknown failure profile "${name}" (known: ${PROFILE_NAMES.join(', ')})`)
    const key = name as ProfileName
    const values: Record<string, number> = { ...PROFILE_DEFAULTS[key] }
    for (const pair of (params ?? '').split(';').filter(Boolean)) {
      const [k, v] = pair.split('=')
      if (!(k in values))
        throw new RangeError(
          `failure profile "${name}" has no parameter "${k}" (it has: ${Object.keys(values).join(', ')})`,
        )
      const n = Number(v)
      if (!Number.isFinite(n) || n < 0)
        throw new RangeError(`failure profile "${name}": ${k} must be a number of 0 or more, not "${v}"`)
      values[k] = n
    }
    ;(out as Record<string, unknown>)[key] = values
  }
  return out
}
