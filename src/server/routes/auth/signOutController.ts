import { signOutCommand } from '../../../services/commands/auth/signOut.ts'
import { definePage } from '../page.ts'
import { urls } from '../../urls.ts'

export default definePage({
  PAGE_NAME: 'sign-out',
  PATH: '/sign-out',
  REQUIRED_PERMISSION: 'signed-in',
  BACK: () => urls.home(),
  COMMAND: signOutCommand,
  async POST(_req, res, ctx) {
    await signOutCommand.run(ctx.services, ctx.body, {
      id: ctx.user.id,
      name: ctx.user.username,
      role: ctx.user.role,
      requestId: ctx.requestId,
    })
    await res.locals.session.destroy()
    res.redirect(303, urls.signIn())
  },
})
