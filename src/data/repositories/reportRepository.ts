import { and, asc, eq, inArray, isNull } from 'drizzle-orm'
import * as t from '../schema/plans.ts'
import { inspection, localAuthority } from '../schema/register.ts'
import type { DbOrTx } from '../store.ts'

/** Imported Ofsted reports, their judgements and recommendations, and the register facts an import checks. */

/** The register's name for each of these LA codes. */
export async function laNames(db: DbOrTx, laCodes: string[]): Promise<Map<string, string>> {
  const rows = await db
    .select({ laCode: localAuthority.laCode, name: localAuthority.name })
    .from(localAuthority)
    .where(inArray(localAuthority.laCode, laCodes))
  return new Map(rows.map((r) => [r.laCode, r.name]))
}

/** The LA's inspections as the register records them, in publication order. */
export async function registerInspectionsOf(db: DbOrTx, laCode: string) {
  return db
    .select({
      id: inspection.id,
      framework: inspection.framework,
      startDate: inspection.startDate,
      endDate: inspection.endDate,
      published: inspection.published,
      overallGrade: inspection.overallGrade,
    })
    .from(inspection)
    .where(eq(inspection.laCode, laCode))
    .orderBy(asc(inspection.published), asc(inspection.id))
}

/** An open (not archived) report of the same LA, framework, first day and publication date, if one was imported. */
export async function sameReport(
  db: DbOrTx,
  r: { laCode: string; framework: string; inspectionStart: string | null; published: string | null },
): Promise<{ id: number } | undefined> {
  const [row] = await db
    .select({ id: t.importedReport.id })
    .from(t.importedReport)
    .where(
      and(
        eq(t.importedReport.laCode, r.laCode),
        eq(t.importedReport.framework, r.framework),
        r.inspectionStart
          ? eq(t.importedReport.inspectionStart, r.inspectionStart)
          : isNull(t.importedReport.inspectionStart),
        r.published ? eq(t.importedReport.published, r.published) : isNull(t.importedReport.published),
        isNull(t.importedReport.archivedAt),
      ),
    )
  return row
}

export async function insertJudgements(db: DbOrTx, reportId: number, judgements: { area: string; grade: string }[]) {
  if (!judgements.length) return
  await db
    .insert(t.reportJudgement)
    .values(judgements.map((j, i) => ({ reportId, ordinal: i + 1, area: j.area, grade: j.grade })))
}

export interface NewRecommendation {
  number: string | null
  category: string
  addressee: string
  text: string
  theme: string | null
}

export async function insertRecommendations(db: DbOrTx, reportId: number, recs: NewRecommendation[]) {
  if (!recs.length) return
  await db.insert(t.recommendation).values(
    recs.map((r, i) => ({
      reportId,
      ordinal: i + 1,
      paragraph: r.number,
      category: r.category,
      addressee: r.addressee,
      text: r.text,
      theme: r.theme,
    })),
  )
}

/** A report's recommendations in the report's order. */
export async function recommendationsOf(db: DbOrTx, reportId: number) {
  return db
    .select()
    .from(t.recommendation)
    .where(eq(t.recommendation.reportId, reportId))
    .orderBy(asc(t.recommendation.ordinal))
}

/** The open plans answering a report. */
export async function plansAnswering(db: DbOrTx, reportId: number): Promise<{ id: number; title: string }[]> {
  return db
    .select({ id: t.plan.id, title: t.plan.title })
    .from(t.planReport)
    .innerJoin(t.plan, eq(t.plan.id, t.planReport.planId))
    .where(and(eq(t.planReport.reportId, reportId), isNull(t.plan.archivedAt)))
}

/** Links a report to a plan; the report's import becomes part of the plan's timeline. */
export async function linkReportToPlan(db: DbOrTx, planId: number, reportId: number) {
  await db.insert(t.planReport).values({ planId, reportId })
  await db
    .update(t.planHistory)
    .set({ planId })
    .where(
      and(eq(t.planHistory.subjectType, 'report'), eq(t.planHistory.subjectId, reportId), isNull(t.planHistory.planId)),
    )
}
