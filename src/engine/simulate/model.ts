import type { Day } from './days.ts'

/**
 * The simulator's canonical child-level event model: one SimChild carries the child's whole history up to the
 * as-at date. Every writer (Annex A, CIN census, SSDA903, DfE API, SSD-style CSVs) renders from it, and truth.json is
 * computed from it as it is generated. Days are integers (days since 1970-01-01; see days.ts). An end of `null`
 * means still open at the as-at date. Casework readers may use these names for their own canonical model.
 */
export type Sex = 'M' | 'F' | 'U'

export interface SimContact {
  id: string
  date: Day
  /** CIN referral source code (1A ... 10). */
  source: string
  /** 'REFERRAL', 'NFA' (information and advice), 'EARLY_HELP', or null while awaiting a decision. */
  outcome: 'REFERRAL' | 'NFA' | 'EARLY_HELP' | null
}

export interface SimAssessment {
  id: string
  start: Day
  authorised: Day | null
  seen: boolean
  factors: string[]
  /** Assessed as needing children's social care support (false: not in need). */
  inNeed: boolean
}

export interface SimS47 {
  id: string
  /** The strategy discussion that started the enquiry (CIN S47ActualStartDate). */
  start: Day
  icpcTarget: Day
  icpc: Day | null
  icpcNotRequired: boolean
  /** Did the ICPC result in a plan. */
  toPlan: boolean
}

export interface SimCpPlan {
  id: string
  start: Day
  end: Day | null
  initialCategory: string
  latestCategory: string
  previousPlans: number
  reviews: Day[]
  visits: Day[]
  seenAlone: boolean
}

export interface SimCinPlan {
  id: string
  start: Day
  end: Day | null
}

/** One SSDA903 episode: a legal status with a placement. */
export interface SimCareEpisode {
  start: Day
  end: Day | null
  rne: string
  legalStatus: string
  place: string
  provider: string
  reasonEnded: string | null
  reasonPlaceChange: string | null
  placementId: string
  postcode: string
}

export interface SimMissing {
  start: Day
  end: Day | null
  kind: 'M' | 'A'
  returnInterviewOffered: boolean
  returnInterviewAccepted: boolean
}

export interface SimCarePeriod {
  start: Day
  end: Day | null
  needCode: string
  episodes: SimCareEpisode[]
  reviews: Day[]
  visits: Day[]
  iroVisits: Day[]
  healthChecks: Day[]
  dentalChecks: Day[]
  missing: SimMissing[]
  permanence: string
  uasc: boolean
}

export interface SimAdoption {
  decision: Day
  placementOrder: Day | null
  matched: Day | null
  placed: Day | null
  order: Day | null
  familyId: string
}

export interface SimCareLeaver {
  eligibility: 'Relevant' | 'Former relevant' | 'Qualifying'
  inTouch: 'YES' | 'NO' | 'REFU' | 'NREQ'
  lastContact: Day | null
  accommodation: string
  suitable: boolean
  activity: string
  pathwayReview: Day | null
  personalAdviser: string
}

/** A CIN episode: from referral to closure. */
export interface SimEpisode {
  id: string
  referral: Day
  source: string
  nfa: boolean
  primaryNeed: string
  closure: Day | null
  closureReason: string | null
  assessments: SimAssessment[]
  cinPlans: SimCinPlan[]
  s47s: SimS47[]
  cpPlans: SimCpPlan[]
  care: SimCarePeriod | null
  /** Date the child was last seen (Annex A List 6). */
  lastSeen: Day | null
}

export interface SimWorker {
  id: string
  team: string
  agency: boolean
}

export interface SimAllocation {
  workerId: string
  team: string
  start: Day
  end: Day | null
  reason: string | null
}

export interface SimChild {
  id: string
  upn: string | null
  sex: Sex
  dob: Day
  ethnicity: string
  disabilities: string[]
  contacts: SimContact[]
  episodes: SimEpisode[]
  allocations: SimAllocation[]
  careLeaver: SimCareLeaver | null
  adoption: SimAdoption | null
  /** Failure profiles that touched this child (for truth.json). */
  failures: Set<string>
}
