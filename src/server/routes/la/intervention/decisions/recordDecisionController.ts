import { recordDecisionCommand } from '../../../../../services/interventions/decisions.ts'
import { urls } from '../../../../urls.ts'
import { definePage } from '../../../page.ts'
import { actorOf, atLa, today } from '../interventionPage.ts'

/** A person's decision for the LA, recorded today beside the system's recommendation; it writes the register. */
export default definePage({
  PAGE_NAME: 'intervention-decision',
  PATH: '/la/:la/intervention/decisions',
  REQUIRED_PERMISSION: 'intervention:edit',
  LA_PARAM: 'la',
  COMMAND: recordDecisionCommand,
  BACK: (p) => urls.laIntervention(p.la, {}, 'decisions'),
  async POST(_req, res, ctx) {
    const decidedOn = today()
    const recommendation = await ctx.services.intervention.assess({ la: ctx.laCode!, asAt: decidedOn })
    await recordDecisionCommand.run({ ...atLa(ctx), decidedOn, recommendation }, ctx.body, actorOf(ctx.user))
    await ctx.flash('Decision recorded')
    res.redirect(303, urls.laIntervention(ctx.laCode!, {}, 'decisions'))
  },
})
