import createError from 'http-errors'
import { urls } from '../../../../../urls.ts'
import { definePage } from '../../../../page.ts'
import { answerCommand } from '../../../../../../services/plans/oversight.ts'
import { actorOf, formCommand } from '../../planContext.ts'
import { itemFor } from '../itemContext.ts'
import { back } from '../itemContext.ts'

export const answerChallenge = definePage({
  PAGE_NAME: 'plan-item-answer-challenge',
  PATH: '/la/:la/plans/:plan/items/:item/answers',
  REQUIRED_PERMISSION: 'plan:edit',
  LA_PARAM: 'la',
  BACK: (p) => urls.planItem(p.la, p.plan, p.item) + '#comments',
  COMMAND: answerCommand,
  async POST(req, res, ctx) {
    const { item } = await itemFor(req, ctx)
    if (!item.comments.some((c) => c.id === ctx.body.challengeId)) throw createError(404)
    const ok = await formCommand(
      ctx,
      () => answerCommand.run(ctx.services.plans.deps, ctx.body, actorOf(ctx.user)),
      back(ctx, req) + '#comments',
      { [`answer-${ctx.body.challengeId}`]: ctx.body.text },
    )
    if (!ok) return
    await ctx.flash('Answer sent')
    res.redirect(303, back(ctx, req) + '#comments')
  },
})
