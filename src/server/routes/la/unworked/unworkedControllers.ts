import type { Request } from 'express'
import createError from 'http-errors'
import type { Principal } from '../../../../engine/access/permissions.ts'
import { toCsv } from '../../../../engine/csv.ts'
import { PRIORITY_RULE, REASONS, type UnworkedChild } from '../../../../engine/casework/unworked/index.ts'
import { AGE_BANDS, insightService } from '../../../../services/casework/insightService.ts'
import { CaseworkInputError } from '../../../../services/casework/caseworkService.ts'
import { MIN_REASON } from '../../../../services/casework/insightViews.ts'
import type { PageContext } from '../../page.ts'
import { definePage } from '../../page.ts'
import { urls } from '../../../urls.ts'

/**
 * The children whose risk has not been assessed or acted on in time, for the LA's own users ('casework:view'), with
 * filters and CSV/XLSX downloads, and each child's timeline (every view audited with who and why).
 */
const PAGE_SIZE = 100
const LABEL = new Map(REASONS.map((r) => [r.id, r.label]))
const laNameOf = async (ctx: PageContext) =>
  (await ctx.services.laProfiles.profile(ctx.laCode!))?.la.name ?? ctx.laCode!
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 100) : undefined)

export interface UnworkedFilter {
  reason?: string
  team?: string
  worker?: string
  age?: string
}
export function unworkedFilter(q: Request['query']): UnworkedFilter {
  const reason = text(q.reason)
  const age = text(q.age)
  return {
    reason: reason && LABEL.has(reason) ? reason : undefined,
    team: text(q.team),
    worker: text(q.worker),
    age: age && AGE_BANDS.some((b) => b.label === age) ? age : undefined,
  }
}
const bandOf = (a: number | null) => (a === null ? undefined : AGE_BANDS.find((b) => a <= b.max)?.label)
const matches = (f: UnworkedFilter) => (c: UnworkedChild) =>
  (!f.reason || c.reasons.some((r) => r.reason === f.reason)) &&
  (!f.team || c.team === f.team) &&
  (!f.worker || c.worker === f.worker) &&
  (!f.age || bandOf(c.ageYears) === f.age)

async function listFor(ctx: PageContext, f: UnworkedFilter) {
  const u = await insightService(ctx.services.casework).unworked(ctx.laCode!)
  return { u, children: u.children.filter(matches(f)) }
}

const describe = (c: UnworkedChild) =>
  c.reasons.map((r) => `${LABEL.get(r.reason)} (${r.daysOverdue} ${r.unit} overdue)`).join('; ')

export const unworkedPage = definePage({
  PAGE_NAME: 'la-unworked',
  PATH: '/la/:la/unworked',
  REQUIRED_PERMISSION: 'casework:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const filter = unworkedFilter(req.query)
    const base = { laCode: ctx.laCode, laName: await laNameOf(ctx), filter, priorityRule: PRIORITY_RULE }
    let data
    try {
      data = await listFor(ctx, filter)
    } catch (err) {
      if (!(err instanceof CaseworkInputError)) throw err
      res.render('pages/la/unworked/index.njk', { ...base, message: err.message })
      return
    }
    const { u, children } = data
    const page = Math.max(1, Number.parseInt(String(req.query.page ?? '1'), 10) || 1)
    const pages = Math.max(1, Math.ceil(children.length / PAGE_SIZE))
    const q = { ...filter }
    res.render('pages/la/unworked/index.njk', {
      ...base,
      asAt: u.asAt,
      total: u.children.length,
      shown: children.length,
      children: children.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((c) => ({
        ...c,
        reasons: c.reasons.map((r) => ({ ...r, label: LABEL.get(r.reason) })),
        href: urls.laChild(ctx.laCode!, c.childId),
      })),
      counts: REASONS.map((r) => ({
        id: r.id,
        label: r.label,
        tier: r.tier,
        standard: r.standard,
        items: u.counts[r.id],
      })),
      unavailable: u.unavailable.map((x) => ({ ...x, label: LABEL.get(x.reason) })),
      reasons: REASONS.map((r) => ({ value: r.id, text: r.label, selected: r.id === filter.reason })),
      teams: [...new Set(u.children.map((c) => c.team).filter(Boolean))].sort(),
      workers: [...new Set(u.children.map((c) => c.worker).filter(Boolean))].sort(),
      ages: AGE_BANDS.map((b) => b.label),
      page,
      pages,
      prevHref: page > 1 ? urls.laUnworked(ctx.laCode!, { ...q, page: String(page - 1) }) : '',
      nextHref: page < pages ? urls.laUnworked(ctx.laCode!, { ...q, page: String(page + 1) }) : '',
      csvHref: urls.laUnworkedExport(ctx.laCode!, 'csv', q),
      xlsxHref: urls.laUnworkedExport(ctx.laCode!, 'xlsx', q),
    })
  },
})

