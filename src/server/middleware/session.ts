import crypto from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import createError from 'http-errors'
import type { Services } from '../../services/index.ts'

export const SESSION_COOKIE = 'sightline_session'

export interface Flash {
  message?: string
  /** Messages by field, in the order of the fields on the page. */
  errors?: Record<string, string>
  /** The error summary's link for each field (a date input's `#<name>-day`). */
  errorHrefs?: Record<string, string>
  /** The GOV.UK error summary's items, in field order. */
  errorSummary?: { text: string; href: string }[]
  values?: Record<string, unknown>
}

/**
 * Store-backed sessions. The cookie holds a random token; the store keeps its hash, the user, a CSRF token and flash data.
 * A session is created lazily (on the first page that needs a CSRF token) and rotated at sign-in.
 */
export function sessionMiddleware(services: Services, options: { secure: boolean }) {
  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, secure: options.secure, path: '/' }
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      let token: string | undefined = req.cookies?.[SESSION_COOKIE]
      let session = token ? await services.users.sessions.get(token) : undefined
      if (!session) token = undefined
      let data: Record<string, unknown> = (session?.data as Record<string, unknown>) ?? {}

      const ensure = async () => {
        if (token && session) return
        const created = await services.users.sessions.create(null)
        token = created.token
        session = await services.users.sessions.get(token)
        res.cookie(SESSION_COOKIE, token, cookieOptions)
      }

      res.locals.user = session?.userId ? services.users.principalOf(session.user) : undefined
      if (session?.userId && !res.locals.user) {
        // The account was disabled: end the session.
        await services.users.sessions.destroy(token!)
        session = undefined
        token = undefined
      }
      // Read with the session, in one query: the user and the store's change count (src/server/pageCache.ts).
      res.locals.dataChange = session?.dataChange
      // What a signed-in user sees (pages, CSV, PDF and evidence downloads) is never kept by a browser or proxy cache.
      if (res.locals.user) res.set('Cache-Control', 'no-store')
      const flash = data.flash as Flash | undefined
      if (flash) {
        data = { ...data, flash: undefined }
        await services.users.sessions.setData(token!, data)
      }
      res.locals.flash = flash ?? {}
      res.locals.session = {
        async setFlash(f: Flash) {
          await ensure()
          data = { ...data, flash: f }
          await services.users.sessions.setData(token!, data)
        },
        async csrfToken() {
          await ensure()
          return session!.csrfToken
        },
        /** Sign-in: a new session id (rotation), the old one destroyed. */
        async rotate(userId: number) {
          if (token) await services.users.sessions.destroy(token)
          const created = await services.users.sessions.create(userId)
          token = created.token
          session = await services.users.sessions.get(token)
          res.cookie(SESSION_COOKIE, token, cookieOptions)
        },
        async destroy() {
          if (token) await services.users.sessions.destroy(token)
          res.clearCookie(SESSION_COOKIE, cookieOptions)
          token = undefined
          session = undefined
        },
      }
      // Every page renders forms with a CSRF token, so make one available up front.
      res.locals.csrfToken = session?.csrfToken
      res.locals.verifyCsrf = (r: Request) => {
        const sent = String(r.body?._csrf ?? r.get('x-csrf-token') ?? r.query?._csrf ?? '')
        const expected = session?.csrfToken ?? ''
        const ok =
          sent.length > 0 &&
          sent.length === expected.length &&
          crypto.timingSafeEqual(Buffer.from(sent), Buffer.from(expected))
        if (!ok)
          throw createError(
            403,
            'The form has expired or was not sent from this service. Go back, reload the page and try again.',
          )
      }
      next()
    } catch (err) {
      next(err)
    }
  }
}

/** Ensures a CSRF token exists for GET pages that render forms (sign-in for anonymous visitors). */
export async function ensureCsrf(res: Response) {
  if (!res.locals.csrfToken) res.locals.csrfToken = await res.locals.session.csrfToken()
}
