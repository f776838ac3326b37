import createError from 'http-errors'
import { urls } from '../../../../../../urls.ts'
import { definePage } from '../../../../../page.ts'
import { completeMilestoneCommand } from '../../../../../../../services/plans/milestones.ts'
import { actorOf, formCommand } from '../../../planContext.ts'
import { actionFor } from '../milestoneContext.ts'

/** Records the day a milestone was met. */
export const completeMilestone = definePage({
  PAGE_NAME: 'plan-action-complete-milestone',
  PATH: '/la/:la/plans/:plan/actions/:action/milestones/met',
  REQUIRED_PERMISSION: 'plan:edit',
  LA_PARAM: 'la',
  BACK: (p) => urls.planActionEdit(p.la, p.plan, p.action) + '#milestones',
  COMMAND: completeMilestoneCommand,
  async POST(req, res, ctx) {
    const { action, back } = await actionFor(req, ctx)
    const milestone = action.milestones.find((m) => m.id === ctx.body.milestoneId)
    if (!milestone) throw createError(404)
    const run = () => completeMilestoneCommand.run(ctx.services.plans.deps, ctx.body, actorOf(ctx.user))
    if (!(await formCommand(ctx, run, back, ctx.body))) return
    await ctx.flash(`Milestone “${milestone.title}” recorded as met`)
    res.redirect(303, back)
  },
})
