import createError from 'http-errors'
import { urls } from '../../../../../../urls.ts'
import { definePage } from '../../../../../page.ts'
import { agreeAnalysisCommand } from '../../../../../../../services/plans/analyses.ts'
import { actorOf, formCommand } from '../../../planContext.ts'
import { itemFor } from '../../itemContext.ts'
import { back } from '../../itemContext.ts'

export const agreeAnalysis = definePage({
  PAGE_NAME: 'plan-item-agree-analysis',
  PATH: '/la/:la/plans/:plan/items/:item/analyses/agree',
  REQUIRED_PERMISSION: 'plan:agree',
  LA_PARAM: 'la',
  BACK: (p) => urls.planItem(p.la, p.plan, p.item) + '#underlying-issues',
  COMMAND: agreeAnalysisCommand,
  async POST(req, res, ctx) {
    const { item } = await itemFor(req, ctx)
    if (!item.analyses.some((a) => a.id === ctx.body.analysisId)) throw createError(404)
    if (
      await formCommand(
        ctx,
        () => agreeAnalysisCommand.run(ctx.services.plans.deps, ctx.body, actorOf(ctx.user)),
        back(ctx, req),
      )
    ) {
      await ctx.flash('Underlying issues agreed: the recommendation now counts as explained')
      res.redirect(303, back(ctx, req) + '#underlying-issues')
    }
  },
})
