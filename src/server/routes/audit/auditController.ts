import type { Request } from 'express'
import { verifyTrailCommand } from '../../../services/commands/audit/verifyTrail.ts'
import { urls } from '../../urls.ts'
import { definePage } from '../page.ts'

const PAGE_SIZE = 50

/** ?before= / ?after=: an event id, else undefined (the newest page). */
function idQuery(req: Request, name: string): number | undefined {
  const v = req.query[name]
  return typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : undefined
}

/**
 * Administrators' view of the hash-chained audit trail, newest first, 50 events a page by keyset on the event id. Each
 * view checks the events written since the last verified checkpoint (and the newest anchor); the whole trail is checked
 * on request (the POST) or by `sightline audit verify`.
 */
export default definePage({
  PAGE_NAME: 'audit',
  PATH: '/audit',
  REQUIRED_PERMISSION: 'audit:view',
  COMMAND: verifyTrailCommand,
  async GET(req, res, ctx) {
    const la = typeof req.query.la === 'string' && /^\d{3}$/.test(req.query.la) ? req.query.la : undefined
    const action = typeof req.query.action === 'string' ? req.query.action.slice(0, 60) || undefined : undefined
    const before = idQuery(req, 'before')
    const after = before === undefined ? idQuery(req, 'after') : undefined
    const page = await ctx.services.audit.page({ laCode: la, action }, { before, after }, PAGE_SIZE)
    const check = await ctx.services.audit.checkRecent()
    res.render('pages/audit/index.njk', {
      events: page.rows,
      newerFrom: page.newerFrom,
      olderFrom: page.olderFrom,
      paged: before !== undefined || after !== undefined,
      filters: { la, action },
      check,
    })
  },
  /** "Verify the whole trail": every event from the first, and every anchor; then the head is anchored. */
  async POST(_req, res, ctx) {
    const result = await verifyTrailCommand.run(ctx.services, ctx.body, undefined)
    await ctx.flash(
      result.break
        ? `The whole trail was checked: it is broken at event ${result.break.id}.`
        : `The whole trail was checked: all ${result.checked.toLocaleString('en-GB')} events match their hashes` +
            (result.anchors
              ? ` and the ${result.anchors.toLocaleString('en-GB')} anchors kept outside the store.`
              : '.'),
    )
    res.redirect(303, urls.audit())
  },
})
