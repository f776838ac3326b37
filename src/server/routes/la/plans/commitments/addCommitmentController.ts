import { COMMITMENT_MEASURES, MEASURE_LABELS } from '../../../../../engine/plans/completeness.ts'
import { addCommitmentCommand } from '../../../../../services/plans/commitments.ts'
import { urls } from '../../../../urls.ts'
import { definePage } from '../../../page.ts'
import { actorOf, formCommand, planDeps, planFor } from '../planContext.ts'

/** The choices of how a commitment is measured, for the form on the plan overview. */
export const MEASURE_ITEMS = COMMITMENT_MEASURES.map((m) => ({
  value: m,
  text:
    m === 'manual'
      ? 'Met when someone records it'
      : `Recommendations that ${MEASURE_LABELS[m].replace(/^have /, 'have ')}`,
}))

/** Commitments with due dates, set by those overseeing the plan (commissioner, DfE). */
export default definePage({
  PAGE_NAME: 'plan-commitment-add',
  PATH: '/la/:la/plans/:plan/commitments',
  REQUIRED_PERMISSION: 'plan:review',
  LA_PARAM: 'la',
  BACK: (p) => urls.plan(p.la, p.plan),
  COMMAND: addCommitmentCommand,
  async POST(req, res, ctx) {
    const model = await planFor(req, ctx)
    const back = urls.plan(ctx.laCode!, model.plan.id)
    const ok = await formCommand(
      ctx,
      () => addCommitmentCommand.run(planDeps(ctx, { planId: model.plan.id }), ctx.body, actorOf(ctx.user)),
      back,
      ctx.body,
    )
    if (!ok) return
    await ctx.flash('Commitment added')
    res.redirect(303, back)
  },
})
