import createError from 'http-errors'
import { urls } from '../../../../../urls.ts'
import { definePage } from '../../../../page.ts'
import { decideCommand } from '../../../../../../services/plans/oversight.ts'
import { actorOf, formCommand, planFor } from '../../planContext.ts'
import { reviewUrl } from '../reviewContext.ts'

export const decideSubmission = definePage({
  PAGE_NAME: 'plan-decide',
  PATH: '/la/:la/plans/:plan/review/decide',
  REQUIRED_PERMISSION: 'plan:review',
  LA_PARAM: 'la',
  BACK: (p) => urls.planReview(p.la, p.plan),
  COMMAND: decideCommand,
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    if (!model.submissions.some((s) => s.id === ctx.body.submissionId)) throw createError(404)
    const { decision } = ctx.body
    const ok = await formCommand(
      ctx,
      () => decideCommand.run(ctx.services.plans.deps, ctx.body, actorOf(ctx.user)),
      reviewUrl(ctx, req),
      ctx.body,
    )
    if (!ok) return
    await ctx.flash(decision === 'accepted' ? 'Submission accepted' : 'Submission returned to the local authority')
    res.redirect(303, reviewUrl(ctx, req))
  },
})
