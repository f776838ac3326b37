import type { Response } from 'express'
import {
  PRIORITY_RULE,
  REASONS,
  type UnworkedChild,
  type UnworkedList,
} from '../../../../engine/casework/unworked/index.ts'
import { AGE_BANDS } from '../../../../services/casework/insightService.ts'
import { CaseworkInputError } from '../../../../services/casework/caseworkService.ts'
import { renderToString } from '../../../fragments.ts'
import { definePage } from '../../page.ts'
import { urls } from '../../../urls.ts'
import {
  filterKey,
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
import { laNameOf, listFor } from './unworkedContext.ts'
import { caseworkPageVersion } from '../casework/caseworkContext.ts'
import { sendCachedPage } from '../../../pageCache.ts'

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
const renderContent = (res: Response, locals: object) => renderToString(res.app, CONTENT, locals)

export default definePage({
  PAGE_NAME: 'la-unworked',
  PATH: '/la/:la/unworked',
  REQUIRED_PERMISSION: 'casework:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const la = ctx.laCode!
    const filter = unworkedFilter(req.query)
    const asked = pageNumber(req.query.page)
    // The whole page is kept until an upload or API request starts or ends (the list changes only then): the version is
    // read before the list, so a page is never kept under a newer version than the list it shows.
    const { version, key } = await caseworkPageVersion(ctx, filterKey(filter), 'page' in asked ? asked.page : null)
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
    const w = 'page' in asked ? pageWindow(children.length, asked.page) : undefined
    if (!w) {
      const { status, ...error } = noSuchPage(la, filter, children.length, asked)
      res.status(status)
      page({ content: await renderContent(res, { ...whole(), ...error }) })
      return
    }
    await sendCachedPage(req, res, 'pages/la/unworked/index.njk', { version, key }, async () => ({
      ...base,
      window: w,
      content: await keptContent(u, filter, w.page, () =>
        renderContent(res, { ...whole(), ...onePage(la, children, w, filter) }),
      ),
    }))
  },
})
