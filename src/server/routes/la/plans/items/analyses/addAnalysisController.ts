import { urls } from '../../../../../urls.ts'
import { definePage } from '../../../../page.ts'
import { addAnalysisCommand } from '../../../../../../services/plans/analyses.ts'
import { actorOf, formCommand, planDeps } from '../../planContext.ts'
import { itemFor } from '../itemContext.ts'
import { back } from '../itemContext.ts'

export const addAnalysis = definePage({
  PAGE_NAME: 'plan-item-add-analysis',
  PATH: '/la/:la/plans/:plan/items/:item/analyses',
  REQUIRED_PERMISSION: 'plan:edit',
  LA_PARAM: 'la',
  BACK: (p) => urls.planItem(p.la, p.plan, p.item) + '#underlying-issues',
  COMMAND: addAnalysisCommand,
  async POST(req, res, ctx) {
    const { item } = await itemFor(req, ctx)
    if (
      await formCommand(
        ctx,
        () => addAnalysisCommand.run(planDeps(ctx, { itemId: item.id }), ctx.body, actorOf(ctx.user)),
        back(ctx, req) + '#underlying-issues',
        ctx.body,
      )
    ) {
      await ctx.flash('Underlying issues saved as a draft')
      res.redirect(303, back(ctx, req) + '#underlying-issues')
    }
  },
})
