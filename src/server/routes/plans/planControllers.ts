import createError from 'http-errors'
import { can } from '../../../engine/access/permissions.ts'
import { filterItems, type ItemFilters } from '../../../engine/plans/planModel.ts'
import { RAG_LABELS, type Rag } from '../../../engine/plans/rag.ts'
import { ChromiumMissingError } from '../../../services/pdf.ts'
import { urls } from '../../urls.ts'
import { definePage } from '../page.ts'
import { createPlanCommand } from '../../../services/plans/lifecycle.ts'
import {
  actorOf,
  asAtQuery,
  asHttp,
  formCommand,
  idParam,
  laPlansAndReports,
  planDeps,
  planFor,
} from './planContext.ts'
import { timelineCursor } from '../../../services/plans/planTimeline.ts'
import { MEASURE_ITEMS } from './kpiControllers.ts'

/** An LA's plans and imported Ofsted reports, with a form to start a plan. */
export const plansPage = definePage({
  PAGE_NAME: 'plans',
  PATH: '/la/:la/plans',
  REQUIRED_PERMISSION: 'plan:view',
  LA_PARAM: 'la',
  POST_PERMISSION: 'plan:edit',
  COMMAND: createPlanCommand,
  async GET(_req, res, ctx) {
    const { plans, reports, laName } = await laPlansAndReports(ctx)
    res.render('pages/plans/index.njk', {
      laCode: ctx.laCode,
      laName,
      plans,
      reports,
      canEdit: can(ctx.user, 'plan:edit'),
      canImport: can(ctx.user, 'report:import'),
    })
  },
  async POST(_req, res, ctx) {
    let planId = 0
    const ok = await formCommand(
      ctx,
      async () => {
        planId = (await createPlanCommand.run(planDeps(ctx, { laCode: ctx.laCode! }), ctx.body, actorOf(ctx.user)))
          .planId
      },
      urls.plans(ctx.laCode!),
      ctx.body,
    )
    if (!ok) return
    await ctx.flash('Plan created: one item for each recommendation')
    res.redirect(303, urls.plan(ctx.laCode!, planId))
  },
})

const RAGS = ['red', 'amber', 'green', 'blue', 'grey'] as const

/** The plan overview: commitments, counts, and the recommendations table with filters (category, RAG, owner, overdue). */
export const planOverviewPage = definePage({
  PAGE_NAME: 'plan-overview',
  PATH: '/la/:la/plans/:plan',
  REQUIRED_PERMISSION: 'plan:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const asAt = asAtQuery(req)
    const model = await planFor(req, ctx, asAt)
    const q = req.query as Record<string, string | undefined>
    const filters: ItemFilters = {
      category: q.category || undefined,
      rag: RAGS.includes(q.rag as Rag) ? (q.rag as Rag) : undefined,
      ownerId: q.owner && /^\d+$/.test(q.owner) ? Number(q.owner) : undefined,
      overdue: q.overdue === 'yes',
    }
    const items = filterItems(model.items, filters)
    const owners = [
      ...new Map(
        model.items
          .flatMap((i) => i.actions)
          .filter((a) => a.ownerId !== null)
          .map((a) => [a.ownerId!, a.ownerName!]),
      ).entries(),
    ]
    res.render('pages/plans/overview.njk', {
      laCode: ctx.laCode,
      model,
      items,
      filters,
      asAt: model.asAt,
      filtered: items.length !== model.items.length,
      categoryItems: [
        { value: '', text: 'All categories' },
        ...[...new Set(model.items.map((i) => i.category))].map((c) => ({
          value: c,
          text: c,
          selected: c === filters.category,
        })),
      ],
      ragItems: [
        { value: '', text: 'Any rating' },
        ...RAGS.map((r) => ({ value: r, text: RAG_LABELS[r], selected: r === filters.rag })),
      ],
      ownerItems: [
        { value: '', text: 'Anyone' },
        ...owners.map(([id, name]) => ({ value: String(id), text: name, selected: id === filters.ownerId })),
      ],
      ragLabels: RAG_LABELS,
      canEdit: can(ctx.user, 'plan:edit'),
      canReview: can(ctx.user, 'plan:review'),
      measureItems: MEASURE_ITEMS,
      commitmentItemChoices: [
        { value: '', text: 'The whole plan' },
        ...model.items.map((i) => ({ value: String(i.id), text: `Recommendation ${i.reference}` })),
      ],
      today: new Date().toISOString().slice(0, 10),
    })
  },
})

