import type { Store } from '../store.ts'
import type { Grade } from '../../engine/grades.ts'
import type { InspectionRecord } from '../../engine/intervention/criteria.ts'

/**
 * The reads decision support makes outside the register snapshot: an LA's inspection history straight from the store
 * (the reference the in-memory history is checked against) and what the day's cache depends on.
 */

/** Each graded or ungraded inspection of the LA, dated when its judgement became known (publication, else fieldwork). */
export async function inspectionHistory(store: Store, laCode: string): Promise<InspectionRecord[]> {
  const rows = await store.query<{ id: number; framework: string; d: string; overall_grade: Grade | null }>(
    `SELECT id, framework, coalesce(published, end_date, start_date)::text AS d, overall_grade FROM inspection WHERE la_code = $1`,
    [laCode],
  )
  const judgements = await store.query<{ inspection_id: number; area: string; grade: Grade }>(
    `SELECT j.inspection_id, j.area, j.grade FROM inspection_judgement j JOIN inspection i ON i.id = j.inspection_id WHERE i.la_code = $1`,
    [laCode],
  )
  return rows
    .filter((r) => r.d)
    .map((r) => ({
      framework: r.framework,
      date: r.d,
      overallGrade: r.overall_grade,
      judgements: judgements.filter((j) => j.inspection_id === r.id).map((j) => ({ area: j.area, grade: j.grade })),
    }))
}

/**
 * Changes whenever the interventions register gains or loses an event: the day's assessments are stale. (The public
 * data's own version is dataVersion's, services/register/dataVersion.ts.) Read once per dashboard request.
 */
export async function registerVersion(store: Store) {
  const [e] = await store.query<{ v: string }>(
    `SELECT coalesce(max(created_at)::text, '') || ':' || count(*) || ':' || count(archived_at) AS v FROM intervention_event`,
  )
  return e.v
}
