import crypto from 'node:crypto'
import type { Request, Response } from 'express'
import nunjucks from 'nunjucks'
import type { Principal } from '../engine/access/permissions.ts'
import { fragmentCache } from './fragments.ts'

/**
 * Whole pages rendered once per data version and reused, with only what belongs to one request put in each time: the
 * user's name and title and the CSRF token. A page belongs here when everything else it shows comes from data that
 * `at.version` names (the public data's version for the risk ranking), from the query (`at.key`) and from what the
 * cache adds to the key itself: the view, the path, the user's role, admin flag and LA scope, the navigation built from
 * them, the day and the demo story's date. A request carrying a flash message or form errors is rendered as before.
 *
 * The page is rendered with a marker in place of each per-request value; the markers are replaced, HTML-escaped as
 * Nunjucks would, on every request. A page that transforms one of those values (a filter on the user's name) would
 * leave a broken marker: such a rendering is never kept, and the page is rendered in full for that request.
 */
const MARK = (name: string) => `\u0000sl:${name}\u0000`
const MARKS = /\u0000sl:(\w+)\u0000/g

/** Nunjucks' own autoescape, so a value reads exactly as the template would have written it. */
const escapeHtml = (nunjucks as unknown as { lib: { escape(s: string): string } }).lib.escape

/** The per-request values, by marker name. */
function requestValues(res: Response): Record<string, string> {
  const user = res.locals.user as Principal | undefined
  return {
    displayName: user?.displayName ?? '',
    title: user?.title ?? '',
    csrf: String(res.locals.csrfToken ?? ''),
  }
}

/** What the layout and navigation read from the request and the user, besides the marked values. */
function shellKey(req: Request, res: Response) {
  const user = res.locals.user as Principal | undefined
  const l = res.locals
  return [
    req.path,
    user ? [user.role, user.isAdmin, user.laScope] : null,
    l.navExtra ?? null,
    l.navHome ?? null,
    l.todayIso,
    l.demoStoryDate ?? null,
  ]
}

const hasFlash = (res: Response) => {
  const flash = res.locals.flash as Record<string, unknown> | undefined
  return Boolean(flash && Object.values(flash).some((v) => v !== undefined))
}

/**
 * Sends the page `view` made from `locals()`: from the cache when one for (version, key and the shell's key) is held,
 * else rendered (with markers) and kept. `locals` runs only when the page is rendered, so a cached page asks nothing
 * of the services.
 */
export async function sendCachedPage(
  req: Request,
  res: Response,
  view: string,
  at: { version: string | undefined; key: unknown },
  locals: () => Promise<object> | object,
): Promise<void> {
  // No version (a request without a session has no change count): rendered as before.
  if (hasFlash(res) || at.version === undefined) return res.render(view, await locals())
  const values = requestValues(res)
  const key = JSON.stringify([view, at.key, shellKey(req, res)])
  const user = res.locals.user as Principal | undefined
  let page: KeptPage
  try {
    page = await fragmentCache<KeptPage>(req.app, `page:${view}`).get(at.version, key, async () => {
      const marks = {
        user: user && { ...user, displayName: MARK('displayName'), title: MARK('title') },
        csrfToken: MARK('csrf'),
      }
      return keptPage(await renderWith(res, view, { ...(await locals()), ...marks }))
    })
  } catch (err) {
    if (!(err instanceof BrokenMarks)) throw err
    return res.render(view, await locals())
  }
  sendKept(res, page, values)
}

/**
 * A kept page, cut at its markers once: the parts between them as bytes, ready to send, and the marker names. `digest`
 * names the parts (for the ETag, which otherwise would hash the whole page on every request).
 */
interface KeptPage {
  parts: Buffer[]
  names: string[]
  digest: string
}

function keptPage(html: string): KeptPage {
  const pieces = html.split(MARKS)
  // split with a capture group: text, name, text, name, ..., text.
  const parts = pieces.filter((_p, i) => i % 2 === 0)
  const names = pieces.filter((_p, i) => i % 2 === 1)
  // Every marker must have come through whole: a value the page transformed would be sent broken (not kept).
  if (parts.some((p) => p.includes('\u0000'))) throw new BrokenMarks()
  return {
    parts: parts.map((p) => Buffer.from(p)),
    names,
    digest: crypto.createHash('sha1').update(html).digest('base64'),
  }
}

/** The kept page with this request's values put in, HTML-escaped as Nunjucks would, with an ETag as Express makes one. */
function sendKept(res: Response, page: KeptPage, values: Record<string, string>) {
  const put = page.names.map((name) => escapeHtml(values[name] ?? ''))
  const chunks: Buffer[] = [page.parts[0]]
  put.forEach((v, i) => chunks.push(Buffer.from(v), page.parts[i + 1]))
  const body = Buffer.concat(chunks)
  // Weak, from the length and what the body is made of (Express's own hashes the body: 48 KB each request).
  const hash = crypto.createHash('sha1').update(page.digest).update(JSON.stringify(put)).digest('base64').slice(0, 27)
  res
    .type('html')
    .set('ETag', `W/"${body.length.toString(16)}-${hash}"`)
    .send(body)
}

class BrokenMarks extends Error {}

/**
 * The store's count of changes to what pages show, as the request's session lookup read it (migration 0053), with what
 * `also` reads (the register's data version, say): the version of a page made from the store's records. Undefined
 * without a session (`also` is then not asked).
 */
export async function changeVersion(res: Response, also: () => Promise<string>): Promise<string | undefined> {
  const n = res.locals.dataChange as string | undefined
  return n === undefined ? undefined : `${n}|${await also()}`
}

/** The page as res.render makes it (the response's locals under the given ones), as a string, not sent. */
const renderWith = (res: Response, view: string, locals: object) =>
  new Promise<string>((resolve, reject) =>
    res.render(view, locals, (err: Error | null, html?: string) => (err ? reject(err) : resolve(html ?? ''))),
  )
