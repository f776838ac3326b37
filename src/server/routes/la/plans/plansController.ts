import { can } from '../../../../engine/access/permissions.ts'
import { urls } from '../../../urls.ts'
import { definePage } from '../../page.ts'
import { createPlanCommand } from '../../../../services/plans/lifecycle.ts'
import { actorOf, formCommand, laPlansAndReports, planDeps } from './planContext.ts'

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
    res.render('pages/la/plans/index.njk', {
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
