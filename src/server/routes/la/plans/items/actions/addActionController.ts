import createError from 'http-errors'
import { urls } from '../../../../../urls.ts'
import { definePage } from '../../../../page.ts'
import { addActionCommand } from '../../../../../../services/plans/actions.ts'
import { actorOf, formCommand, planDeps } from '../../planContext.ts'
import { itemFor } from '../itemContext.ts'
import { back } from '../itemContext.ts'

export const addAction = definePage({
  PAGE_NAME: 'plan-item-add-action',
  PATH: '/la/:la/plans/:plan/items/:item/actions',
  REQUIRED_PERMISSION: 'plan:edit',
  LA_PARAM: 'la',
  BACK: (p) => urls.planItem(p.la, p.plan, p.item) + '#actions',
  COMMAND: addActionCommand,
  async POST(req, res, ctx) {
    const { item } = await itemFor(req, ctx)
    if (ctx.body.objectiveId && !item.objectives.some((o) => o.id === ctx.body.objectiveId)) throw createError(404)
    const ok = await formCommand(
      ctx,
      () => addActionCommand.run(planDeps(ctx, { itemId: item.id }), ctx.body, actorOf(ctx.user)),
      back(ctx, req) + '#actions',
      ctx.body,
    )
    if (!ok) return
    await ctx.flash('Action added')
    res.redirect(303, back(ctx, req) + '#actions')
  },
})
