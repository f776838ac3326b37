import { and, asc, eq, getTableColumns, inArray, lte, sql } from 'drizzle-orm'
import { appUser } from '../schema/core.ts'
import * as t from '../schema/plans.ts'
import { localAuthority } from '../schema/register.ts'
import type { DbOrTx } from '../store.ts'
import type { PlanInputs } from '../../engine/plans/planModel.ts'
import type { SubjectType } from './planRepository.ts'
import { withCaseworkValues } from './indicatorSnapshotRepository.ts'

type Json = Record<string, unknown>

/** The plan as at a date, rebuilt from its version history: the rows a plan model (engine/plans/planModel.ts) needs. */

/** The latest saved version of each record of the plan on or before the end of `asAt`, archived ones left out. */
async function statesAsAt(db: DbOrTx, planId: number, asAt: string) {
  // Only what the rebuild reads: `before` would double the JSON read and sent back for nothing.
  const rows = await db
    .select({ subjectType: t.planHistory.subjectType, subjectId: t.planHistory.subjectId, after: t.planHistory.after })
    .from(t.planHistory)
    .where(and(eq(t.planHistory.planId, planId), lte(t.planHistory.at, new Date(`${asAt}T23:59:59.999Z`))))
    .orderBy(asc(t.planHistory.id))
  const latest = new Map<string, Json>()
  for (const r of rows) latest.set(`${r.subjectType}:${r.subjectId}`, r.after as Json)
  // Appended in place: copying the list for each row costs time in the square of the plan's records (comments grow).
  const byType = new Map<SubjectType, Json[]>()
  for (const [key, row] of latest) {
    if (row.archivedAt) continue
    const type = key.split(':')[0] as SubjectType
    const list = byType.get(type)
    if (list) list.push(row)
    else byType.set(type, [row])
  }
  const of = <T>(type: SubjectType) =>
    ((byType.get(type) ?? []) as unknown as T[]).sort((a, b) => (a as { id: number }).id - (b as { id: number }).id)
  return { of }
}

/**
 * Everything a plan model is built from, as at a date. Takes a transaction too, so that a command (submit, accept) can
 * check the plan's completeness on what it is about to change.
 */
export async function planInputsAsAt(db: DbOrTx, planId: number, asAt: string): Promise<PlanInputs | null> {
  // The records (every comment of the plan among them: they only grow) are read after what does not need them, so a
  // page holds them for fewer of its queries: under load each query waits its turn, and the pages in flight hold as
  // many copies (bench:load's heap growth).
  const { reports, recommendations } = await reportsAsAt(db, planId, asAt)
  const users = await db.select({ id: appUser.id, name: appUser.displayName }).from(appUser)
  const s = await statesAsAt(db, planId, asAt)
  const [plan] = s.of<PlanInputs['plan']>('plan')
  if (!plan) return null
  const [la] = await db
    .select({ name: localAuthority.name })
    .from(localAuthority)
    .where(eq(localAuthority.laCode, plan.laCode))
  const kpis = await withCaseworkValues(db, plan.laCode, await kpisOf(db, s))
  const evidence = await evidenceOf(db, s)
  return {
    plan,
    laName: la?.name ?? plan.laCode,
    reports,
    items: s.of('item'),
    recommendations,
    analyses: s.of('analysis'),
    objectives: s.of('objective'),
    actions: s.of('action'),
    milestones: s.of('milestone'),
    evidence,
    kpis,
    commitments: s.of('commitment'),
    submissions: s.of('submission'),
    comments: s.of('comment'),
    users: Object.fromEntries(users.map((u) => [u.id, u.name])),
  }
}

/** A report's columns but the extraction (the whole parsed report, read only by the import review). */
const { extraction: _extraction, ...reportColumns } = getTableColumns(t.importedReport)