/** Everything that happened to the plan, as an MoJ timeline, 50 changes a page, newest first. */
export const planTimelinePage = definePage({
  PAGE_NAME: 'plan-timeline',
  PATH: '/la/:la/plans/:plan/timeline',
  REQUIRED_PERMISSION: 'plan:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const cursor = timelineCursor(req.query)
    const page = await ctx.services.planViews
      .timelinePage(idParam(req, 'plan'), actorOf(ctx.user), cursor)
      .catch(asHttp)
    if (page.model.plan.laCode !== ctx.laCode) throw createError(404)
    res.render('pages/plans/timeline.njk', {
      laCode: ctx.laCode,
      ...page,
      paged: Boolean(cursor.before ?? cursor.after),
    })
  },
})

/** Actions the signed-in user owns, across the plans they can see. */
export const myActionsPage = definePage({
  PAGE_NAME: 'my-actions',
  PATH: '/my-actions',
  REQUIRED_PERMISSION: 'plan:view',
  async GET(_req, res, ctx) {
    const all = await ctx.services.planViews.myActions(ctx.user.id, actorOf(ctx.user))
    // Demo mode: actions on the untouched seeded story are rated as at its own date.
    const story = await ctx.services.demoStory.anyStoryDate([...new Set(all.map((a) => a.planId))])
    if (story) res.locals.demoStoryDate = story
    const actions = story ? await ctx.services.planViews.myActions(ctx.user.id, actorOf(ctx.user), story) : all
    res.render('pages/plans/my-actions.njk', { actions, ragLabels: RAG_LABELS })
  },
})

async function boardReport(
  req: Parameters<NonNullable<typeof planOverviewPage.GET>>[0],
  ctx: Parameters<NonNullable<typeof planOverviewPage.GET>>[2],
) {
  const asAt = asAtQuery(req)
  const model = await planFor(req, ctx, asAt)
  // model.asAt: the demo story's own date while the seeded plan is untouched (see demoStoryService), else asAt.
  return ctx.services.boardReports.build({ planId: model.plan.id }, model.asAt, actorOf(ctx.user)).catch(asHttp)
}

/** The board and ministerial progress report as at a chosen date, with PDF and XLSX downloads. */
export const boardReportPage = definePage({
  PAGE_NAME: 'plan-board-report',
  PATH: '/la/:la/plans/:plan/board',
  REQUIRED_PERMISSION: 'plan:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const report = await boardReport(req, ctx)
    res.render('pages/plans/board.njk', {
      laCode: ctx.laCode,
      planId: Number(req.params.plan),
      report,
      body: ctx.services.boardReports.fragment(report),
    })
  },
})

export const boardReportPdf = definePage({
  PAGE_NAME: 'plan-board-report-pdf',
  PATH: '/la/:la/plans/:plan/board.pdf',
  REQUIRED_PERMISSION: 'plan:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const report = await boardReport(req, ctx)
    const pdf = await ctx.services.boardReports.pdf(report).catch((err) => {
      if (err instanceof ChromiumMissingError) throw createError(503, err.message)
      throw err
    })
    res.type('application/pdf').attachment(`sightline-${report.laCode}-board-report-${report.asAt}.pdf`).send(pdf)
  },
})

export const boardReportXlsx = definePage({
  PAGE_NAME: 'plan-board-report-xlsx',
  PATH: '/la/:la/plans/:plan/board.xlsx',
  REQUIRED_PERMISSION: 'plan:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const report = await boardReport(req, ctx)
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .attachment(`sightline-${report.laCode}-board-report-${report.asAt}.xlsx`)
      .send(await ctx.services.boardReports.xlsx(report))
  },
})

/** Every plan the user can see, with its status: how national users follow the oversight loop. */
export const allPlansPage = definePage({
  PAGE_NAME: 'plans-all',
  PATH: '/plans',
  REQUIRED_PERMISSION: 'plan:view',
  async GET(_req, res, ctx) {
    const plans = await ctx.services.planViews.listPlans(actorOf(ctx.user))
    res.render('pages/plans/all.njk', { plans })
  },
})
