import { buildBoardReport } from '../../../../../../engine/plans/boardReport.ts'
import { urls } from '../../../../../urls.ts'
import { definePage } from '../../../../page.ts'
import { submitCommand } from '../../../../../../services/plans/oversight.ts'
import { actorOf, formCommand, planDeps, planFor } from '../../planContext.ts'
import { reviewUrl } from '../reviewContext.ts'

export const submitPlan = definePage({
  PAGE_NAME: 'plan-submit',
  PATH: '/la/:la/plans/:plan/review/submit',
  REQUIRED_PERMISSION: 'plan:submit',
  LA_PARAM: 'la',
  BACK: (p) => urls.planReview(p.la, p.plan),
  COMMAND: submitCommand,
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    const report = buildBoardReport(model)
    const snapshot = { asAt: report.asAt, summary: report.summary, rows: report.rows }
    const ok = await formCommand(
      ctx,
      () => submitCommand.run(planDeps(ctx, { planId: model.plan.id }), { ...ctx.body, snapshot }, actorOf(ctx.user)),
      reviewUrl(ctx, req),
      ctx.body,
    )
    if (!ok) return
    await ctx.flash('Submitted for review')
    res.redirect(303, reviewUrl(ctx, req))
  },
})
