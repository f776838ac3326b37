import createError from 'http-errors'
import { urls } from '../../../../../urls.ts'
import { definePage } from '../../../../page.ts'
import { closeChallengeCommand } from '../../../../../../services/plans/oversight.ts'
import { actorOf, formCommand, planFor } from '../../planContext.ts'
import { reviewUrl } from '../reviewContext.ts'

export const closeChallenge = definePage({
  PAGE_NAME: 'plan-close-challenge',
  PATH: '/la/:la/plans/:plan/review/close',
  REQUIRED_PERMISSION: 'plan:review',
  LA_PARAM: 'la',
  BACK: (p) => urls.planReview(p.la, p.plan),
  COMMAND: closeChallengeCommand,
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    if (!model.comments.some((c) => c.id === ctx.body.challengeId)) throw createError(404)
    const ok = await formCommand(
      ctx,
      () => closeChallengeCommand.run(ctx.services.plans.deps, ctx.body, actorOf(ctx.user)),
      reviewUrl(ctx, req),
    )
    if (!ok) return
    await ctx.flash('Challenge closed')
    res.redirect(303, reviewUrl(ctx, req))
  },
})
