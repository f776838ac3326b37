import type { Request } from 'express'
import createError from 'http-errors'
import type { Principal } from '../../../../engine/access/permissions.ts'
import { InputError } from '../../../../services/commands/command.ts'
import { PlanConflictError, PlanForbiddenError, PlanNotFoundError } from '../../../../services/planErrors.ts'
import type { PlanActor } from '../../../../services/plans/index.ts'
import type { PageContext } from '../../page.ts'

/** The signed-in user as the plan services' actor (with their LA scope, checked again in the service). */
export function actorOf(user: Principal): PlanActor {
  return { id: user.id, name: user.username, role: user.role, laScope: user.laScope, isAdmin: user.isAdmin }
}

/** A numeric route parameter; anything else is a 404. */
export function idParam(req: Request, name: string): number {
  const v = Number(req.params[name])
  if (!Number.isInteger(v) || v <= 0) throw createError(404)
  return v
}

const ISO = /^\d{4}-\d{2}-\d{2}$/
/** ?asAt=YYYY-MM-DD, default today. */
export function asAtQuery(req: Request): string {
  const v = typeof req.query.asAt === 'string' ? req.query.asAt : ''
  return ISO.test(v) && !Number.isNaN(Date.parse(v)) ? v : new Date().toISOString().slice(0, 10)
}

/** Plan service errors at the HTTP edge: missing -> 404, not allowed -> 403. */
export function asHttp(err: unknown): never {
  if (err instanceof PlanNotFoundError) throw createError(404, err.message)
  if (err instanceof PlanForbiddenError) throw createError(403, err.message)
  throw err
}

/** Loads the plan as at a date and checks it belongs to the LA in the URL. */
export async function planFor(req: Request, ctx: PageContext, asAt?: string) {
  return (await planViewFor(req, ctx, asAt)).model
}

/** The plan as at a date (checked against the LA in the URL) and the version of it, for what a page caches. */
export async function planViewFor(req: Request, ctx: PageContext, asAt?: string) {
  const planId = idParam(req, 'plan')
  // Demo mode: an untouched seeded story is shown as at its own date unless the page asks for another (and says so).
  const asked = typeof req.query.asAt === 'string' && req.query.asAt !== ''
  // The store's change count as the session lookup read it, before anything else of the request: the plan's caches
  // ask the store nothing while it has not moved. Only for a GET: a form's handler may read the plan after its own
  // change, which that count does not show.
  const change = req.method === 'GET' ? (req.res?.locals.dataChange as string | undefined) : undefined
  const story = !asked && req.method === 'GET' ? await ctx.services.demoStory.asAtFor(planId, change) : undefined
  if (story && req.res) req.res.locals.demoStoryDate = story
  const view = await ctx.services.planViews.planView(planId, actorOf(ctx.user), story ?? asAt, change).catch(asHttp)
  if (view.model.plan.laCode !== ctx.laCode) throw createError(404)
  return view
}

/** An LA's open plans, its imported reports and its name: what the plans page and the add-report page both show. */
export async function laPlansAndReports(ctx: PageContext) {
  const actor = actorOf(ctx.user)
  const [plans, reports, profile] = await Promise.all([
    ctx.services.planViews.listPlans(actor, ctx.laCode),
    ctx.services.planViews.reportsForLa(ctx.laCode!, actor).catch(asHttp),
    ctx.services.laProfiles.profile(ctx.laCode!),
  ])
  return { plans, reports, laName: profile?.la.name ?? ctx.laCode }
}

/**
 * Runs a plan command from a form. Bad input goes back to the form as a GOV.UK error; an edit conflict goes back with the
 * other person's change in the error summary and the user's own values kept in the form, so nothing is lost.
 */
export async function formCommand(
  ctx: PageContext,
  run: () => Promise<unknown>,
  back: string,
  values?: Record<string, unknown>,
): Promise<boolean> {
  try {
    await run()
    return true
  } catch (err) {
    if (err instanceof InputError) {
      await ctx.formErrors(Object.fromEntries(err.errors.map((e) => [e.field, e.message])), values, back)
      return false
    }
    if (err instanceof PlanConflictError) {
      await ctx.formErrors(
        { form: err.message },
        { ...values, version: String(err.currentVersion), conflict: err.changes },
        back,
      )
      return false
    }
    return asHttp(err)
  }
}

/** What a plan command runs over, from a page: the plan services' kernel and the record the URL names. */
export function planDeps<T>(ctx: PageContext, on: T) {
  return { ...ctx.services.plans.deps, on }
}
