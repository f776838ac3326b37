/**
 * Runs the hostile corpus (scripts/hostile/corpus.ts) against a running Sightline over the demo plan (Coventry, 331):
 * every upload endpoint gets every hostile file, every free-text field of every form gets every XSS and formula
 * payload, and requests no browser sends (NUL bytes, oversized and malformed bodies) go to the forms. Counts:
 * - crashes: a 5xx, or a stack trace / SQL / path in the answer;
 * - stored: a hostile file kept (evidence, intervention letter, report import reaching review), or a payload that
 *   comes back active (unescaped in a page, evaluated as a template, a live formula in an export).
 * Controls (a plain PDF and PNG, a real Ofsted report, a benign text) must be accepted, or the run fails: a
 * harness that cannot store anything would report 0 stored for the wrong reason.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Store } from '../../src/data/store.ts'
import type { Services } from '../../src/services/index.ts'
import { Client } from '../../test/support/app.ts'
import {
  controlFiles,
  FORMULAS,
  hostileFiles,
  liveFormula,
  readCsv,
  readZip,
  xmlText,
  XSS,
  type HostileFile,
} from './corpus.ts'

export interface HostileTarget {
  url: string
  store: Store
  services: Services
  planId: number
  passwords: Record<string, string>
}

export interface Tally {
  inputs: number
  crashes: number
  stored: number
  /** One line per crash or stored input, saying which and where. */
  findings: string[]
  /** Controls that were refused: the harness is then not measuring anything. */
  brokenControls: string[]
}

