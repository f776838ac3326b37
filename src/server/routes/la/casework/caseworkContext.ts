import type { Request } from 'express'
import createError from 'http-errors'
import type { Principal } from '../../../../engine/access/permissions.ts'
import type { Actor } from '../../../../services/auditService.ts'
import type { QualityFilter } from '../../../../services/casework/qualityReport.ts'
import type { PageContext } from '../../page.ts'

/**
 * What the LA's casework pages share. Those pages: upload returns (several files at once, read in the background with
 * a status page that refreshes itself), the snapshot list, and each snapshot's data-quality report with filters and
 * downloads. Child IDs appear in the report, so every page is for the LA's own users only ('casework:*', LA-scoped).
 */

export const actorOf = (user: Principal): Actor => ({ id: user.id, name: user.username, role: user.role })
export const laNameOf = async (ctx: PageContext) =>
  (await ctx.services.laProfiles.profile(ctx.laCode!))?.la.name ?? ctx.laCode!

/**
 * The version and key of a page made from the LA's casework and the register (its name, published figures): the
 * register's data version, and the LA with its casework store's change stamp. No version while an upload or API request
 * is under way: such a page is rendered afresh and not kept.
 */
export async function caseworkPageVersion(ctx: PageContext, ...more: unknown[]) {
  const stamp = (await ctx.services.casework.storeFor(ctx.laCode!)).changeStamp()
  const version = stamp === null ? undefined : await ctx.services.laProfiles.version()
  return { version, key: [ctx.laCode, stamp, ...more] }
}

export async function snapshotOf(req: Request, ctx: PageContext) {
  const id = Number(req.params.snapshot)
  if (!Number.isInteger(id) || id <= 0) throw createError(404)
  const snapshot = await ctx.services.casework.snapshot(ctx.laCode!, id)
  if (!snapshot) throw createError(404, `There is no casework snapshot ${id} for this local authority`)
  return snapshot
}

/** The filters of the data-quality page from its query string; anything else is ignored. */
export function qualityFilter(query: Request['query']): QualityFilter {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 200) : undefined)
  const severity = query.severity === 'error' || query.severity === 'warning' ? query.severity : undefined
  return { severity, source: text(query.source), sheet: text(query.sheet), q: text(query.q) }
}
