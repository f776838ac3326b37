/**
 * The write paths `npm run test:faults` kills the server during. Each scenario sends its writes through the web forms
 * as a person would, acknowledges a write only when the answer says it was saved, and knows how to find it in the
 * store (lost) and how a half-written one would look (partial).
 * Hook: casework ingest (or any other write path) is one more entry in SCENARIOS.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
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
  store: string
  /** Kept across cycles (ids read once, the next report to import). */
  state: Map<string, unknown>
  stopped(): boolean
}

export interface Scenario {
  name: string
  /** Before the kill timer starts: sign in, read the ids the writes need. */
  warm?(ctx: WriteContext): Promise<void>
  /** One write (or one attempt); called in a loop until the kill. */
  write(ctx: WriteContext): Promise<void>
  /** The acknowledged writes that are not in the store. */
  lost(store: Store, acks: Ack[]): Promise<string[]>
  /** Records of this scenario that are only half there. */
  partial(store: Store): Promise<string[]>
}

const LA = '331'

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

const marker = (ctx: WriteContext, what: string) =>
  `fault-${what}-${ctx.store}-${ctx.cycle}-${crypto.randomBytes(4).toString('hex')}`

/** POSTs a form; `saved` is true when it redirected to a page without a GOV.UK error summary. */
async function submit(
  s: Session,
  to: string,
  fields: Record<string, string>,
  file?: { field: string; name: string; bytes: Buffer; type: string },
) {
  let res: Response
  if (file) {
    const form = new FormData()
    form.set('_csrf', s.csrf)
    for (const [k, v] of Object.entries(fields)) form.set(k, v)
    form.set(file.field, new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name)
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
  await res.arrayBuffer()
  const location = res.headers.get('location') ?? ''
  if (res.status !== 303) return { saved: false, location }
  const next = await fetch(`${s.url}${location}`, { headers: { cookie: s.cookie } })
  const html = await next.text()
  return { saved: next.status === 200 && !/govuk-error-summary/.test(html), location, html }
}

async function getText(s: Session, p: string) {
  const res = await fetch(`${s.url}${p}`, { headers: { cookie: s.cookie } })
  return res.text()
}

/** The demo plan, its items and the action owner's id, read once from the pages. */
async function planTargets(ctx: WriteContext, s: Session) {
  const cached = ctx.state.get('plan') as { planId: number; items: number[]; ownerId: string } | undefined
  if (cached) return cached
  const list = await getText(s, `/la/${LA}/plans`)
  const planId = Number(/\/la\/331\/plans\/(\d+)/.exec(list)![1])
  const plan = await getText(s, `/la/${LA}/plans/${planId}`)
  const items = [...new Set([...plan.matchAll(/\/plans\/\d+\/items\/(\d+)/g)].map((m) => Number(m[1])))]
  const item = await getText(s, `/la/${LA}/plans/${planId}/items/${items[0]}`)
  const ownerId = /<option value="(\d+)"[^>]*>Omar Owner/.exec(item)?.[1] ?? ''
  const found = { planId, items, ownerId }
  ctx.state.set('plan', found)
  return found
}

const VERBOSE = process.argv.includes('--verbose')
const log = (ctx: WriteContext, line: string) => {
  if (VERBOSE && !ctx.stopped()) console.log(`    [${ctx.store} ${ctx.cycle}] ${line}`)
}
const errorsOf = (html = '') =>
  [...html.matchAll(/<a href="#[^"]*">([^<]+)<\/a>/g)]
    .slice(0, 3)
    .map((m) => m[1])
    .join('; ')

const q = async <T>(store: Store, sql: string, params: unknown[] = []) => store.query<T>(sql, params)

const planEdits: Scenario = {
  name: 'plan edits',
  async warm(ctx) {
    await planTargets(ctx, await ctx.session('improvement.lead'))
  },
  async write(ctx) {
    const s = await ctx.session('improvement.lead')
    const { planId, items, ownerId } = await planTargets(ctx, s)
    const item = items[Math.floor(ctx.random() * items.length)]
    const itemUrl = `/la/${LA}/plans/${planId}/items/${item}`
    if (ctx.random() < 0.5) {
      const text = marker(ctx, 'comment')
      const r = await submit(s, `${itemUrl}/comments`, { kind: 'comment', text })
      log(ctx, `comment ${r.saved ? 'saved' : 'not saved'} ${r.location}`)
      if (r.saved) ctx.ack({ scenario: this.name, key: text, detail: { table: 'plan_comment' } })
    } else {
      const title = marker(ctx, 'action')
      const r = await submit(s, `${itemUrl}/actions`, {
        title,
        ownerId,
        leadOfficer: 'Fault test',
        startDate: '',
        dueDate: '2030-01-31',
        status: 'on track',
        milestoneTitle: `${title}-m`,
        milestoneDate: '2029-06-30',
      })
      log(ctx, `action ${r.saved ? 'saved' : 'not saved'} ${r.location}`)
      if (r.saved) ctx.ack({ scenario: this.name, key: title, detail: { table: 'plan_action' } })
    }
  },
  async lost(store, acks) {
    const out: string[] = []
    for (const a of acks) {
      const table = a.detail!.table === 'plan_comment' ? 'plan_comment' : 'plan_action'
      const column = table === 'plan_comment' ? 'text' : 'title'
      const [r] = await q<{ n: number }>(store, `SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`, [a.key])
      if (r.n !== 1) out.push(`${a.key} (cycle ${a.cycle}): ${r.n} rows in ${table}`)
    }
    return out
  },
  async partial(store) {
    // An action and its first milestone are added together, or neither.
    const rows = await q<{ title: string }>(
      store,
      `SELECT a.title FROM plan_action a WHERE a.title LIKE 'fault-action-%'
         AND NOT EXISTS (SELECT 1 FROM milestone m WHERE m.action_id = a.id AND m.title = a.title || '-m')`,
    )
    return rows.map((r) => `action ${r.title} has no milestone`)
  },
}

/** A small PNG whose bytes differ per upload (a tEXt chunk), so each stored file can be checked whole. */
function png(text: string) {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  const ihdr = Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex')
  const body = Buffer.from(`Comment\u0000${text}`, 'latin1')
  const len = Buffer.alloc(4)
  len.writeUInt32BE(body.length)
  const chunk = Buffer.concat([len, Buffer.from('tEXt'), body, Buffer.alloc(4)])
  const idat = Buffer.from('0000000a49444154789c6300010000050001', 'hex')
  const iend = Buffer.from('0d0a2db40000000049454e44ae426082', 'hex')
  return Buffer.concat([sig, ihdr, chunk, idat, iend, Buffer.alloc(64 * 1024, 0)])
}

const evidenceUpload: Scenario = {
  name: 'evidence upload',
  async write(ctx) {
    const s = await ctx.session('improvement.lead')
    const { planId, items } = await planTargets(ctx, s)
    const item = items[Math.floor(ctx.random() * items.length)]
    const title = marker(ctx, 'evidence')
    const bytes = png(title)
    const r = await submit(
      s,
      `/la/${LA}/plans/${planId}/items/${item}/evidence`,
      { kind: 'file', title, evidenceDate: '2014-07-01' },
      { field: 'file', name: `${title}.png`, bytes, type: 'image/png' },
    )
    log(ctx, `evidence ${r.saved ? 'saved' : 'not saved'} ${r.location}`)
    if (r.saved)
      ctx.ack({
        scenario: this.name,
        key: title,
        detail: { sha256: crypto.createHash('sha256').update(bytes).digest('hex') },
      })
  },
  async lost(store, acks) {
    const out: string[] = []
    for (const a of acks) {
      const rows = await q<{ sha256: string }>(
        store,
        `SELECT f.sha256 FROM evidence e JOIN stored_file f ON f.id = e.file_id WHERE e.title = $1`,
        [a.key],
      )
      if (rows.length !== 1 || rows[0].sha256 !== a.detail!.sha256)
        out.push(`${a.key} (cycle ${a.cycle}): ${rows.length} evidence rows with its file`)
    }
    return out
  },
  async partial(store) {
    const rows = await q<{ title: string; sha256: string | null; size: number | null; bytes: Uint8Array | null }>(
      store,
      `SELECT e.title, f.sha256, f.size_bytes AS size, f.bytes FROM evidence e LEFT JOIN stored_file f ON f.id = e.file_id
        WHERE e.title LIKE 'fault-evidence-%'`,
    )
    return rows
      .filter(
        (r) =>
          !r.bytes ||
          r.bytes.length !== r.size ||
          crypto.createHash('sha256').update(Buffer.from(r.bytes)).digest('hex') !== r.sha256,
      )
      .map((r) => `evidence ${r.title} has no whole file`)
  },
}

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

const FIXTURES = path.resolve(import.meta.dirname, '..', '..', 'test', 'fixtures', 'ofsted-reports')

const reportImport: Scenario = {
  name: 'report import',
  async warm(ctx) {
    await ctx.session('admin')
  },
  async write(ctx) {
    const s = await ctx.session('admin')
    const laCodes = ctx.state.get('laCodes') as Map<string, string>
    const files = fs
      .readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.pdf') && laCodes.has(f.split('_')[0]))
      .sort()
    const next = (ctx.state.get('nextReport') as number | undefined) ?? 0
    if (next >= files.length) return void (await new Promise((r) => setTimeout(r, 500)))
    ctx.state.set('nextReport', next + 1)
    const file = files[next]
    const la = laCodes.get(file.split('_')[0])!
    const up = await submit(
      s,
      `/la/${la}/reports/import`,
      {},
      { field: 'report', name: file, bytes: fs.readFileSync(path.join(FIXTURES, file)), type: 'application/pdf' },
    )
    log(ctx, `report ${file} uploaded: ${up.location}`)
    if (!/\/reports\/import\/[^/?#]+$/.test(up.location) || !up.html || ctx.stopped()) return
    const fields = formFields(up.html)
    delete fields._csrf
    const recCount = Number(fields.recCount)
    const saved = await submit(s, up.location, { ...fields, checked: 'yes', action: 'save' })
    log(ctx, `report ${file} confirmed: ${saved.saved} ${saved.location} ${saved.saved ? '' : errorsOf(saved.html)}`)
    if (saved.saved && /\/plans$/.test(saved.location))
      ctx.ack({ scenario: this.name, key: file, detail: { la, recCount } })
  },
  async lost(store, acks) {
    const out: string[] = []
    for (const a of acks) {
      const rows = await q<{ n: number }>(
        store,
        `SELECT (SELECT count(*)::int FROM recommendation r WHERE r.report_id = i.id) AS n
           FROM imported_report i JOIN stored_file f ON f.id = i.file_id WHERE i.la_code = $1 AND f.file_name = $2`,
        [a.detail!.la, a.key],
      )
      if (rows.length !== 1) out.push(`${a.key} (cycle ${a.cycle}): ${rows.length} imported reports`)
      else if (rows[0].n !== a.detail!.recCount)
        out.push(`${a.key}: ${rows[0].n} recommendations stored, ${String(a.detail!.recCount)} confirmed`)
    }
    return out
  },
  async partial(store) {
    const rows = await q<{ id: number; file: string | null }>(
      store,
      `SELECT i.id, f.file_name AS file FROM imported_report i LEFT JOIN stored_file f ON f.id = i.file_id
        WHERE (i.file_id IS NOT NULL AND f.id IS NULL)
           OR NOT EXISTS (SELECT 1 FROM recommendation r WHERE r.report_id = i.id)`,
    )
    return rows.map((r) => `imported report ${r.id} (${r.file ?? 'no file'}) has no recommendations or no file`)
  },
}

/** Hook: add casework ingest here when it lands (a write through its upload form, lost and partial checks). */
export const SCENARIOS: Scenario[] = [reportImport, planEdits, evidenceUpload]

/** Plan tables and the plan_history subject type each keeps. */
const VERSIONED: Array<[string, string]> = [
  ['plan', 'plan'],
  ['plan_item', 'item'],
  ['issue_analysis', 'analysis'],
  ['objective', 'objective'],
  ['plan_action', 'action'],
  ['milestone', 'milestone'],
  ['evidence', 'evidence'],
  ['kpi', 'kpi'],
  ['commitment', 'commitment'],
  ['plan_comment', 'comment'],
]

/**
 * Half-written versioned records, whatever wrote them: a row whose version is not the last one its history holds
 * (saved without its history, or history without the row).
 */
export async function partialRecords(store: Store): Promise<string[]> {
  const out: string[] = []
  for (const [table, type] of VERSIONED) {
    const rows = await q<{ id: number; version: number; last: number | null }>(
      store,
      `SELECT t.id, t.version,
              (SELECT (h.after->>'version')::int FROM plan_history h
                WHERE h.subject_type = $1 AND h.subject_id = t.id ORDER BY h.id DESC LIMIT 1) AS last
         FROM ${table} t`,
      [type],
    )
    for (const r of rows)
      if (r.last !== r.version) out.push(`${table} ${r.id} is at version ${r.version}, its history at ${r.last}`)
  }
  return out
}
