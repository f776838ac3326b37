import { urls } from '../../../../../urls.ts'
import { definePage } from '../../../../page.ts'
import { archiveCommand } from '../../../../../../services/plans/lifecycle.ts'
import { actorOf, formCommand, planDeps } from '../../planContext.ts'
import { actionFor } from '../actionContext.ts'

/** Archives an action (never deleted), with who and why. */
export const archiveAction = definePage({
  PAGE_NAME: 'plan-action-archive',
  PATH: '/la/:la/plans/:plan/actions/:action/archive',
  REQUIRED_PERMISSION: 'plan:edit',
  LA_PARAM: 'la',
  BACK: (p) => urls.planActionEdit(p.la, p.plan, p.action),
  COMMAND: archiveCommand,
  async POST(req, res, ctx) {
    const { item, action } = await actionFor(req, ctx)
    const here = urls.planActionEdit(ctx.laCode!, req.params.plan as string, action.id)
    const ok = await formCommand(
      ctx,
      () => archiveCommand.run(planDeps(ctx, { type: 'action' as const, id: action.id }), ctx.body, actorOf(ctx.user)),
      here,
      { archiveReason: ctx.body.reason },
    )
    if (!ok) return
    await ctx.flash('Action archived: it stays in the history')
    res.redirect(303, urls.planItem(ctx.laCode!, req.params.plan as string, item.id) + '#actions')
  },
})
