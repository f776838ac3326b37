import type { NextFunction, Request, RequestHandler, Response, Router } from 'express'
import createError from 'http-errors'
import { z } from 'zod'
import { can, canSeeLa, type Permission, type Principal } from '../../engine/access/permissions.ts'
import {
  InputError,
  dateFields,
  isScopeCommand,
  orderErrors,
  parseInput,
  type AnyCommand,
  type FieldError,
} from '../../services/commands/command.ts'
import type { Services } from '../../services/index.ts'
import { urls } from '../urls.ts'

/** What every page handler receives besides req and res. */
export interface PageContext<TBody = unknown> {
  services: Services
  user: Principal
  /** The LA the page is about (3-digit code), when the page declares LA_PARAM. */
  laCode?: string
  /** The form body as the page's COMMAND parsed it (POST handlers). */
  body: TBody
  requestId: string
  /** Stores a one-off message shown on the next page. */
  flash(message: string): Promise<void>
  /** Re-renders the form with a GOV.UK error summary: stores errors and inputs, redirects back. */
  formErrors(errors: Record<string, string>, values?: Record<string, unknown>, to?: string): Promise<void>
}

/** The form body a POST handler receives: the COMMAND's parsed input. */
type BodyOf<C> = C extends AnyCommand ? z.output<C['schema']> : never

export type PageHandler<TBody = unknown> = (
  req: Request,
  res: Response,
  ctx: PageContext<TBody>,
) => Promise<void> | void

/**
 * One controller per page, carrying its metadata. The router helper always adds
 * authentication -> permission check -> LA scope check -> (POST) CSRF + validation.
 */
export interface PageController<C extends AnyCommand | undefined = AnyCommand | undefined> {
  PAGE_NAME: string
  PATH: string
  /** 'public' pages need no sign-in (sign in, health). Everything else is denied unless the role has the permission. */
  REQUIRED_PERMISSION: Permission | 'public' | 'signed-in'
  /** Name of the route parameter holding an LA code (3-digit or ONS); the user must be allowed to see that LA. */
  LA_PARAM?: string
  GET?: PageHandler
  POST?: PageHandler<BodyOf<C>>
  /**
   * The command the form runs: its schema checks the form body (date inputs arrive as `<name>-day|month|year`), its
   * permission is the POST's (unless POST_PERMISSION says otherwise), and an InputError it throws goes back to the form.
   */
  COMMAND?: C
  /**
   * Multipart upload field (files arrive in req.file; with maxFiles over 1, on disk in req.files, removed when the
   * answer is sent unless the handler sets res.locals.keepUploads); CSRF token is then read from the multipart body.
   */
  UPLOAD?: { field: string; maxBytes: number; maxFiles?: number }
  /** Extra permission for POST, when it differs from the GET permission. */
  POST_PERMISSION?: Permission
  /**
   * The page holding the form, where a POST's validation errors send the person back to (from the route parameters).
   * Required for a POST without a GET: its own path would be a 404.
   */
  BACK?: (params: Record<string, string>) => string
  /**
   * A public GET that reads no session (the health check): answered by PROBE first, before the request log, the
   * security headers middleware and the session (see probe.ts), so a monitor polling it costs the store nothing but
   * what the page itself asks.
   */
  NO_SESSION?: true
  /** A NO_SESSION page's answer: its status and JSON body (written with precomputed headers, never cached). */
  PROBE?: (services: Services) => Promise<{ status: number; body: unknown }>
}

