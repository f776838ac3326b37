import crypto from 'node:crypto'
import { describeStanding, standingOn, type Standing } from '../../../engine/intervention/events.ts'
import { definePage, type PageContext } from '../page.ts'
import type { Request } from 'express'
import { cachedFragment } from '../../fragments.ts'
import { changeVersion, sendCachedPage } from '../../pageCache.ts'
import { RUNG_LABELS, today } from '../la/intervention/interventionPage.ts'

/**
 * One row per LA: its two facts on the date (in words, exactly as the LA's own page says them), the recommended rung and
 * its overdue commitments. An LA with nothing on the register reads as the engine reads an empty register.
 */
async function rowsFor(ctx: PageContext, asAt: string) {
  const overview = await ctx.services.laProfiles.overview()
  const visible = overview.las.filter((l) => ctx.user.laScope === null || ctx.user.laScope.includes(l.laCode))
  const register = ctx.services.interventionRegister
  const [open, standings] = await Promise.all([
    register.commitments({ laCodes: ctx.user.laScope, openOnly: true }),
    register.standings(asAt),
  ])
  const overdue = open.filter((c) => c.dueDate < asAt)
  const assessments = await ctx.services.intervention.assessAllCached({ las: visible.map((l) => l.laCode), asAt })
  const rows = []
  for (const la of visible) {
    const a = assessments.get(la.laCode)!
    const standing: Standing = standings.get(la.laCode) ?? standingOn([], asAt)
    const laOverdue = overdue.filter((c) => c.laCode === la.laCode).length
    rows.push({
      laCode: la.laCode,
      name: la.name,
      region: la.region,
      grade: la.latestGrade,
      gradeDate: la.latestDate,
      standing,
      status: describeStanding(standing),
      recommendation: a.recommendation,
      overdue: laOverdue,
      watched:
        a.recommendation !== 'none' ||
        laOverdue > 0 ||
        standing.intervention.kind !== 'none' ||
        standing.delivery.kind !== 'in-house',
    })
  }
  return { rows, overdueCount: overdue.length }
}

/** National dashboard: every LA's intervention and delivery, recommendation and overdue commitments, and a watch list. */
export default definePage({
  PAGE_NAME: 'intervention-dashboard',
  PATH: '/interventions',
  REQUIRED_PERMISSION: 'intervention:view',
  async GET(req, res, ctx) {
    const asAt = today()
    // The store's change count (read with the session: the register's events, people and commitments) and the public
    // data's version, read before the rows: the whole page is kept per both, the date and the user's LA scope.
    const version = await changeVersion(res, () => ctx.services.laProfiles.version())
    await sendCachedPage(req, res, 'pages/interventions/index.njk', { version, key: asAt }, () =>
      dashboardLocals(req, ctx, asAt),
    )
  },
})

async function dashboardLocals(req: Request, ctx: PageContext, asAt: string) {
  const { rows, overdueCount } = await rowsFor(ctx, asAt)
  // The tables are made only from the rows (already cut to the user's LA scope): rendered once for each distinct set
  // of rows, found by a hash of everything the template reads from them, so a change to any row renders them again.
  const shown = rows.map((r) => [
    r.laCode,
    r.name,
    r.region,
    r.grade,
    r.gradeDate,
    r.status,
    r.recommendation,
    r.overdue,
    r.watched,
  ])
  const key = crypto.createHash('sha256').update(JSON.stringify(shown)).digest('base64url')
  const watch = rows.filter((r) => r.watched)
  const tablesHtml = await cachedFragment(
    req.app,
    'interventions-tables',
    { version: asAt, key },
    'pages/interventions/_tables.njk',
    () => ({
      rows,
      watch: rows.filter((r) => r.watched),
      rungLabels: RUNG_LABELS,
    }),
  )
  return { tablesHtml, rows, watch, asAt, overdueCount }
}
