import { and, eq, isNull, sql } from 'drizzle-orm'
import { appUser, userLaScope } from '../schema/core.ts'
import * as t from '../schema/plans.ts'
import type { DbOrTx } from '../store.ts'

/** The facts plan commands check beyond one versioned record: a plan's items, KPI links, submissions, challenges. */

export async function itemIdsOfPlan(db: DbOrTx, planId: number): Promise<number[]> {
  return (await db.select({ id: t.planItem.id }).from(t.planItem).where(eq(t.planItem.planId, planId))).map((r) => r.id)
}

/** A new plan's own history rows carry its id (it had none when they were written). */
export async function claimPlanHistory(db: DbOrTx, planId: number) {
  await db
    .update(t.planHistory)
    .set({ planId })
    .where(and(eq(t.planHistory.subjectType, 'plan'), eq(t.planHistory.subjectId, planId)))
}

export async function linkKpiToItem(db: DbOrTx, kpiId: number, itemId: number) {
  await db.insert(t.kpiItem).values({ kpiId, itemId })
}

export async function insertTrajectoryPoint(db: DbOrTx, kpiId: number, month: string, value: number) {
  await db.insert(t.kpiTrajectory).values({ kpiId, month, value })
}

/** This month's value entered by hand, if there is one (not archived). */
export async function manualKpiValue(db: DbOrTx, kpiId: number, month: string) {
  const [row] = await db
    .select({ id: t.kpiValue.id, version: t.kpiValue.version })
    .from(t.kpiValue)
    .where(
      and(
        eq(t.kpiValue.kpiId, kpiId),
        eq(t.kpiValue.month, month),
        eq(t.kpiValue.source, 'manual'),
        isNull(t.kpiValue.archivedAt),
      ),
    )
  return row
}

/** How many submissions of the plan are waiting for a decision. */
export async function pendingSubmissions(db: DbOrTx, planId: number): Promise<number> {
  const rows = await db
    .select({ id: t.submission.id })
    .from(t.submission)
    .where(and(eq(t.submission.planId, planId), eq(t.submission.status, 'submitted')))
  return rows.length
}

/** The plan's revision: how many changes its history records. */
export async function planRevision(db: DbOrTx, planId: number): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)` })
    .from(t.planHistory)
    .where(eq(t.planHistory.planId, planId))
  return Number(r?.n ?? 0)
}

/** How many challenges on the plan are still open (not answered). */
export async function openChallenges(db: DbOrTx, planId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(t.planComment)
    .where(and(eq(t.planComment.planId, planId), eq(t.planComment.status, 'open'), isNull(t.planComment.archivedAt)))
  return Number(row.n)
}

/** An active user with their role, and whether they are appointed to the LA. */
export async function userOnLa(db: DbOrTx, userId: number, laCode: string) {
  const [row] = await db
    .select({ id: appUser.id, role: appUser.role, scoped: userLaScope.laCode })
    .from(appUser)
    .leftJoin(userLaScope, and(eq(userLaScope.userId, appUser.id), eq(userLaScope.laCode, laCode)))
    .where(and(eq(appUser.id, userId), isNull(appUser.disabledAt)))
  return row ? { id: row.id, role: row.role, appointed: row.scoped !== null } : undefined
}

/** The first plan of an LA, if it has one. */
export async function firstPlanOfLa(db: DbOrTx, laCode: string): Promise<number | undefined> {
  const [row] = await db.select({ id: t.plan.id }).from(t.plan).where(eq(t.plan.laCode, laCode)).orderBy(t.plan.id)
  return row?.id
}

/** A plan's items in the order they were created (the order of the report's recommendations). */
export async function itemIdsInOrder(db: DbOrTx, planId: number): Promise<number[]> {
  const rows = await db.select({ id: t.planItem.id }).from(t.planItem).where(eq(t.planItem.planId, planId))
  return rows.map((r) => r.id).sort((a, b) => a - b)
}

/** An action's milestone by its title. */
export async function milestoneByTitle(db: DbOrTx, actionId: number, title: string) {
  const [row] = await db
    .select({ id: t.milestone.id, version: t.milestone.version })
    .from(t.milestone)
    .where(and(eq(t.milestone.actionId, actionId), eq(t.milestone.title, title)))
  return row
}

/** An item's analyses not archived, oldest first. */
export async function analysesOf(db: DbOrTx, itemId: number) {
  return db
    .select({ id: t.issueAnalysis.id, status: t.issueAnalysis.status, version: t.issueAnalysis.version })
    .from(t.issueAnalysis)
    .where(and(eq(t.issueAnalysis.itemId, itemId), isNull(t.issueAnalysis.archivedAt)))
    .orderBy(t.issueAnalysis.id)
}
