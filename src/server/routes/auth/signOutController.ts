import { z } from 'zod'
import { definePage } from '../page.ts'
import { urls } from '../../urls.ts'

export default definePage({
  PAGE_NAME: 'sign-out',
  PATH: '/sign-out',
  REQUIRED_PERMISSION: 'signed-in',
  BACK: () => urls.home(),
  SCHEMA: z.object({}).strict(),
  async POST(_req, res, ctx) {
    await ctx.services.audit.record({
      actor: { id: ctx.user.id, name: ctx.user.username, role: ctx.user.role },
      action: 'auth.sign-out',
      subjectType: 'user',
      subjectId: ctx.user.id,
      requestId: ctx.requestId,
    })
    await res.locals.session.destroy()
    res.redirect(303, urls.signIn())
  },
})
