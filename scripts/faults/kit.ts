/**
 * What every fault scenario shares: the web client (sign in, post a form as a browser would), the context a write runs
 * in, and the acknowledgement it records when the answer said the write was saved.
 */
import crypto from 'node:crypto'
import type { ChildProcess } from 'node:child_process'
import type { Store } from '../../src/data/store.ts'

export interface Session {
  url: string
  cookie: string
  csrf: string
}

export interface Ack {
  scenario: string
  cycle: number
  /** What to look for in the store. */
  key: string
  detail?: Record<string, unknown>
}

export interface WriteContext {
  session(user: string): Promise<Session>
  ack(a: Omit<Ack, 'cycle'>): void
  random(): number
  cycle: number
  store: 'pglite' | 'postgres'
  /** The data directory (the casework stores and demo files live there). */
  dataDir: string
  /** The environment a CLI command needs to reach this store. */
  cliEnv: NodeJS.ProcessEnv
  /** Kept across cycles (ids read once, the next report to import). */
  state: Map<string, unknown>
  stopped(): boolean
  /** A process that writes to the store beside the server (a CLI command): killed with the server. */
  track(child: ChildProcess): void
}

export interface Scenario {
  name: string
  /** Before the kill timer starts: sign in, read the ids the writes need. */
  warm?(ctx: WriteContext): Promise<void>
  /** One write (or one attempt); called in a loop until the kill. */
  write(ctx: WriteContext): Promise<void>
  /**
   * Writes made while no server runs (before this cycle's server starts), for write paths that refuse to run beside
   * the server; the harness may kill them at a random moment (`kill` resolves when it should).
   */
  offline?(ctx: WriteContext, kill: Promise<void>): Promise<void>
  /** The acknowledged writes that are not in the store. */
  lost(store: Store, acks: Ack[], dataDir: string): Promise<string[]>
  /** Records of this scenario that are only half there. */
  partial(store: Store, dataDir: string): Promise<string[]>
}

