import { and, asc, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm'
import * as t from '../data/schema/plans.ts'
import { localAuthority } from '../data/schema/register.ts'
import type { Store } from '../data/store.ts'
import { DEFAULT_RAG_CONFIG, type RagConfig } from '../engine/plans/rag.ts'
import { PlanForbiddenError, PlanNotFoundError } from './planErrors.ts'
import type { PlanActor } from './plans/index.ts'
import { planModelCache } from './plans/planModelCache.ts'
import { timelineEvents, timelinePage } from './plans/planTimeline.ts'
import type { HistoryCursor } from '../data/repositories/planRepository.ts'

/**
 * Read models for plans. A plan "as at" a date is rebuilt from its version history (the last version of each record
 * saved on or before that day), so a board report for a past date shows what was true then.
 */
export function planReadService(store: Store, options: { ragConfig?: RagConfig; today?: () => string } = {}) {
  const db = store.db
  const cfg = options.ragConfig ?? DEFAULT_RAG_CONFIG
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10))
  const models = planModelCache(db, cfg)

  function assertScope(actor: PlanActor, laCode: string) {
    if (actor.laScope && !actor.laScope.includes(laCode))
      throw new PlanForbiddenError('You do not have access to this local authority')
  }

  async function planLa(planId: number) {
    const [p] = await db.select({ laCode: t.plan.laCode }).from(t.plan).where(eq(t.plan.id, planId))
    if (!p) throw new PlanNotFoundError('plan', planId)
    return p.laCode
  }

  return {
    /**
     * The whole plan as at a date (default today), with RAG, completeness and counts, and the version it was built at
     * (pages key on it). Built once per plan version, shared and frozen; for `change` see planModelCache.
     */
    planView: (planId: number, actor: PlanActor, asAt = today(), change?: string) =>
      models.view(planId, asAt, (laCode) => assertScope(actor, laCode), change),

    /** The whole plan as at a date (default today): planView's model. */
    planModel: async (planId: number, actor: PlanActor, asAt = today()) =>
      (await models.view(planId, asAt, (laCode) => assertScope(actor, laCode))).model,

    /** Plans the actor may see, newest first, optionally for one LA. */
    async listPlans(actor: PlanActor, laCode?: string) {
      return plansOf(db, actor, laCode)
    },

    /** The LA's imported Ofsted reports, each with its number of recommendations and the plans answering it. */
    async reportsForLa(laCode: string, actor: PlanActor) {
      assertScope(actor, laCode)
      return reportsOfLa(db, laCode)
    },

    /** Every event on the plan, oldest first, each with a title and a readable diff. */
    async timeline(planId: number, actor: PlanActor) {
      assertScope(actor, await planLa(planId))
      return timelineEvents(db, planId)
    },
    /** One page of the plan's timeline, newest first, with the plan's title and LA name for the heading. */
    timelinePage: (planId: number, actor: PlanActor, cursor: HistoryCursor) =>
      timelinePage(db, planId, cursor, (laCode) => assertScope(actor, laCode)),

    /** Actions owned by one user across the plans they can see, with their RAG as at today. */
    async myActions(userId: number, actor: PlanActor, asAt = today()) {
      const owned = await db
        .select({ planId: t.planItem.planId })
        .from(t.planAction)
        .innerJoin(t.planItem, eq(t.planItem.id, t.planAction.itemId))
        .where(and(eq(t.planAction.ownerId, userId), isNull(t.planAction.archivedAt)))
      const planIds = [...new Set(owned.map((o) => o.planId))]
      const out = []
      for (const planId of planIds) {
        const laCode = await planLa(planId)
        if (actor.laScope && !actor.laScope.includes(laCode)) continue
        const { model } = await models.view(planId, asAt, () => undefined)
        for (const item of model.items)
          for (const a of item.actions)
            if (a.ownerId === userId)
              out.push({
                ...a,
                laCode,
                planId,
                planTitle: model.plan.title,
                laName: model.laName,
                itemId: item.id,
                itemReference: item.reference,
                itemText: item.text,
              })
      }
      return out.sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'))
    },
  }
}

/** The LA's imported Ofsted reports, each with its number of recommendations and the plans answering it. */
async function reportsOfLa(db: Store['db'], laCode: string) {
  // Every column but the extraction (the whole parsed report): the LA and plans pages list reports, never read it.
  const { extraction: _extraction, ...columns } = getTableColumns(t.importedReport)
  const reports = await db
    .select(columns)
    .from(t.importedReport)
    .where(and(eq(t.importedReport.laCode, laCode), isNull(t.importedReport.archivedAt)))
    .orderBy(asc(t.importedReport.inspectionStart), asc(t.importedReport.id))
  const ids = reports.map((r) => r.id)
  if (!ids.length) return []
  const counts = await db
    .select({ reportId: t.recommendation.reportId, n: sql<number>`count(*)` })
    .from(t.recommendation)
    .where(inArray(t.recommendation.reportId, ids))
    .groupBy(t.recommendation.reportId)
  const plans = await db
    .select({ reportId: t.planReport.reportId, id: t.plan.id, title: t.plan.title })
    .from(t.planReport)
    .innerJoin(t.plan, eq(t.plan.id, t.planReport.planId))
    .where(and(inArray(t.planReport.reportId, ids), isNull(t.plan.archivedAt)))
    .orderBy(asc(t.plan.id))
  return reports.map((r) => ({
    ...r,
    recommendations: Number(counts.find((c) => c.reportId === r.id)?.n ?? 0),
    plans: plans.filter((p) => p.reportId === r.id).map(({ id, title }) => ({ id, title })),
  }))
}

/** Plans the actor may see, newest first, optionally for one LA. */
async function plansOf(db: Store['db'], actor: PlanActor, laCode?: string) {
  const rows = await db
    .select({
      id: t.plan.id,
      laCode: t.plan.laCode,
      title: t.plan.title,
      status: t.plan.status,
      createdAt: t.plan.createdAt,
      laName: localAuthority.name,
    })
    .from(t.plan)
    .leftJoin(localAuthority, eq(localAuthority.laCode, t.plan.laCode))
    .where(and(isNull(t.plan.archivedAt), laCode ? eq(t.plan.laCode, laCode) : undefined))
    .orderBy(asc(t.plan.laCode), asc(t.plan.id))
  return rows.filter((r) => !actor.laScope || actor.laScope.includes(r.laCode))
}

export type PlanReadService = ReturnType<typeof planReadService>
