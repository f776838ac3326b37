import { urls } from '../../../../../urls.ts'
import { definePage } from '../../../../page.ts'
import { addMilestoneCommand } from '../../../../../../services/plans/milestones.ts'
import { actorOf, formCommand, planDeps } from '../../planContext.ts'
import { actionFor } from './milestoneContext.ts'

/** A dated milestone on an action: delivery RAG turns amber when one is missed. */
export const addMilestone = definePage({
  PAGE_NAME: 'plan-action-add-milestone',
  PATH: '/la/:la/plans/:plan/actions/:action/milestones',
  REQUIRED_PERMISSION: 'plan:edit',
  LA_PARAM: 'la',
  BACK: (p) => urls.planActionEdit(p.la, p.plan, p.action) + '#milestones',
  COMMAND: addMilestoneCommand,
  async POST(req, res, ctx) {
    const { action, back } = await actionFor(req, ctx)
    if (
      !(await formCommand(
        ctx,
        () => addMilestoneCommand.run(planDeps(ctx, { actionId: action.id }), ctx.body, actorOf(ctx.user)),
        back,
        ctx.body,
      ))
    )
      return
    await ctx.flash('Milestone added')
    res.redirect(303, back)
  },
})
