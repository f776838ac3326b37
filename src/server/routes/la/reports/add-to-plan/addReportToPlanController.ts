import { can } from '../../../../../engine/access/permissions.ts'
import { urls } from '../../../../urls.ts'
import { definePage } from '../../../page.ts'
import { addReportToPlanCommand } from '../../../../../services/plans/lifecycle.ts'
import { actorOf, formCommand, laPlansAndReports } from '../../plans/planContext.ts'

const queryId = (v: unknown) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : undefined)

/** What the success banner on the plan says after a report is added: how many new items, and what to do next. */
export function addedMessage(r: { reportName: string; planStatus: string; recommendations: number }) {
  const what = r.reportName.charAt(0).toUpperCase() + r.reportName.slice(1)
  if (r.recommendations === 0)
    return `${what} added. It has no recommendations, so no items were added. Existing items are unchanged.`
  const items =
    r.recommendations === 1
      ? 'its recommendation is now a new item in this plan'
      : `its ${r.recommendations} recommendations are now new items in this plan`
  const next =
    r.planStatus === 'submitted'
      ? ' The submission waiting for a decision does not include them.'
      : r.planStatus === 'accepted' || r.planStatus === 'returned'
        ? ' Submit an update when the new items are ready for review.'
        : ''
  return `${what} added: ${items}. Existing items are unchanged.${next}`
}

/**
 * Adds a later Ofsted report (a monitoring visit letter, a re-inspection) of the LA to one of its open plans: each
 * recommendation becomes a new item. Reached from the plan overview and from the plans page's list of reports.
 */
export const addReportToPlanPage = definePage({
  PAGE_NAME: 'report-add-to-plan',
  PATH: '/la/:la/reports/add-to-plan',
  REQUIRED_PERMISSION: 'plan:edit', // as createPlan: those who write the plan add what it answers
  LA_PARAM: 'la',
  COMMAND: addReportToPlanCommand,
  async GET(req, res, ctx) {
    const { plans, reports, laName } = await laPlansAndReports(ctx)
    const available = reports.filter((r) => !r.plans.length)
    const report = queryId(req.query.report)
    const plan = queryId(req.query.plan)
    res.render('pages/la/reports/add-to-plan/index.njk', {
      laCode: ctx.laCode,
      laName,
      plans,
      reports: available,
      selectedReport: available.some((r) => r.id === report) ? String(report) : undefined,
      selectedPlan:
        plans.length === 1 ? String(plans[0].id) : plans.some((p) => p.id === plan) ? String(plan) : undefined,
      fromPlan: plans.find((p) => p.id === plan),
      canImport: can(ctx.user, 'report:import'),
    })
  },
  async POST(_req, res, ctx) {
    const { reportId, planId } = ctx.body
    const back = urls.reportAddToPlan(ctx.laCode!, { report: reportId, plan: planId })
    const values = { reportId: String(reportId), planId: String(planId) }
    const plans = await ctx.services.planViews.listPlans(actorOf(ctx.user), ctx.laCode)
    if (!plans.some((p) => p.id === planId))
      return ctx.formErrors({ planId: 'Select one of the open plans listed' }, values, back)
    let added: Awaited<ReturnType<typeof addReportToPlanCommand.run>> | undefined
    const ok = await formCommand(
      ctx,
      async () => {
        added = await addReportToPlanCommand.run(ctx.services.plans.deps, ctx.body, actorOf(ctx.user))
      },
      back,
      values,
    )
    if (!ok || !added) return
    await ctx.flash(addedMessage(added))
    res.redirect(303, urls.plan(ctx.laCode!, planId))
  },
})
