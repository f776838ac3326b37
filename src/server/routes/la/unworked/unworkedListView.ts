import type { Request } from 'express'
import { REASONS, type UnworkedChild, type UnworkedList } from '../../../../engine/casework/unworked/index.ts'
import { AGE_BANDS } from '../../../../services/casework/insightService.ts'

/**
 * The children-waiting page's view of a snapshot's unworked list: its filters, its pages (offset pages over the
 * list's priority order, which is fixed for a snapshot), and what is worked out once per list and kept with it (the
 * teams and workers to filter by, each filter's children), so a page request only slices.
 */
export const PAGE_SIZE = 50
export const LABEL = new Map(REASONS.map((r) => [r.id, r.label]))
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

/** What is kept with one list: its teams and workers, and the children of the filters asked for lately. */
interface ListView {
  teams: string[]
  workers: string[]
  filtered: Map<string, UnworkedChild[]>
  /** Rendered page contents, by filter and page number. */
  contents: Map<string, Promise<string>>
}
/** Keyed by the list's children (the service hands out a fresh object around the same kept list each time). */
const views = new WeakMap<UnworkedChild[], ListView>()
const KEEP_FILTERS = 50
const KEEP_CONTENTS = 100
const distinct = (xs: Array<string | null>) => [...new Set(xs.filter((x): x is string => !!x))].sort()

/** The list's view, made once per list (a snapshot's list is itself computed once: insightService). */
export function listView(u: UnworkedList): ListView {
  let v = views.get(u.children)
  if (!v) {
    v = {
      teams: distinct(u.children.map((c) => c.team)),
      workers: distinct(u.children.map((c) => c.worker)),
      filtered: new Map(),
      contents: new Map(),
    }
    views.set(u.children, v)
  }
  return v
}

export const filterKey = (f: UnworkedFilter) => JSON.stringify([f.reason, f.team, f.worker, f.age])

/** The children matching a filter, in priority order; the list itself when there is no filter. */
export function filtered(u: UnworkedList, f: UnworkedFilter): UnworkedChild[] {
  if (!f.reason && !f.team && !f.worker && !f.age) return u.children
  const v = listView(u)
  const key = filterKey(f)
  let children = v.filtered.get(key)
  if (!children) {
    children = u.children.filter(matches(f))
    v.filtered.set(key, children)
    if (v.filtered.size > KEEP_FILTERS) v.filtered.delete(v.filtered.keys().next().value!)
  }
  return children
}

export type PageNumber = { page: number } | { error: string; status: 400 }

/** The page asked for: absent or empty is page 1; anything but a whole number from 1 is refused in words. */
export function pageNumber(raw: unknown): PageNumber {
  if (raw === undefined || raw === '') return { page: 1 }
  const s = typeof raw === 'string' ? raw.trim() : ''
  if (!/^\d{1,15}$/.test(s) || Number(s) < 1)
    return {
      status: 400,
      error: `"${String(Array.isArray(raw) ? raw.join(',') : raw).slice(0, 20)}" is not a page number: pages are numbered from 1.`,
    }
  return { page: Number(s) }
}

export interface PageWindow {
  page: number
  pages: number
  /** 1-based positions of the first and last child shown (0 and 0 when there are none). */
  from: number
  to: number
  count: number
}

/** Which children a page shows; a page beyond the last is undefined (the caller says so). */
export function pageWindow(count: number, page: number, size = PAGE_SIZE): PageWindow | undefined {
  const pages = Math.max(1, Math.ceil(count / size))
  if (page > pages) return undefined
  return { page, pages, count, from: count ? (page - 1) * size + 1 : 0, to: Math.min(count, page * size) }
}

/**
 * The GOV.UK pagination component's items for page `page` of `pages`: the first and last pages, the current page and
 * its neighbours, and an ellipsis for each gap of more than one page.
 */
export function paginationItems(page: number, pages: number, href: (n: number) => string) {
  const shown = [...new Set([1, page - 1, page, page + 1, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b)
  const items: Array<{ number?: number; href?: string; current?: boolean; ellipsis?: boolean }> = []
  for (const [i, n] of shown.entries()) {
    const gap = i > 0 ? n - shown[i - 1] : 1
    if (gap === 2) items.push({ number: n - 1, href: href(n - 1) })
    else if (gap > 2) items.push({ ellipsis: true })
    items.push({ number: n, href: href(n), current: n === page })
  }
  return {
    items,
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pages ? { href: href(page + 1) } : undefined,
  }
}

/**
 * A page's rendered content (everything but the layout), made once per list, filter and page: the list of a snapshot
 * never changes, and what the content shows is the list's alone (no user, no form token). The oldest is let go past
 * KEEP_CONTENTS; a failed render is not kept.
 */
export function keptContent(u: UnworkedList, f: UnworkedFilter, page: number, render: () => Promise<string>) {
  const v = listView(u)
  const key = `${filterKey(f)}#${page}`
  let content = v.contents.get(key)
  if (!content) {
    content = render()
    content.catch(() => v.contents.delete(key))
    v.contents.set(key, content)
    if (v.contents.size > KEEP_CONTENTS) v.contents.delete(v.contents.keys().next().value!)
  }
  return content
}