const HEADINGS = ['Priority', 'Child ID', 'Age', 'Stage', 'Team', 'Worker', 'Days overdue', 'Reasons']
const row = (c: UnworkedChild) => ({
  priority: c.priority,
  childId: c.childId,
  age: c.ageYears,
  stage: c.stage ?? '',
  team: c.team ?? '',
  worker: c.worker ?? '',
  days: c.daysOverdue,
  reasons: describe(c),
})
const COLUMNS = ['priority', 'childId', 'age', 'stage', 'team', 'worker', 'days', 'reasons'] as const

function unworkedExport(format: 'csv' | 'xlsx') {
  return definePage({
    PAGE_NAME: `la-unworked-${format}`,
    PATH: `/la/:la/unworked.${format}`,
    REQUIRED_PERMISSION: 'casework:view',
    LA_PARAM: 'la',
    async GET(req, res, ctx) {
      const filter = unworkedFilter(req.query)
      const { u, children } = await listFor(ctx, filter).catch((err) => {
        throw err instanceof CaseworkInputError ? createError(404, err.message) : err
      })
      await ctx.services.audit.record({
        actor: actorOf(ctx.user),
        action: 'casework.unworked.export',
        laCode: ctx.laCode!,
        after: { format, children: children.length, filter },
      })
      const name = `unworked-${ctx.laCode}-${u.asAt}.${format}`
      res.setHeader('Content-Disposition', `attachment; filename="${name}"`)
      if (format === 'csv') {
        res.setHeader('Content-Type', 'text/csv; charset=utf-8')
        res.send(toCsv(children.map(row), [...COLUMNS], HEADINGS))
        return
      }
      const wb = new (await import('exceljs')).default.Workbook()
      const ws = wb.addWorksheet('Unworked demand')
      ws.addRow(HEADINGS).font = { bold: true }
      for (const c of children) ws.addRow(COLUMNS.map((k) => row(c)[k]))
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      res.send(Buffer.from(await wb.xlsx.writeBuffer()))
    },
  })
}

const actorOf = (user: Principal) => ({ id: user.id, name: user.username, role: user.role })

/** A child's timeline (the ID in the query, so the page-view audit never holds it): asks why first; the view is audited (who, why, a keyed reference to the child) before it shows. */
export const childTimelinePage = definePage({
  PAGE_NAME: 'la-child-timeline',
  PATH: '/la/:la/unworked/child',
  REQUIRED_PERMISSION: 'casework:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const childId = typeof req.query.child === 'string' ? req.query.child.trim().slice(0, 50) : ''
    if (!childId) throw createError(404, 'Choose a child from the list of children waiting')
    const reason = typeof req.query.reason === 'string' ? req.query.reason : undefined
    const base = { laCode: ctx.laCode, laName: await laNameOf(ctx), childId, minReason: MIN_REASON }
    if (reason === undefined) {
      res.render('pages/la/unworked/child.njk', base)
      return
    }
    try {
      const t = await ctx.services.insight.childTimeline(ctx.laCode!, childId, actorOf(ctx.user), reason)
      if (!t.events.length) throw createError(404, 'This child is not in the current casework snapshot')
      res.render('pages/la/unworked/child.njk', { ...base, reason, ...t })
    } catch (err) {
      if (!(err instanceof CaseworkInputError)) throw err
      res.status(400).render('pages/la/unworked/child.njk', { ...base, reason, error: err.message })
    }
  },
})

export const unworkedPages = [unworkedPage, unworkedExport('csv'), unworkedExport('xlsx'), childTimelinePage]
