import createError from 'http-errors'
import { meetCommitmentCommand } from '../../../../../../services/plans/commitments.ts'
import { urls } from '../../../../../urls.ts'
import { definePage } from '../../../../page.ts'
import { actorOf, formCommand, planFor } from '../../planContext.ts'

/** Records the day a commitment measured by hand ("Met when someone records it") was met. */
export default definePage({
  PAGE_NAME: 'plan-commitment-met',
  PATH: '/la/:la/plans/:plan/commitments/met',
  REQUIRED_PERMISSION: 'plan:review',
  LA_PARAM: 'la',
  BACK: (p) => urls.plan(p.la, p.plan) + '#commitments',
  COMMAND: meetCommitmentCommand,
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    const back = urls.plan(ctx.laCode!, model.plan.id) + '#commitments'
    const commitment = model.commitments.find((c) => c.id === ctx.body.commitmentId)
    if (!commitment) throw createError(404)
    const run = () => meetCommitmentCommand.run(ctx.services.plans.deps, ctx.body, actorOf(ctx.user))
    if (!(await formCommand(ctx, run, back))) return
    await ctx.flash(`Commitment recorded as met on ${ctx.body.metOn}`)
    res.redirect(303, back)
  },
})