/** The plan's reports as at a date, with their judgements and recommendations. */
async function reportsAsAt(db: DbOrTx, planId: number, asAt: string) {
  const allReportRows = await db
    .select({ imported_report: reportColumns })
    .from(t.importedReport)
    .innerJoin(t.planReport, eq(t.planReport.reportId, t.importedReport.id))
    .where(eq(t.planReport.planId, planId))
    .orderBy(asc(t.importedReport.inspectionStart), asc(t.importedReport.id))
  // A report added to the plan later (a monitoring visit, a re-inspection) is listed from the day it was added.
  // Links made before links were recorded in the history have no such row and are always listed.
  const reportLinks = await db
    .select({ reportId: t.planHistory.subjectId, at: t.planHistory.at })
    .from(t.planHistory)
    .where(
      and(
        eq(t.planHistory.planId, planId),
        eq(t.planHistory.subjectType, 'report'),
        eq(t.planHistory.action, 'add-to-plan'),
      ),
    )
  const endOfDay = new Date(`${asAt}T23:59:59.999Z`).getTime()
  const reportRows = allReportRows.filter((r) => {
    const linkedAt = reportLinks.filter((l) => l.reportId === r.imported_report.id).map((l) => l.at.getTime())
    return !linkedAt.length || Math.min(...linkedAt) <= endOfDay
  })
  const reportIds = reportRows.map((r) => r.imported_report.id)
  const judgements = reportIds.length
    ? await db
        .select()
        .from(t.reportJudgement)
        .where(inArray(t.reportJudgement.reportId, reportIds))
        .orderBy(asc(t.reportJudgement.ordinal))
    : []
  const recommendations = reportIds.length
    ? await db.select().from(t.recommendation).where(inArray(t.recommendation.reportId, reportIds))
    : []
  return {
    reports: reportRows.map(({ imported_report: r }) => ({
      ...r,
      judgements: judgements.filter((j) => j.reportId === r.id),
    })),
    recommendations: recommendations.map((r) => ({ ...r })),
  }
}

type States = Awaited<ReturnType<typeof statesAsAt>>

async function kpisOf(db: DbOrTx, s: States): Promise<PlanInputs['kpis']> {
  const kpis = s.of<PlanInputs['kpis'][number]>('kpi')
  const kpiIds = kpis.map((k) => k.id)
  const links = kpiIds.length ? await db.select().from(t.kpiItem).where(inArray(t.kpiItem.kpiId, kpiIds)) : []
  const trajectory = kpiIds.length
    ? await db
        .select()
        .from(t.kpiTrajectory)
        .where(inArray(t.kpiTrajectory.kpiId, kpiIds))
        .orderBy(asc(t.kpiTrajectory.month))
    : []
  const values = s.of<{ kpiId: number; month: string; value: number; source: string }>('kpiValue')
  return kpis.map((k) => ({
    ...k,
    itemIds: links.filter((l) => l.kpiId === k.id).map((l) => l.itemId),
    trajectory: trajectory.filter((p) => p.kpiId === k.id).map((p) => ({ month: p.month, value: p.value })),
    values: values.filter((v) => v.kpiId === k.id).sort((a, b) => a.month.localeCompare(b.month)),
  }))
}

async function evidenceOf(db: DbOrTx, s: States): Promise<PlanInputs['evidence']> {
  const evidence = s.of<PlanInputs['evidence'][number] & { fileId: number | null }>('evidence')
  const fileIds = evidence.map((e) => e.fileId).filter((id): id is number => id !== null)
  const files = fileIds.length
    ? await db
        .select({
          id: t.storedFile.id,
          fileName: t.storedFile.fileName,
          mediaType: t.storedFile.mediaType,
          sizeBytes: t.storedFile.sizeBytes,
        })
        .from(t.storedFile)
        .where(inArray(t.storedFile.id, fileIds))
    : []
  return evidence.map((e) => ({ ...e, ...(files.find((f) => f.id === e.fileId) ?? {}), id: e.id }))
}

/**
 * What a plan's inputs (above) depend on, in one cheap query: a string that changes whenever any of them may have.
 * Every write to a plan's records adds a plan_history row in the same transaction (and the rows a new plan or a linked
 * report claims change their count), so the history's newest id and row count cover the plan itself, its items,
 * reports, KPI links and trajectories and evidence files; the LA's name comes from the register, and a KPI linked to a
 * casework indicator takes values from indicator_snapshot (insert-only, so its count moves with every new snapshot).
 * Report text, judgements, recommendations and stored files never change once saved, and no command renames a user.
 * Undefined when there is no such plan.
 */
export async function planStamp(db: DbOrTx, planId: number): Promise<{ laCode: string; stamp: string } | undefined> {
  // Drizzle names a column of the one table in FROM without its table, so the subqueries name "plan" themselves.
  const [row] = await db
    .select({
      laCode: t.plan.laCode,
      history: sql<string>`(SELECT coalesce(max(h.id), 0) || ':' || count(*) FROM plan_history h WHERE h.plan_id = "plan"."id")`,
      snapshots: sql<number>`(SELECT count(*) FROM indicator_snapshot s WHERE s.la_code = "plan"."la_code")`,
      laName: sql<string | null>`(SELECT l.name FROM local_authority l WHERE l.la_code = "plan"."la_code")`,
    })
    .from(t.plan)
    .where(eq(t.plan.id, planId))
  return row && { laCode: row.laCode, stamp: `${row.history}|${row.snapshots}|${row.laName ?? ''}` }
}
