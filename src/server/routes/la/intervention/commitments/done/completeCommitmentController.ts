import createError from 'http-errors'
import { completeCommitmentCommand } from '../../../../../../services/interventions/commitments.ts'
import { urls } from '../../../../../urls.ts'
import { definePage } from '../../../../page.ts'
import { actorOf, atLa } from '../../interventionPage.ts'

/** Marks one of this LA's commitments done (a button in the commitments table). */
export default definePage({
  PAGE_NAME: 'intervention-commitment-complete',
  PATH: '/la/:la/intervention/commitments/:id/done',
  REQUIRED_PERMISSION: 'intervention:edit',
  LA_PARAM: 'la',
  COMMAND: completeCommitmentCommand,
  BACK: (p) => urls.laIntervention(p.la, {}, 'commitments'),
  async POST(req, res, ctx) {
    const own = (await ctx.services.interventionRegister.commitments({ laCode: ctx.laCode })).find(
      (c) => c.id === Number(req.params.id),
    )
    if (!own) throw createError(404)
    await completeCommitmentCommand.run({ ...atLa(ctx), commitmentId: own.id }, ctx.body, actorOf(ctx.user))
    await ctx.flash(`Marked done: ${own.what}`)
    res.redirect(303, urls.laIntervention(ctx.laCode!, {}, 'commitments'))
  },
})
