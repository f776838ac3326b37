import { urls } from '../../../../../urls.ts'
import { definePage } from '../../../../page.ts'
import { commentCommand } from '../../../../../../services/plans/oversight.ts'
import { actorOf, formCommand, planDeps, planFor } from '../../planContext.ts'
import { reviewUrl } from '../reviewContext.ts'

export const planComment = definePage({
  PAGE_NAME: 'plan-comment',
  PATH: '/la/:la/plans/:plan/review/comment',
  REQUIRED_PERMISSION: 'plan:view',
  LA_PARAM: 'la',
  BACK: (p) => urls.planReview(p.la, p.plan),
  COMMAND: commentCommand,
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    const ok = await formCommand(
      ctx,
      () => commentCommand.run(planDeps(ctx, { planId: model.plan.id }), ctx.body, actorOf(ctx.user)),
      reviewUrl(ctx, req),
      ctx.body,
    )
    if (!ok) return
    await ctx.flash(
      ctx.body.kind === 'challenge' ? 'Challenge raised: the local authority must answer it' : 'Comment added',
    )
    res.redirect(303, reviewUrl(ctx, req))
  },
})