/** Signs in through the real form (retrying a refusal a few times); the session cookie and CSRF token for later posts. */
export async function signIn(url: string, username: string, password: string): Promise<Session> {
  let why = ''
  for (let attempt = 0; attempt < 5; attempt++) {
    const page = await fetch(`${url}/sign-in`)
    const cookie0 = page.headers.getSetCookie()[0].split(';')[0]
    const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]
    const res = await fetch(`${url}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: cookie0, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: token, username, password }).toString(),
    })
    const location = res.headers.get('location') ?? ''
    const cookie = res.headers.getSetCookie()[0]?.split(';')[0] ?? cookie0
    if (res.status === 303 && !/sign-in/.test(location)) {
      const home = await fetch(`${url}/la/331/plans`, { headers: { cookie } })
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await home.text())?.[1] ?? ''
      return { url, cookie, csrf }
    }
    const back = location ? await (await fetch(`${url}${location}`, { headers: { cookie } })).text() : await res.text()
    why = `${res.status} ${location}: ${/govuk-error-summary[\s\S]*?<a [^>]*>([^<]+)</.exec(back)?.[1] ?? back.slice(0, 200)}`
    await new Promise((r) => setTimeout(r, 2000))
  }
  throw new Error(`sign-in ${username} refused: ${why}`)
}

export const marker = (ctx: WriteContext, what: string) =>
  `fault-${what}-${ctx.store}-${ctx.cycle}-${crypto.randomBytes(4).toString('hex')}`

export interface UploadFile {
  field: string
  name: string
  bytes: Buffer
  type: string
}

/**
 * POSTs a form (multipart when `files` is given, even an empty list); `saved` is true when it redirected to a page
 * without a GOV.UK error summary.
 */
export async function submit(
  s: Session,
  to: string,
  fields: Record<string, string>,
  files?: UploadFile | UploadFile[],
) {
  let res: Response
  if (files) {
    const form = new FormData()
    form.set('_csrf', s.csrf)
    for (const [k, v] of Object.entries(fields)) form.set(k, v)
    for (const f of Array.isArray(files) ? files : [files])
      form.append(f.field, new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name)
    res = await fetch(`${s.url}${to}?_csrf=${encodeURIComponent(s.csrf)}`, {
      method: 'POST',
      body: form,
      headers: { cookie: s.cookie, accept: 'text/html' },
      redirect: 'manual',
    })
  } else {
    res = await fetch(`${s.url}${to}`, {
      method: 'POST',
      body: new URLSearchParams({ _csrf: s.csrf, ...fields }).toString(),
      headers: { cookie: s.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
    })
  }
  const body = await res.text()
  const location = res.headers.get('location') ?? ''
  if (res.status !== 303) return { saved: false, location, status: res.status, html: body }
  const next = await fetch(`${s.url}${location}`, { headers: { cookie: s.cookie } })
  const html = await next.text()
  return { saved: next.status === 200 && !/govuk-error-summary/.test(html), location, status: res.status, html }
}

export async function getText(s: Session, p: string) {
  const res = await fetch(`${s.url}${p}`, { headers: { cookie: s.cookie } })
  return res.text()
}

const VERBOSE = process.argv.includes('--verbose')
export const log = (ctx: WriteContext, line: string) => {
  if (VERBOSE && !ctx.stopped()) console.log(`    [${ctx.store} ${ctx.cycle}] ${line}`)
}
export const errorsOf = (html = '') =>
  [...html.matchAll(/<a href="#[^"]*">([^<]+)<\/a>/g)]
    .slice(0, 3)
    .map((m) => m[1])
    .join('; ')

export const q = async <T>(store: Store, sql: string, params: unknown[] = []) => store.query<T>(sql, params)

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The review form's fields as the browser would send them (inputs, checked boxes, textareas, selected options). */
export function formFields(html: string): Record<string, string> {
  const un = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;|&#x27;/g, "'")
      .replace(/&amp;/g, '&')
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]
  const out: Record<string, string> = {}
  for (const [tag] of html.matchAll(/<input\b[^>]*>/g)) {
    const name = attr(tag, 'name')
    const type = attr(tag, 'type') ?? 'text'
    if (!name || type === 'file' || type === 'submit') continue
    if ((type === 'radio' || type === 'checkbox') && !/\schecked\b/.test(tag)) continue
    out[name] = un(attr(tag, 'value') ?? '')
  }
  for (const m of html.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = attr(m[1], 'name')
    if (name) out[name] = un(m[2].replace(/^\n/, ''))
  }
  for (const m of html.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = attr(m[1], 'name')
    if (!name) continue
    const options = [...m[2].matchAll(/<option\b([^>]*)>/g)].map((o) => o[1])
    const chosen = options.find((o) => /\sselected\b/.test(o)) ?? options.find((o) => attr(o, 'value'))
    out[name] = un((chosen && attr(chosen, 'value')) ?? '')
  }
  return out
}

/** The demo plan (Coventry, 331), its items and the action owner's id, read once from the pages. */
export async function planTargets(ctx: WriteContext, s: Session) {
  const cached = ctx.state.get('plan') as { planId: number; items: number[]; ownerId: string } | undefined
  if (cached) return cached
  const list = await getText(s, `/la/331/plans`)
  const planId = Number(/\/la\/331\/plans\/(\d+)/.exec(list)![1])
  const plan = await getText(s, `/la/331/plans/${planId}`)
  const items = [...new Set([...plan.matchAll(/\/plans\/\d+\/items\/(\d+)/g)].map((m) => Number(m[1])))]
  const item = await getText(s, `/la/331/plans/${planId}/items/${items[0]}`)
  const ownerId = /<option value="(\d+)"[^>]*>Omar Owner/.exec(item)?.[1] ?? ''
  const found = { planId, items, ownerId }
  ctx.state.set('plan', found)
  return found
}
