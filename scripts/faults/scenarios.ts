/**
 * The write paths `npm run test:faults` kills the server during. Each scenario sends its writes as a person would
 * (web forms, or the CLI where that is the only way), acknowledges a write only when the answer says it was saved, and
 * knows how to find it in the store (lost) and how a half-written one would look (partial).
 * A new write path is one more entry in SCENARIOS (casework ingest: caseworkScenario.ts).
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Store } from '../../src/data/store.ts'
import { caseworkIngest } from './caseworkScenario.ts'
import { errorsOf, formFields, log, marker, planTargets, q, submit, type Scenario } from './kit.ts'
import { interventionRecords, signOff } from './oversightScenarios.ts'
import { userChanges } from './userScenario.ts'

export { signIn, formFields, type Ack, type Scenario, type Session } from './kit.ts'

const LA = '331'

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

const FIXTURES = path.resolve(import.meta.dirname, '..', '..', 'test', 'fixtures', 'ofsted-reports')

/** Small inspection reports, imported again and again: each import says a different publication date. */
const REPORTS = [
  'cheshire-west-and-chester_2019-05-08_inspection.pdf',
  'derby_2022-05-11_inspection.pdf',
  'norfolk_2023-01-13_inspection.pdf',
]

/** The n-th publication date the harness gives an import: 2 January 2025 onwards, one day apart. */
const publishedOn = (n: number) => new Date(Date.UTC(2025, 0, 2 + n)).toISOString().slice(0, 10)

const reportImport: Scenario = {
  name: 'report import',
  async warm(ctx) {
    await ctx.session('admin')
  },
  async write(ctx) {
    const s = await ctx.session('admin')
    const laCodes = ctx.state.get('laCodes') as Map<string, string>
    const n = (ctx.state.get('nextReport') as number | undefined) ?? 0
    ctx.state.set('nextReport', n + 1)
    const file = REPORTS[n % REPORTS.length]
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
    const published = publishedOn(n)
    const [year, month, day] = published.split('-')
    const dated = { 'published-day': day, 'published-month': month, 'published-year': year }
    const saved = await submit(s, up.location, { ...fields, ...dated, checked: 'yes', action: 'save' })
    log(ctx, `report ${file} confirmed: ${saved.saved} ${saved.location} ${saved.saved ? '' : errorsOf(saved.html)}`)
    if (saved.saved && /\/plans$/.test(saved.location))
      ctx.ack({ scenario: this.name, key: `${file} published ${published}`, detail: { la, recCount, published } })
  },
  async lost(store, acks) {
    const out: string[] = []
    for (const a of acks) {
      const rows = await q<{ n: number }>(
        store,
        `SELECT (SELECT count(*)::int FROM recommendation r WHERE r.report_id = i.id) AS n
           FROM imported_report i JOIN stored_file f ON f.id = i.file_id
          WHERE i.la_code = $1 AND i.published = $2::date`,
        [a.detail!.la, a.detail!.published],
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

/** Every write path the harness kills the server during: each must have acknowledged writes before each kill. */
export const SCENARIOS: Scenario[] = [
  reportImport,
  planEdits,
  evidenceUpload,
  signOff,
  interventionRecords,
  userChanges,
  caseworkIngest,
]

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
