import { columnName, ENTITIES, tableName, type EntityName } from '../model.ts'
import type { CaseworkStore } from '../store.ts'

/** One dated fact of a child's record: what happened, on which date, from which returns. */
export interface TimelineEvent {
  date: string
  what: string
  detail: string | null
  sources: string[]
}

/** Plain words for each dated column (entity.column); columns not named here are shown by their model name. */
const WORDS: Record<string, string> = {
  'contact.contactDate': 'Contact',
  'referral.referralDate': 'Referral (CIN episode starts)',
  'referral.closureDate': 'CIN episode closed',
  'referral.lastSeenDate': 'Last seen',
  'assessment.startDate': 'Assessment started',
  'assessment.authorisedDate': 'Assessment authorised',
  'section47.strategyDate': 'Strategy discussion (section 47 enquiry)',
  'section47.icpcDate': 'Initial child protection conference',
  'cpPlan.startDate': 'Child protection plan started',
  'cpPlan.endDate': 'Child protection plan ended',
  'cpReview.reviewDate': 'Child protection review conference',
  'cpVisit.visitDate': 'Child protection visit',
  'cinPlan.startDate': 'CIN plan started',
  'cinPlan.endDate': 'CIN plan ended',
  'lacEpisode.periodStartDate': 'Started to be looked after',
  'lacEpisode.startDate': 'Care episode (placement) started',
  'lacEpisode.endDate': 'Care episode ended',
  'lacReview.reviewDate': 'Looked-after review',
  'lacVisit.visitDate': 'Visit',
  'healthCheck.checkDate': 'Health check',
  'missingEpisode.startDate': 'Missing from placement',
  'missingEpisode.endDate': 'Returned',
  'careLeaver.pathwayReviewDate': 'Pathway plan review',
  'careLeaver.lastContactDate': 'Latest contact (care leaver)',
  'allocation.startDate': 'Worker allocated',
  'allocation.endDate': 'Worker allocation ended',
}
/** The one column shown beside an event of each entity, when it has one. */
const DETAIL: Partial<Record<EntityName, string>> = {
  contact: 'outcome',
  lacVisit: 'kind',
  healthCheck: 'kind',
  missingEpisode: 'kind',
  allocation: 'workerId',
  cpPlan: 'latestCategory',
  lacEpisode: 'placement',
}

/** Every dated fact of one child in one snapshot, oldest first, one event per date and fact whatever the sources. */
export async function childTimeline(store: CaseworkStore, snapshotId: number, childId: string) {
  const parts: string[] = []
  for (const [entity, columns] of Object.entries(ENTITIES) as Array<[EntityName, Record<string, string>]>) {
    if (!('childId' in columns)) continue
    const detail = DETAIL[entity] ? `CAST(${columnName(DETAIL[entity]!)} AS VARCHAR)` : 'NULL'
    for (const [column, kind] of Object.entries(columns)) {
      if (kind !== 'date' || column === 'birthDate') continue
      const what = (WORDS[`${entity}.${column}`] ?? `${entity} ${column}`).replace(/'/g, "''")
      parts.push(`SELECT ${columnName(column)}::VARCHAR AS date, '${what}' AS what, ${detail} AS detail, source_format
        FROM ${tableName(entity)} WHERE snapshot_id = $s AND child_id = $c AND ${columnName(column)} IS NOT NULL`)
    }
  }
  const rows = await store.rows<{ date: string; what: string; detail: string | null; sources: string[] }>(
    `SELECT date, what, detail, list(DISTINCT source_format ORDER BY source_format) AS sources
     FROM (${parts.join(' UNION ALL ')}) GROUP BY date, what, detail ORDER BY date, what, detail`,
    { s: snapshotId, c: childId },
  )
  return rows as TimelineEvent[]
}
