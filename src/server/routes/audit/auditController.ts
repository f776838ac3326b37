import { definePage } from '../page.ts'

const PAGE_SIZE = 50

/** Administrators' view of the hash-chained audit trail, newest first, with a chain check. */
export default definePage({
  PAGE_NAME: 'audit',
  PATH: '/audit',
  REQUIRED_PERMISSION: 'audit:view',
  async GET(req, res, ctx) {
    const page = Math.max(1, Number.parseInt(String(req.query.page ?? '1'), 10) || 1)
    const la = typeof req.query.la === 'string' && /^\d{3}$/.test(req.query.la) ? req.query.la : undefined
    const action = typeof req.query.action === 'string' ? req.query.action.slice(0, 60) : undefined
    const events = await ctx.services.audit.list({
      limit: PAGE_SIZE + 1,
      offset: (page - 1) * PAGE_SIZE,
      laCode: la,
      action,
    })
    const verification = await ctx.services.audit.verify()
    res.render('pages/audit/index.njk', {
      events: events.slice(0, PAGE_SIZE),
      hasNext: events.length > PAGE_SIZE,
      page,
      filters: { la, action },
      verification,
    })
  },
})
