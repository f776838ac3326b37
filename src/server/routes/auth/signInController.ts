import { SIGN_IN_MESSAGES, signInCommand } from '../../../services/commands/auth/signIn.ts'
import { ensureCsrf } from '../../middleware/session.ts'
import { definePage } from '../page.ts'
import { urls } from '../../urls.ts'

export const MESSAGES = SIGN_IN_MESSAGES

/** Only same-site relative paths are followed after sign-in (no open redirects). */
export function safeNext(next: unknown): string {
  const s = typeof next === 'string' ? next : ''
  return s.startsWith('/') && !s.startsWith('//') && !s.startsWith('/\\') ? s : urls.home()
}

export default definePage({
  PAGE_NAME: 'sign-in',
  PATH: '/sign-in',
  REQUIRED_PERMISSION: 'public',
  COMMAND: signInCommand,
  async GET(req, res) {
    if (res.locals.user) return res.redirect(303, safeNext(req.query.next))
    await ensureCsrf(res)
    res.render('pages/auth/sign-in.njk', { next: req.query.next })
  },
  async POST(req, res, ctx) {
    const userId = await signInCommand.run(ctx.services, ctx.body, {
      ip: req.ip ?? 'unknown',
      requestId: ctx.requestId,
    })
    await res.locals.session.rotate(userId)
    res.redirect(303, safeNext(req.query.next))
  },
})