const LA = '331'
const LEAK =
  /\bat \S+ \(|\bat \S+:\d+:\d+|node_modules|\/work\/|SELECT |INSERT INTO|syntax error at|MulterError|TypeError|ReferenceError/

interface Form {
  name: string
  who: string
  path: () => string
  /** The page holding the form (its CSRF token). */
  page: () => string
  body: () => Promise<Record<string, string>>
  text: string[]
  multipart?: boolean
}

export async function runHostile(t: HostileTarget, opts: { fast: boolean; log?: (line: string) => void }) {
  const log = opts.log ?? (() => {})
  const tally: Tally = { inputs: 0, crashes: 0, stored: 0, findings: [], brokenControls: [] }
  const clients = new Map<string, Client>()
  const tokens = new Map<string, string>()
  const client = async (who: string) => {
    if (!clients.has(who)) {
      const c = new Client(t.url)
      await c.signIn(who, t.passwords[who])
      clients.set(who, c)
    }
    return clients.get(who)!
  }
  // A CSRF token lasts for the session: read it once per person, from the page holding the first form they send.
  const csrf = async (who: string, page: string) => {
    if (!tokens.has(who)) tokens.set(who, await (await client(who)).csrf(page))
    return tokens.get(who)!
  }
  const actor = { id: null, name: 'hostile', role: null }
  const model = () => t.services.planViews.planModel(t.planId, actor)
  const m0 = await model()
  const item = m0.items.find((i) => i.actions.length > 0)!
  const action = item.actions[0]
  const kpi = m0.kpis[0]
  const planUrl = `/la/${LA}/plans/${t.planId}`
  const itemUrl = `${planUrl}/items/${item.id}`
  const actionUrl = `${planUrl}/actions/${action.id}`
  const owner = (await t.services.users.findByUsername('action.owner'))!
  const count = async (sql: string) => Number((await t.store.query<{ n: number }>(sql))[0].n)

  const kept = (finding: string) => {
    tally.stored++
    tally.findings.push(finding)
  }
  const crashed = (where: string, res: { status: number; text: string }) => {
    if (res.status < 500 && !LEAK.test(res.text)) return false
    tally.crashes++
    tally.findings.push(`crash: ${where} answered ${res.status}: ${res.text.replace(/\s+/g, ' ').slice(0, 160)}`)
    return true
  }

  /** POSTs a form (urlencoded, or multipart with an optional file); follows a 303 to learn whether it was refused. */
  async function post(
    who: string,
    page: string,
    to: string,
    fields: Record<string, string>,
    file?: [string, HostileFile],
    check = true,
  ) {
    const c = await client(who)
    const token = await csrf(who, page)
    let res: { status: number; text: string; location: string }
    if (file || fields.__multipart) {
      const form = new FormData()
      form.set('_csrf', token)
      for (const [k, v] of Object.entries(fields)) if (k !== '__multipart') form.set(k, v)
      if (file)
        form.set(file[0], new Blob([new Uint8Array(file[1].bytes)], { type: file[1].contentType }), file[1].fileName)
      const r = await fetch(`${t.url}${to}?_csrf=${encodeURIComponent(token)}`, {
        method: 'POST',
        body: form,
        headers: { cookie: c.cookie, accept: 'text/html' },
        redirect: 'manual',
      })
      res = { status: r.status, text: await r.text(), location: r.headers.get('location') ?? '' }
    } else res = await c.request('POST', to, { _csrf: token, ...fields })
    let refused = res.status !== 303
    if (check && res.status === 303 && res.location) {
      const back = await c.request('GET', res.location)
      refused = /govuk-error-summary/.test(back.text)
    }
    return { ...res, refused }
  }

  // ---- Uploads: every hostile file to every endpoint that takes a file.
  const bombMB = opts.fast ? 64 : 1024
  const files = await hostileFiles(bombMB)
  const chosen = opts.fast ? files.filter((_f, i) => i % 2 === 0 || /bomb|nested/.test(_f.name)) : files
  const realReport = fs.readdirSync(path.resolve('test/fixtures/ofsted-reports')).find((f) => f.endsWith('.pdf'))!
  const uploads: Array<{
    name: string
    who: string
    page: string
    to: string
    field: string
    fields: Record<string, string>
    stored: (() => Promise<number>) | undefined
    controls: HostileFile[]
  }> = [
    {
      name: 'evidence upload',
      who: 'improvement.lead',
      page: itemUrl,
      to: `${itemUrl}/evidence`,
      field: 'file',
      fields: { kind: 'file', title: 'Board minutes', evidenceDate: '2014-07-01' },
      stored: () => count('SELECT count(*)::int AS n FROM stored_file'),
      controls: controlFiles(),
    },
    {
      name: 'intervention letter',
      who: 'dfe.adviser',
      page: `/la/${LA}/intervention`,
      to: `/la/${LA}/intervention/events`,
      field: 'document',
      fields: {
        kind: 'monitoring-visit',
        title: 'Visit letter',
        'date-day': '1',
        'date-month': '7',
        'date-year': '2014',
      },
      stored: () => count('SELECT count(*)::int AS n FROM intervention_event WHERE document IS NOT NULL'),
      controls: controlFiles().filter((f) => f.contentType === 'application/pdf'),
    },
    {
      name: 'report import',
      who: 'improvement.lead',
      page: `/la/${LA}/reports/import`,
      to: `/la/${LA}/reports/import`,
      field: 'report',
      fields: {},
      stored: undefined,
      controls: opts.fast
        ? []
        : [
            {
              name: 'real Ofsted report',
              fileName: realReport,
              contentType: 'application/pdf',
              bytes: fs.readFileSync(path.resolve('test/fixtures/ofsted-reports', realReport)),
            },
          ],
    },
  ]
  for (const u of uploads) {
    for (const [f, control] of [
      ...chosen.map((f) => [f, false] as const),
      ...u.controls.map((f) => [f, true] as const),
    ]) {
      if (!control) tally.inputs++
      const before = u.stored ? await u.stored() : 0
      const res = await post(u.who, u.page, u.to, { ...u.fields, __multipart: '1' }, [u.field, f])
      const where = `${u.name} <- ${f.name}`
      if (crashed(where, res)) continue
      const wasKept = u.stored
        ? (await u.stored()) > before
        : /\/reports\/import\/[^/?#]+$/.test(res.location) && !res.refused
      if (control && !wasKept) tally.brokenControls.push(`${where} was refused (${res.status})`)
      if (!control && wasKept) {
        tally.stored++
        tally.findings.push(`stored: ${where}`)
      }
      log(`${control ? 'control' : 'hostile'} ${where}: ${res.status} ${wasKept ? 'KEPT' : 'refused'}`)
    }
  }

  // The file name kept for the bidi control must have lost its override, on the page and in the download's name.
  tally.inputs++
  const evidencePage = await (await client('improvement.lead')).request('GET', itemUrl)
  if (evidencePage.text.includes('\u202E')) {
    tally.stored++
    tally.findings.push('active: a right-to-left override kept in an evidence file name')
  } else if (!/slx6chart/.test(evidencePage.text))
    tally.brokenControls.push('the bidi-named PNG is not on the item page')

  // ---- Text: every free-text field of every form, each XSS and formula payload.
  const letterId = (
    await t.store.query<{ id: number }>(`SELECT id FROM letter WHERE la_code = '${LA}' ORDER BY id LIMIT 1`)
  )[0]?.id
  const forms: Form[] = [
    {
      name: 'underlying issues',
      who: 'improvement.lead',
      page: () => itemUrl,
      path: () => `${itemUrl}/analyses`,
      body: async () => ({ text: 'x' }),
      text: ['text'],
    },
    {
      name: 'objective',
      who: 'improvement.lead',
      page: () => itemUrl,
      path: () => `${itemUrl}/objectives`,
      body: async () => ({ objective: 'x' }),
      text: ['objective'],
    },
    {
      name: 'new action',
      who: 'improvement.lead',
      page: () => itemUrl,
      path: () => `${itemUrl}/actions`,
      body: async () => ({
        title: 'x',
        ownerId: String(owner.id),
        leadOfficer: 'x',
        dueDate: '2030-01-31',
        status: 'on track',
        milestoneTitle: 'x',
        milestoneDate: '2029-06-30',
      }),
      text: ['title', 'leadOfficer', 'milestoneTitle'],
    },
    {
      name: 'item comment',
      who: 'improvement.lead',
      page: () => itemUrl,
      path: () => `${itemUrl}/comments`,
      body: async () => ({ kind: 'comment', text: 'x' }),
      text: ['text'],
    },
    {
      name: 'plan comment',
      who: 'commissioner',
      page: () => `${planUrl}/review`,
      path: () => `${planUrl}/review/comment`,
      body: async () => ({ kind: 'comment', text: 'x' }),
      text: ['text'],
    },
    {
      name: 'action edit',
      who: 'improvement.lead',
      page: () => actionUrl,
      path: () => actionUrl,
      body: async () => {
        const a = (await model()).items.flatMap((i) => i.actions).find((x) => x.id === action.id)!
        return {
          version: String(a.version),
          title: 'x',
          leadOfficer: 'x',
          startDate: '',
          dueDate: '2030-01-31',
          status: 'on track',
          progress: 'x',
          ragOverride: '',
          ragOverrideReason: '',
        }
      },
      text: ['title', 'leadOfficer', 'progress'],
    },
    {
      name: 'milestone',
      who: 'improvement.lead',
      page: () => actionUrl,
      path: () => `${actionUrl}/milestones`,
      body: async () => ({ milestoneTitle: 'x', milestoneDate: '2029-03-31' }),
      text: ['milestoneTitle'],
    },
    {
      name: 'new KPI',
      who: 'analyst',
      page: () => `${planUrl}/kpis/new`,
      path: () => `${planUrl}/kpis/new`,
      body: async () => ({ name: 'x', definition: 'x', polarity: 'higher', unit: '%', itemIds: String(item.id) }),
      text: ['name', 'definition'],
    },
    ...(kpi
      ? [
          {
            name: 'KPI value',
            who: 'analyst',
            page: () => `${planUrl}/kpis`,
            path: () => `${planUrl}/kpis/values`,
            body: async () => ({ kpiId: String(kpi.id), month: '2014-09', value: '12', note: 'x' }),
            text: ['note'],
          },
        ]
      : []),
    {
      name: 'commitment',
      who: 'commissioner',
      page: () => planUrl,
      path: () => `${planUrl}/commitments`,
      body: async () => ({ title: 'x', measure: 'milestones', dueDate: '2014-09-30' }),
      text: ['title'],
    },
    {
      name: 'evidence link',
      who: 'improvement.lead',
      page: () => itemUrl,
      path: () => `${itemUrl}/evidence`,
      body: async () => ({
        __multipart: '1',
        kind: 'link',
        title: 'x',
        evidenceDate: '2014-07-01',
        note: 'x',
        url: 'https://example.org/x',
      }),
      text: ['title', 'note', 'url'],
    },
    {
      name: 'intervention event',
      who: 'dfe.adviser',
      page: () => `/la/${LA}/intervention`,
      path: () => `/la/${LA}/intervention/events`,
      body: async () => ({
        __multipart: '1',
        kind: 'monitoring-visit',
        title: 'x',
        details: 'x',
        'date-day': '2',
        'date-month': '7',
        'date-year': '2014',
      }),
      text: ['title', 'details'],
    },
    {
      name: 'intervention decision',
      who: 'dfe.adviser',
      page: () => `/la/${LA}/intervention`,
      path: () => `/la/${LA}/intervention/decisions`,
      body: async () => ({ rung: 'support', reasons: 'x' }),
      text: ['reasons'],
    },
    ...(letterId
      ? [
          {
            name: 'intervention commitment',
            who: 'dfe.adviser',
            page: () => `/la/${LA}/intervention`,
            path: () => `/la/${LA}/intervention/commitments`,
            body: async () => ({ letterId: String(letterId), what: 'x' }),
            text: ['what'],
          },
        ]
      : []),
  ]
  const payloads = [...XSS.map((x) => x.value), ...FORMULAS]
  const chosenPayloads = opts.fast ? [XSS[0].value, XSS[1].value, XSS[3].value, FORMULAS[0]] : payloads
  for (const form of forms) {
    // The control: the form with plain text goes through.
    const control = await post(form.who, form.page(), form.path(), await form.body())
    if (crashed(`${form.name} (control)`, control)) continue
    if (control.refused)
      tally.brokenControls.push(`${form.name}: plain input refused (${control.status} ${control.location})`)
    for (const field of form.text) {
      for (const value of chosenPayloads) {
        tally.inputs++
        const body = { ...(await form.body()), [field]: value }
        const res = await post(form.who, form.page(), form.path(), body, undefined, false)
        crashed(`${form.name}.${field} <- ${JSON.stringify(value).slice(0, 40)}`, res)
      }
    }
    log(`form ${form.name}: ${form.text.length} fields x ${chosenPayloads.length} payloads`)
  }
  // Sign-in echoes the username back when refused.
  for (const x of XSS) {
    tally.inputs++
    const anon = new Client(t.url)
    const res = await anon.request('POST', '/sign-in', {
      _csrf: await anon.csrf('/sign-in'),
      username: x.value,
      password: 'x',
    })
    if (!crashed(`sign-in username <- ${x.name}`, res) && x.live.test(res.text)) {
      tally.stored++
      tally.findings.push(`active: sign-in page echoes ${x.name}`)
    }
  }

  // ---- Every page the payloads could come back on, read as each reader would.
  const pages = [
    planUrl,
    itemUrl,
    actionUrl,
    `${planUrl}/review`,
    `${planUrl}/timeline`,
    `${planUrl}/kpis`,
    `${planUrl}/board`,
    `/la/${LA}/plans`,
    `/la/${LA}/intervention`,
    '/interventions',
    '/my-actions',
    '/notifications',
    '/calendar',
    '/to-review',
    '/plans',
  ]
  const readers = ['commissioner', 'improvement.lead', 'admin']
  for (const who of readers) {
    const c = await client(who)
    for (const p of pages) {
      const res = await c.request('GET', p)
      if (crashed(`GET ${p} as ${who}`, res) || res.status !== 200) continue
      for (const x of XSS)
        if (x.live.test(res.text)) {
          tally.stored++
          tally.findings.push(`active: ${x.name} rendered raw on ${p} (as ${who})`)
        }
    }
  }
  const auditPage = await (await client('admin')).request('GET', '/audit')
  for (const x of XSS) if (x.live.test(auditPage.text)) kept(`active: ${x.name} on /audit`)
  const ics = await (await client('commissioner')).request('GET', '/calendar.ics')
  if (/\r\n(BEGIN|END):VEVENT[^\r]*slx/.test(ics.text)) kept('active: a payload broke a calendar event')

  // ---- Exports: no live formula in any CSV cell or XLSX cell.
  const commissioner = await client('commissioner')
  const xlsx = await fetch(`${t.url}${planUrl}/board.xlsx`, { headers: { cookie: commissioner.cookie } })
  const book = readZip(Buffer.from(await xlsx.arrayBuffer()))
  const shared = [...(book.get('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    xmlText([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')),
  )
  let formulaTexts = 0
  for (const [name, xml] of book) {
    if (!/^xl\/worksheets\/.*\.xml$/.test(name)) continue
    if (/<f[\s>]/.test(xml)) kept(`active: a formula cell in ${name} of board.xlsx`)
    for (const cell of xml.matchAll(/<c [^>]*t="(s|inlineStr|str)"[^>]*>([\s\S]*?)<\/c>/g)) {
      const text =
        cell[1] === 's' ? shared[Number(/<v>(\d+)<\/v>/.exec(cell[2])?.[1])] : xmlText(cell[2].replace(/<[^>]+>/g, ''))
      if (text && FORMULAS.some((f) => text.includes(f.trim().slice(1, 12)))) formulaTexts++
    }
  }
  tally.inputs++
  if (formulaTexts === 0)
    tally.brokenControls.push('board.xlsx carries none of the formula payloads: the check saw nothing')
  for (const csvPath of ['/overview.csv', '/risk.csv', `/la/${LA}/risk.csv`, `/la/${LA}/statistics.csv`]) {
    const res = await commissioner.request('GET', csvPath)
    if (crashed(`GET ${csvPath}`, res) || res.status !== 200) continue
    const live = readCsv(res.text).flat().filter(liveFormula)
    if (live.length) kept(`active: ${live.length} live formula cells in ${csvPath}: ${live[0]}`)
  }

  // ---- Requests no form sends.
  const lead = await client('improvement.lead')
  const token = await lead.csrf(itemUrl)
  const odd: Array<[string, () => Promise<{ status: number; text: string }>]> = [
    ['NUL in path', () => lead.request('GET', `${planUrl}%00`)],
    ['NUL in query', () => lead.request('GET', `${planUrl}?rag=red%00`)],
    [
      'NUL in a field',
      () => lead.request('POST', `${itemUrl}/comments`, { _csrf: token, kind: 'comment', text: 'a\u0000b' }),
    ],
    [
      'NUL in a field name',
      () => lead.request('POST', `${itemUrl}/comments`, { _csrf: token, kind: 'comment', text: 'a', 'x\u0000': 'y' }),
    ],
    [
      '2 MB form body',
      () =>
        lead.request('POST', `${itemUrl}/comments`, {
          _csrf: token,
          kind: 'comment',
          text: 'a'.repeat(2 * 1024 * 1024),
        }),
    ],
    [
      '5000 form fields',
      () =>
        lead.request('POST', `${itemUrl}/comments`, {
          _csrf: token,
          kind: 'comment',
          text: 'a',
          ...Object.fromEntries(Array.from({ length: 5000 }, (_v, i) => [`f${i}`, '1'])),
        }),
    ],
    [
      'JSON body to a form',
      () => lead.request('POST', `${itemUrl}/comments`, undefined, { 'content-type': 'application/json' }),
    ],
    ['bad percent-encoding', () => lead.request('GET', `${planUrl}/items/%E0%A4%A`)],
    ['huge id', () => lead.request('GET', `${planUrl}/items/99999999999999999999999`)],
    ['negative id', () => lead.request('GET', `${planUrl}/items/-1`)],
    ...multipartCases(t.url, lead, token, itemUrl),
    [
      '51 MB upload',
      () =>
        rawMultipart(
          t.url,
          lead,
          token,
          `${itemUrl}/evidence`,
          'file',
          'big.pdf',
          Buffer.alloc(51 * 1024 * 1024, 0x41),
        ),
    ],
  ]
  const storedBefore = await count('SELECT count(*)::int AS n FROM stored_file')
  for (const [name, send] of odd) {
    tally.inputs++
    const res = await send()
    crashed(name, res)
    log(`request ${name}: ${res.status}`)
  }
  if ((await count('SELECT count(*)::int AS n FROM stored_file')) > storedBefore)
    kept('stored: a malformed upload kept a file')
  return tally
}

async function rawMultipart(
  url: string,
  c: Client,
  token: string,
  to: string,
  field: string,
  fileName: string,
  bytes: Buffer,
  boundary = 'HostileBoundary',
) {
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nfile\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="evidenceDate"\r\n\r\n2014-07-01\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return send(url, c, token, to, `multipart/form-data; boundary=${boundary}`, body)
}

async function send(url: string, c: Client, token: string, to: string, type: string, body: Buffer | string) {
  const payload = typeof body === 'string' ? body : new Uint8Array(body)
  const r = await fetch(`${url}${to}?_csrf=${encodeURIComponent(token)}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: c.cookie, accept: 'text/html', 'content-type': type },
    body: payload,
  })
  return { status: r.status, text: await r.text() }
}

function multipartCases(
  url: string,
  c: Client,
  token: string,
  itemUrl: string,
): Array<[string, () => Promise<{ status: number; text: string }>]> {
  const to = `${itemUrl}/evidence`
  const B = 'HostileBoundary'
  const pdf = Buffer.from('%PDF-1.4 x')
  return [
    [
      'multipart cut off',
      () =>
        send(
          url,
          c,
          token,
          to,
          `multipart/form-data; boundary=${B}`,
          `--${B}\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"\r\n\r\nxx`,
        ),
    ],
    ['multipart without boundary', () => send(url, c, token, to, 'multipart/form-data', 'hello')],
    ['not multipart at all', () => send(url, c, token, to, `multipart/form-data; boundary=${B}`, 'hello')],
    [
      'two files in one field',
      () =>
        send(
          url,
          c,
          token,
          to,
          `multipart/form-data; boundary=${B}`,
          `--${B}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\nx\r\n--${B}\r\nContent-Disposition: form-data; name="file"; filename="b.pdf"\r\n\r\nx\r\n--${B}--\r\n`,
        ),
    ],
    ['file in an unknown field', () => rawMultipart(url, c, token, to, 'other', 'a.pdf', pdf)],
    ['NUL in a file name', () => rawMultipart(url, c, token, to, 'file', 'a\u0000b.pdf', pdf)],
    ['header injection in a file name', () => rawMultipart(url, c, token, to, 'file', 'a.pdf\r\nX-Evil: 1', pdf)],
    ['path in a file name', () => rawMultipart(url, c, token, to, 'file', '../../../etc/passwd', pdf)],
    ['quote in a file name', () => rawMultipart(url, c, token, to, 'file', 'a".pdf', pdf)],
    ['10 000-character file name', () => rawMultipart(url, c, token, to, 'file', `${'a'.repeat(10_000)}.pdf`, pdf)],
  ]
}
