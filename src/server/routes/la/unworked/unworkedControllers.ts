import type { Response } from 'express'
import createError from 'http-errors'
import type { Principal } from '../../../../engine/access/permissions.ts'
import { toCsv } from '../../../../engine/csv.ts'
import {
  PRIORITY_RULE,
  REASONS,
  type UnworkedChild,
  type UnworkedList,
} from '../../../../engine/casework/unworked/index.ts'
import { AGE_BANDS, insightService } from '../../../../services/casework/insightService.ts'
import { CaseworkInputError } from '../../../../services/casework/caseworkService.ts'
import { MIN_REASON } from '../../../../services/casework/insightViews.ts'
import type { PageContext } from '../../page.ts'
import { definePage } from '../../page.ts'
import { urls } from '../../../urls.ts'
import {
  filtered,
  keptContent,
  LABEL,
  listView,
  PAGE_SIZE,
  pageNumber,
  pageWindow,
  paginationItems,
  unworkedFilter,
  type PageWindow,
  type UnworkedFilter,
} from './unworkedListView.ts'

/**
 * The children whose risk has not been assessed or acted on in time, for the LA's own users ('casework:view'), with
 * filters, pages of PAGE_SIZE children (the counts, totals and filter choices always over the whole list), CSV/XLSX
 * downloads of every child the filters match (never one page), and each child's timeline (every view audited with
 * who and why).
 */
const laNameOf = async (ctx: PageContext) =>
  (await ctx.services.laProfiles.profile(ctx.laCode!))?.la.name ?? ctx.laCode!

async function listFor(ctx: PageContext, f: UnworkedFilter) {
  const u = await insightService(ctx.services.casework).unworked(ctx.laCode!)
  return { u, children: filtered(u, f) }
}

const describe = (c: UnworkedChild) =>
  c.reasons.map((r) => `${LABEL.get(r.reason)} (${r.daysOverdue} ${r.unit} overdue)`).join('; ')

/** The page's parts worked out from the whole list (never from one page of it): counts, filter choices. */
function wholeList(u: UnworkedList, filter: UnworkedFilter) {
  const v = listView(u)
  return {
    asAt: u.asAt,
    total: u.children.length,
    counts: REASONS.map((r) => ({
      id: r.id,
      label: r.label,
      tier: r.tier,
      standard: r.standard,
      items: u.counts[r.id],
    })),
    unavailable: u.unavailable.map((x) => ({ ...x, label: LABEL.get(x.reason) })),
    reasons: REASONS.map((r) => ({ value: r.id, text: r.label, selected: r.id === filter.reason })),
    teams: v.teams,
    workers: v.workers,
    ages: AGE_BANDS.map((b) => b.label),
  }
}

/** One page of children: its rows, and the GOV.UK pagination with the filters kept in every link. */
function onePage(la: string, children: UnworkedChild[], w: PageWindow, filter: UnworkedFilter) {
  const href = (n: number) => urls.laUnworked(la, { ...filter, page: n === 1 ? undefined : String(n) })
  return {
    window: w,
    pagination: w.pages > 1 ? paginationItems(w.page, w.pages, href) : undefined,
    children: children.slice(w.from ? w.from - 1 : 0, w.to).map((c) => ({
      ...c,
      reasons: c.reasons.map((r) => ({ ...r, label: LABEL.get(r.reason) })),
      href: urls.laChild(la, c.childId),
    })),
  }
}

/** A page that does not exist, in words, with a link to one that does (400 for a non-number, 404 past the end). */
function noSuchPage(la: string, filter: UnworkedFilter, count: number, asked: ReturnType<typeof pageNumber>) {
  const pages = Math.max(1, Math.ceil(count / PAGE_SIZE))
  if ('error' in asked)
    return {
      status: asked.status,
      pageError: asked.error,
      pageErrorHref: urls.laUnworked(la, { ...filter }),
      pageErrorLink: 'Go to the first page',
    }
  const n = count.toLocaleString('en-GB')
  const pageError = !count
    ? `There is no page ${asked.page}: no children match, so there is only the first page.`
    : `There is no page ${asked.page}: the ${n} ${count === 1 ? 'child listed fills' : 'children listed fill'} ${pages === 1 ? '1 page' : `${pages} pages`} of ${PAGE_SIZE}.`
  return {
    status: 404,
    pageError,
    pageErrorHref: urls.laUnworked(la, { ...filter, page: pages === 1 ? undefined : String(pages) }),
    pageErrorLink: pages === 1 ? 'Go to the first page' : `Go to the last page (page ${pages})`,
  }
}

const CONTENT = 'pages/la/unworked/_content.njk'
/** The page's content rendered to a string (the layout is rendered around it, per request). */
const renderContent = (res: Response, locals: object) =>
  new Promise<string>((resolve, reject) =>
    res.app.render(CONTENT, locals, (err: Error | null, html?: string) => (err ? reject(err) : resolve(html ?? ''))),
  )

export const unworkedPage = definePage({
  PAGE_NAME: 'la-unworked',
  PATH: '/la/:la/unworked',
  REQUIRED_PERMISSION: 'casework:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const la = ctx.laCode!
    const filter = unworkedFilter(req.query)
    const base = { laCode: la, laName: await laNameOf(ctx), filter, priorityRule: PRIORITY_RULE }
    const page = (locals: object) => res.render('pages/la/unworked/index.njk', { ...base, ...locals })
    let data
    try {
      data = await listFor(ctx, filter)
    } catch (err) {
      if (!(err instanceof CaseworkInputError)) throw err
      page({ content: await renderContent(res, { ...base, message: err.message }) })
      return
    }
    const { u, children } = data
    const whole = () => ({
      ...base,
      ...wholeList(u, filter),
      shown: children.length,
      csvHref: urls.laUnworkedExport(la, 'csv', { ...filter }),
      xlsxHref: urls.laUnworkedExport(la, 'xlsx', { ...filter }),
    })
    const asked = pageNumber(req.query.page)
    const w = 'page' in asked ? pageWindow(children.length, asked.page) : undefined
    if (!w) {
      const { status, ...error } = noSuchPage(la, filter, children.length, asked)
      res.status(status)
      page({ content: await renderContent(res, { ...whole(), ...error }) })
      return
    }
    const content = await keptContent(u, filter, w.page, () =>
      renderContent(res, { ...whole(), ...onePage(la, children, w, filter) }),
    )
    page({ window: w, content })
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
