import { addCommitmentCommand } from '../../../../../services/interventions/commitments.ts'
import { urls } from '../../../../urls.ts'
import { definePage } from '../../../page.ts'
import { actorOf, atLa } from '../interventionPage.ts'

/** Records a commitment made in one of this LA's letters (the form is on the LA's intervention page). */
export default definePage({
  PAGE_NAME: 'intervention-commitment-add',
  PATH: '/la/:la/intervention/commitments',
  REQUIRED_PERMISSION: 'intervention:edit',
  LA_PARAM: 'la',
  COMMAND: addCommitmentCommand,
  BACK: (p) => urls.laIntervention(p.la, {}, 'commitments'),
  async POST(_req, res, ctx) {
    await addCommitmentCommand.run(atLa(ctx), ctx.body, actorOf(ctx.user))
    await ctx.flash('Commitment added')
    res.redirect(303, urls.laIntervention(ctx.laCode!, {}, 'commitments'))
  },
})
