import { setKpiValueCommand, KPI_MESSAGES } from '../../../../../../services/plans/kpis.ts'
import { urls } from '../../../../../urls.ts'
import { definePage } from '../../../../page.ts'
import { actorOf, formCommand, planFor } from '../../planContext.ts'
import { kpisUrl } from '../kpisContext.ts'

/** A month's value for a measure entered by hand (a measure linked to a casework indicator takes none). */
export default definePage({
  PAGE_NAME: 'plan-kpi-value',
  PATH: '/la/:la/plans/:plan/kpis/values',
  REQUIRED_PERMISSION: 'plan:edit',
  LA_PARAM: 'la',
  BACK: (p) => urls.planKpis(p.la, p.plan),
  COMMAND: setKpiValueCommand,
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    if (!model.kpis.some((k) => k.id === ctx.body.kpiId))
      return ctx.formErrors({ kpiId: KPI_MESSAGES.kpi }, ctx.body, kpisUrl(ctx, req))
    // A refusal from the command (a month not started yet) keeps what the person typed, not the parsed month.
    const { _csrf: _ignored, ...typed } = req.body as Record<string, unknown>
    const ok = await formCommand(
      ctx,
      () => setKpiValueCommand.run(ctx.services.plans.deps, ctx.body, actorOf(ctx.user)),
      kpisUrl(ctx, req),
      typed,
    )
    if (!ok) return
    await ctx.flash('Value saved')
    res.redirect(303, kpisUrl(ctx, req))
  },
})
