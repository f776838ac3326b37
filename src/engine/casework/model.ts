/**
 * The canonical child-level casework model: one declaration per entity, from which the DuckDB tables (schema.ts) and
 * the TypeScript row types are both derived. Every reader (Annex A, CIN census, SSDA903, DfE CSC API) yields rows of
 * these entities; the indicators query them. Names follow the simulator's event model (engine/simulate/model.ts).
 *
 * Column kinds: `text`, `date` (ISO `YYYY-MM-DD` string in TypeScript, DATE in DuckDB), `int`, `bool`. Every column is
 * nullable except `childId` (and each entity's own id where it has one): real returns leave fields blank.
 * Names and addresses have no column: readers drop them. A child's date of birth is kept as `birthMonth` (`YYYY-MM`);
 * `birthDate` is filled only when the store is opened with `keepDayOfBirth` (an indicator needs the day), and is
 * never shown to national roles.
 *
 * @example
 *   const row: EntityRow<'contact'> = { childId: 'C1', contactId: 'C1-K1', contactDate: '2014-01-06', source: '1A', outcome: 'REFERRAL' }
 */
export type ColumnKind = 'text' | 'date' | 'int' | 'bool'

export const ENTITIES = {
  child: {
    childId: 'text',
    sex: 'text',
    birthMonth: 'text',
    birthDate: 'date',
    ethnicity: 'text',
    disabilities: 'text',
    upnKnown: 'bool',
    unaccompanied: 'bool',
  },
  contact: { childId: 'text', contactId: 'text', contactDate: 'date', source: 'text', outcome: 'text' },
  referral: {
    childId: 'text',
    referralId: 'text',
    referralDate: 'date',
    source: 'text',
    nfa: 'bool',
    primaryNeed: 'text',
    closureDate: 'date',
    closureReason: 'text',
    lastSeenDate: 'date',
  },
  assessment: {
    childId: 'text',
    assessmentId: 'text',
    referralId: 'text',
    startDate: 'date',
    authorisedDate: 'date',
    childSeen: 'bool',
    inNeed: 'bool',
  },
  assessmentFactor: { childId: 'text', assessmentId: 'text', factor: 'text' },
  section47: {
    childId: 'text',
    enquiryId: 'text',
    referralId: 'text',
    strategyDate: 'date',
    icpcTargetDate: 'date',
    icpcDate: 'date',
    icpcNotRequired: 'bool',
    icpcToPlan: 'bool',
  },
  cpPlan: {
    childId: 'text',
    planId: 'text',
    referralId: 'text',
    startDate: 'date',
    endDate: 'date',
    initialCategory: 'text',
    latestCategory: 'text',
    previousPlans: 'int',
  },
  cpReview: { childId: 'text', planId: 'text', reviewDate: 'date' },
  cpVisit: { childId: 'text', planId: 'text', visitDate: 'date', seenAlone: 'bool' },
  cinPlan: { childId: 'text', planId: 'text', referralId: 'text', startDate: 'date', endDate: 'date' },
  lacEpisode: {
    childId: 'text',
    periodStartDate: 'date',
    startDate: 'date',
    endDate: 'date',
    reasonNewEpisode: 'text',
    legalStatus: 'text',
    needCode: 'text',
    placement: 'text',
    placementProvider: 'text',
    reasonEnded: 'text',
    reasonPlaceChange: 'text',
  },
  lacReview: { childId: 'text', reviewDate: 'date', reviewCode: 'text' },
  lacVisit: { childId: 'text', visitDate: 'date', kind: 'text' },
  healthCheck: { childId: 'text', kind: 'text', checkDate: 'date', yearEnding: 'date', done: 'bool' },
  missingEpisode: {
    childId: 'text',
    kind: 'text',
    startDate: 'date',
    endDate: 'date',
    returnInterviewOffered: 'bool',
    returnInterviewAccepted: 'bool',
  },
  careLeaver: {
    childId: 'text',
    eligibility: 'text',
    inTouch: 'text',
    lastContactDate: 'date',
    accommodation: 'text',
    suitable: 'bool',
    activity: 'text',
    pathwayReviewDate: 'date',
    personalAdviser: 'text',
  },
  adoption: {
    childId: 'text',
    decisionDate: 'date',
    placementOrderDate: 'date',
    matchedDate: 'date',
    placedDate: 'date',
    placedCeasedDate: 'date',
    orderDate: 'date',
  },
  worker: { workerId: 'text', team: 'text', agency: 'bool' },
  allocation: {
    childId: 'text',
    workerId: 'text',
    team: 'text',
    startDate: 'date',
    endDate: 'date',
    reason: 'text',
  },
} as const satisfies Record<string, Record<string, ColumnKind>>

export type EntityName = keyof typeof ENTITIES
export const ENTITY_NAMES = Object.keys(ENTITIES) as EntityName[]

type ValueOf<K> = K extends 'int' ? number : K extends 'bool' ? boolean : string

/** Columns that must be present: childId (workerId for a worker); everything else nullable. */
type Required<E extends EntityName> = Extract<keyof (typeof ENTITIES)[E], E extends 'worker' ? 'workerId' : 'childId'>

export type EntityRow<E extends EntityName> = {
  [C in Required<E>]: ValueOf<(typeof ENTITIES)[E][C]>
} & {
  [C in Exclude<keyof (typeof ENTITIES)[E], Required<E>>]?: ValueOf<(typeof ENTITIES)[E][C]> | null
}

/** One row on its way from a reader to the store: the entity it belongs to and its values. */
export type CaseworkRecord = { [E in EntityName]: { entity: E; row: EntityRow<E> } }[EntityName]

/** Record counts per entity, as the CLI and the upload summary report them. */
export type RecordCounts = Partial<Record<EntityName, number>>

/** snake_case column name in DuckDB for a camelCase model name. */
export const columnName = (name: string) => name.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())

/** DuckDB table name for an entity (`cpPlan` -> `cp_plan`). */
export const tableName = (entity: EntityName) => columnName(entity)
