import { UPLOAD_LIMIT_BYTES } from '../../../../../engine/uploads/limits.ts'
import { addEventCommand } from '../../../../../services/interventions/events.ts'
import { urls } from '../../../../urls.ts'
import { definePage } from '../../../page.ts'
import { actorOf, atLa } from '../interventionPage.ts'

/** Adds an event (with its PDF, when there is one) to the LA's interventions register. */
export default definePage({
  PAGE_NAME: 'intervention-event-add',
  PATH: '/la/:la/intervention/events',
  REQUIRED_PERMISSION: 'intervention:edit',
  LA_PARAM: 'la',
  UPLOAD: { field: 'document', maxBytes: UPLOAD_LIMIT_BYTES },
  COMMAND: addEventCommand,
  BACK: (p) => urls.laIntervention(p.la, {}, 'register'),
  async POST(req, res, ctx) {
    const document = req.file ? { name: req.file.originalname, bytes: req.file.buffer } : undefined
    await addEventCommand.run(atLa(ctx), { ...ctx.body, document }, actorOf(ctx.user))
    await ctx.flash('Added to the register')
    res.redirect(303, urls.laIntervention(ctx.laCode!, {}, 'register'))
  },
})
