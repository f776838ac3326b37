import createError from 'http-errors'
import { urls } from '../../../../../urls.ts'
import { definePage } from '../../../../page.ts'
import { answerCommand } from '../../../../../../services/plans/oversight.ts'
import { actorOf, formCommand, planFor } from '../../planContext.ts'
import { reviewUrl } from '../reviewContext.ts'

export const planAnswer = definePage({
  PAGE_NAME: 'plan-answer',
  PATH: '/la/:la/plans/:plan/review/answer',
  REQUIRED_PERMISSION: 'plan:edit',
  LA_PARAM: 'la',
  BACK: (p) => urls.planReview(p.la, p.plan),
  COMMAND: answerCommand,
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    if (!model.comments.some((c) => c.id === ctx.body.challengeId)) throw createError(404)
    const ok = await formCommand(
      ctx,
      () => answerCommand.run(ctx.services.plans.deps, ctx.body, actorOf(ctx.user)),
      reviewUrl(ctx, req),
      {
        [`answer-${ctx.body.challengeId}`]: ctx.body.text,
      },
    )
    if (!ok) return
    await ctx.flash('Answer sent')
    res.redirect(303, reviewUrl(ctx, req))
  },
})
