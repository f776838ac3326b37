import { z } from 'zod'
import { ensureCsrf } from '../../middleware/session.ts'
import { definePage } from '../page.ts'

export const MESSAGES = {
  usernameRequired: 'Enter your username',
  passwordRequired: 'Enter your password',
  wrong: 'The username or password is not right',
  throttled: 'Too many attempts to sign in. Wait 15 minutes and try again.',
}

/** Only same-site relative paths are followed after sign-in (no open redirects). */
export function safeNext(next: unknown): string {
  const s = typeof next === 'string' ? next : ''
  return s.startsWith('/') && !s.startsWith('//') && !s.startsWith('/\\') ? s : '/'
}

export default definePage({
  PAGE_NAME: 'sign-in',
  PATH: '/sign-in',
  REQUIRED_PERMISSION: 'public',
  SCHEMA: z.object({
    username: z.string().trim().min(1, MESSAGES.usernameRequired).max(100),
    password: z.string().min(1, MESSAGES.passwordRequired).max(200),
  }),
  async GET(req, res) {
    if (res.locals.user) return res.redirect(303, safeNext(req.query.next))
    await ensureCsrf(res)
    res.render('pages/auth/sign-in.njk', { next: req.query.next })
  },
  async POST(req, res, ctx) {
    const { username, password } = ctx.body
    const ip = req.ip ?? 'unknown'
    if (await ctx.services.users.isThrottled(username, ip)) {
      res.status(429)
      return ctx.formErrors({ username: MESSAGES.throttled }, { username })
    }
    const user = await ctx.services.users.authenticate(username, password, ip, ctx.requestId)
    if (!user) return ctx.formErrors({ username: MESSAGES.wrong }, { username })
    await res.locals.session.rotate(user.id)
    res.redirect(303, safeNext(req.query.next))
  },
})