/** Declares a page; a POST without a validation schema, or without a GET or BACK to return to, fails at start-up. */
export function definePage<C extends AnyCommand | undefined = undefined>(page: PageController<C>): PageController {
  if (page.POST && !page.COMMAND)
    throw new Error(`Page ${page.PAGE_NAME} has a POST handler but no COMMAND: its command's schema checks the form`)
  if (page.COMMAND && isScopeCommand(page.COMMAND))
    throw new Error(`Page ${page.PAGE_NAME} runs ${page.COMMAND.name}, a machine client's command: use defineEndpoint`)
  if (page.NO_SESSION && (page.REQUIRED_PERMISSION !== 'public' || page.POST || page.GET || !page.PROBE))
    throw new Error(`Page ${page.PAGE_NAME} is NO_SESSION: it must be a public page answered by PROBE alone`)
  if (page.NO_SESSION && /[:*?(]/.test(page.PATH))
    throw new Error(`Page ${page.PAGE_NAME} is NO_SESSION: its path cannot have parameters`)
  if (page.PROBE && !page.NO_SESSION) throw new Error(`Page ${page.PAGE_NAME} has a PROBE: it must be NO_SESSION`)
  if (page.POST && !page.GET && !page.BACK)
    throw new Error(`Page ${page.PAGE_NAME} has a POST handler but no GET: declare BACK, the page holding its form`)
  return page as unknown as PageController
}

export interface MountDeps {
  services: Services
  resolveLa(code: string): Promise<string | undefined>
  upload(field: string, maxBytes: number, maxFiles?: number): RequestHandler
}

/** A GOV.UK date input posts `<name>-day`, `<name>-month`, `<name>-year`: folded into `<name>: { day, month, year }`. */
export function foldDateInputs(fields: Record<string, unknown>, names: string[]): Record<string, unknown> {
  const out = { ...fields }
  for (const name of names) {
    const parts = ['day', 'month', 'year'].map((p) => `${name}-${p}`)
    if (!parts.some((p) => p in out) && !(name in out)) continue
    if (parts.some((p) => p in out)) {
      out[name] = { day: out[parts[0]], month: out[parts[1]], year: out[parts[2]] }
      for (const p of parts) delete out[p]
    }
  }
  return out
}

/** Inputs never kept for the form to show again (they would be stored in the session). */
const SECRET = /password|^_csrf$/i

/** Errors as the session's flash keeps them: messages by field, in order, and each summary link. */
function flashErrors(errors: FieldError[]) {
  return {
    errors: Object.fromEntries(errors.map((e) => [e.field, e.message])),
    errorHrefs: Object.fromEntries(errors.map((e) => [e.field, e.href ?? `#${e.field.replace(/\./g, '-')}`])),
    // The store's JSON may reorder an object's keys: the summary's order travels as a list.
    errorSummary: errors.map((e) => ({ text: e.message, href: e.href ?? `#${e.field.replace(/\./g, '-')}` })),
  }
}

/** The POST's permission: definePage refused a command guarded by a token scope, so this is a role's or 'public'. */
const postPermission = (page: PageController) =>
  (page.POST_PERMISSION ?? page.COMMAND?.permission ?? page.REQUIRED_PERMISSION) as Permission | 'public' | 'signed-in'

/** Authentication -> permission -> LA scope: the checks every page's every method passes first. */
function pageGuard(page: PageController, deps: MountDeps) {
  return (permission: PageController['REQUIRED_PERMISSION']) =>
    async (req: Request, res: Response, next: NextFunction) => {
      const user = res.locals.user as Principal | undefined
      if (permission === 'public') return next()
      if (!user) {
        if (req.method === 'GET') return res.redirect(303, urls.signIn(req.originalUrl))
        return next(createError(401, 'You need to sign in'))
      }
      if (permission !== 'signed-in' && !can(user, permission)) return next(createError(403))
      if (page.LA_PARAM) {
        const raw = String(req.params[page.LA_PARAM] ?? '')
        const laCode = await deps.resolveLa(raw)
        // An LA-scoped user gets 403 for any LA outside their scope, known or not, so the response never reveals data.
        if (user.laScope !== null && (!laCode || !canSeeLa(user, laCode))) return next(createError(403))
        if (!laCode) return next(createError(404, `There is no local authority with the code ${raw}`))
        res.locals.laCode = laCode
      }
      next()
    }
}

/**
 * PAGE_NAME in the audit trail: every form whose submission went through (after the change it made, which has its own
 * event) and every view of a record (a page whose path has parameters: an LA, a plan, an item).
 */
function pageAudit(page: PageController, deps: MountDeps) {
  return async (req: Request, res: Response, action: 'page.view' | 'page.submit') => {
    const user = res.locals.user as Principal | undefined
    if (!user || (action === 'page.view' && !page.PATH.includes(':'))) return
    await deps.services.audit.record({
      actor: { id: user.id, name: user.username, role: user.role },
      action,
      subjectType: 'page',
      subjectId: page.PAGE_NAME,
      laCode: res.locals.laCode ?? null,
      after: { params: req.params },
      requestId: res.locals.requestId,
    })
  }
}

/**
 * The services refuse a record of an LA outside the actor's scope with this sentence. The guard has already let the
 * user see the LA in the URL, so the record addressed by id belongs elsewhere: answer as for an id that does not exist
 * (a 403 would tell them it exists in another LA).
 */
const OUT_OF_SCOPE = /do not have access to this local authority/

/** A handler for an LA-scoped user: a refusal for a record of another LA becomes the 404 a missing id gets. */
const hidingOtherLas =
  (fn: (req: Request, res: Response, next: NextFunction) => Promise<void> | void) =>
  async (req: Request, res: Response, next: NextFunction) => {
    try {
      await fn(req, res, next)
    } catch (err) {
      const user = res.locals.user as Principal | undefined
      const status = (err as { status?: unknown }).status
      const refused = err instanceof Error && (status === 403 || status === undefined) && OUT_OF_SCOPE.test(err.message)
      if (refused && user && user.laScope !== null && !res.headersSent) throw createError(404)
      throw err
    }
  }

const wrap =
  (fn: (req: Request, res: Response, next: NextFunction) => Promise<void> | void) =>
  (req: Request, res: Response, next: NextFunction) =>
    Promise.resolve(fn(req, res, next)).catch(next)

export function mountPage(router: Router, page: PageController, deps: MountDeps) {
  const guard = pageGuard(page, deps)
  const auditPage = pageAudit(page, deps)
  const context = (req: Request, res: Response, body: unknown): PageContext => ({
    services: deps.services,
    user: res.locals.user,
    laCode: res.locals.laCode,
    body,
    requestId: res.locals.requestId,
    flash: (message) => res.locals.session.setFlash({ message }),
    formErrors: async (errors, values, to) => {
      const listed = Object.entries(errors).map(([field, message]) => ({ field, message }))
      await sendBack(req, res, orderErrors(formSchema ?? z.object({}), listed), values, to)
    },
  })

  const formSchema = page.COMMAND?.schema
  const sendBack = async (req: Request, res: Response, errors: FieldError[], values: unknown, to?: string) => {
    const kept = Object.entries((values ?? req.body ?? {}) as Record<string, unknown>).filter(([k]) => !SECRET.test(k))
    await res.locals.session.setFlash({ ...flashErrors(errors), values: Object.fromEntries(kept) })
    res.redirect(303, to ?? req.originalUrl)
  }

  if (page.GET) {
    const get = page.GET
    router.get(
      page.PATH,
      wrap(guard(page.REQUIRED_PERMISSION)),
      wrap(
        hidingOtherLas(async (req, res) => {
          res.locals.pageName = page.PAGE_NAME
          await auditPage(req, res, 'page.view')
          await get(req, res, context(req, res, undefined))
        }),
      ),
    )
  }
  if (page.POST) {
    const post = page.POST
    const schema = formSchema!
    const dates = dateFields(schema)
    const permission = postPermission(page)
    const handlers: RequestHandler[] = [wrap(guard(permission))]
    if (page.UPLOAD) handlers.push(deps.upload(page.UPLOAD.field, page.UPLOAD.maxBytes, page.UPLOAD.maxFiles))
    handlers.push(
      wrap(
        hidingOtherLas(async (req, res, next) => {
          res.locals.verifyCsrf(req)
          const { _csrf: _ignored, ...fields } = (req.body ?? {}) as Record<string, unknown>
          const parsed = parseInput(schema, foldDateInputs(fields, dates))
          const back = page.BACK?.(req.params as Record<string, string>)
          if (!parsed.ok) return sendBack(req, res, parsed.errors, fields, back)
          res.locals.pageName = page.PAGE_NAME
          try {
            await post(req, res, context(req, res, parsed.input))
          } catch (err) {
            if (!(err instanceof InputError) || res.headersSent) throw err
            return sendBack(req, res, orderErrors(schema, err.errors), fields, back)
          }
          await auditPage(req, res, 'page.submit')
          void next
        }),
      ),
    )
    router.post(page.PATH, ...handlers)
  }
}
