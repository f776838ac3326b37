import { urls } from '../../../../../urls.ts'
import { definePage } from '../../../../page.ts'
import { commentCommand } from '../../../../../../services/plans/oversight.ts'
import { actorOf, asHttp, formCommand, planDeps } from '../../planContext.ts'
import { itemFor } from '../itemContext.ts'
import { back } from '../itemContext.ts'

export const addComment = definePage({
  PAGE_NAME: 'plan-item-add-comment',
  PATH: '/la/:la/plans/:plan/items/:item/comments',
  REQUIRED_PERMISSION: 'plan:view',
  LA_PARAM: 'la',
  BACK: (p) => urls.planItem(p.la, p.plan, p.item) + '#comments',
  COMMAND: commentCommand,
  async POST(req, res, ctx) {
    const { model, item } = await itemFor(req, ctx)
    const input = { ...ctx.body, itemId: item.id }
    const ok = await formCommand(
      ctx,
      () => commentCommand.run(planDeps(ctx, { planId: model.plan.id }), input, actorOf(ctx.user)).catch(asHttp),
      back(ctx, req) + '#comments',
      ctx.body,
    )
    if (!ok) return
    await ctx.flash(
      ctx.body.kind === 'challenge' ? 'Challenge raised: the local authority must answer it' : 'Comment added',
    )
    res.redirect(303, back(ctx, req) + '#comments')
  },
})
