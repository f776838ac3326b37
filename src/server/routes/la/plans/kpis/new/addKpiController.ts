import { addKpiCommand } from '../../../../../../services/plans/kpis.ts'
import { urls } from '../../../../../urls.ts'
import { definePage } from '../../../../page.ts'
import { actorOf, formCommand, planDeps, planFor } from '../../planContext.ts'
import { kpisUrl } from '../kpisContext.ts'

/** A new impact measure, linked to recommendations (and, if chosen, to a casework indicator that fills it). */
export default definePage({
  PAGE_NAME: 'plan-kpi-add',
  PATH: '/la/:la/plans/:plan/kpis/new',
  REQUIRED_PERMISSION: 'plan:edit',
  LA_PARAM: 'la',
  BACK: (p) => urls.planKpis(p.la, p.plan),
  COMMAND: addKpiCommand,
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    const ok = await formCommand(
      ctx,
      () => addKpiCommand.run(planDeps(ctx, { planId: model.plan.id }), ctx.body, actorOf(ctx.user)),
      kpisUrl(ctx, req),
      ctx.body,
    )
    if (!ok) return
    await ctx.flash('Measure added')
    res.redirect(303, kpisUrl(ctx, req))
  },
})
