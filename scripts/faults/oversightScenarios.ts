/**
 * Fault scenarios for sign-off (a plan submitted and a reviewer's decision) and for the interventions register (an
 * event with its PDF, added by a DfE adviser). Both write through the web forms.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { errorsOf, formFields, getText, log, marker, q, submit, type Scenario, type WriteContext } from './kit.ts'

const PLAN_LA = '331'

/**
 * The demo plan cannot be submitted while an analysis waits to be agreed: a reviewer agrees every such analysis once,
 * so submissions are possible (read from the item pages, as a person would find them).
 */
async function readySignOff(ctx: WriteContext): Promise<number> {
  const ready = ctx.state.get('signOffPlan') as number | undefined
  if (ready) return ready
  const reviewer = await ctx.session('commissioner')
  const list = await getText(reviewer, `/la/${PLAN_LA}/plans`)
  const planId = Number(/\/la\/331\/plans\/(\d+)/.exec(list)![1])
  const plan = await getText(reviewer, `/la/${PLAN_LA}/plans/${planId}`)
  const items = [...new Set([...plan.matchAll(/\/plans\/\d+\/items\/(\d+)/g)].map((m) => Number(m[1])))]
  for (const item of items) {
    const page = await getText(reviewer, `/la/${PLAN_LA}/plans/${planId}/items/${item}`)
    const form = /<form[^>]*action="([^"]*\/analyses\/agree)"[\s\S]*?<\/form>/.exec(page)
    if (!form) continue
    const fields = formFields(form[0])
    delete fields._csrf
    const r = await submit(reviewer, form[1], fields)
    if (!r.saved) throw new Error(`could not agree the analysis of item ${item}: ${errorsOf(r.html)}`)
  }
  ctx.state.set('signOffPlan', planId)
  return planId
}

export const signOff: Scenario = {
  name: 'sign-off',
  async warm(ctx) {
    await readySignOff(ctx)
    await ctx.session('improvement.lead')
  },
  /** Submits the plan (improvement lead), then the commissioner returns it with reasons: two acknowledged writes. */
  async write(ctx) {
    const planId = await readySignOff(ctx)
    const lead = await ctx.session('improvement.lead')
    const reviewer = await ctx.session('commissioner')
    const review = `/la/${PLAN_LA}/plans/${planId}/review`
    let page = await getText(reviewer, review)
    if (!/\/review\/decide"/.test(page)) {
      const summary = marker(ctx, 'submission')
      const r = await submit(lead, `${review}/submit`, { kind: 'update', summary })
      log(ctx, `submission ${r.saved ? 'saved' : `not saved: ${errorsOf(r.html)}`}`)
      // Said when the cycle ends without a sign-off acknowledged (a plan that can never be submitted stalls the cycle).
      if (!r.saved)
        ctx.state.set(`refused:${this.name}`, { cycle: ctx.cycle, why: errorsOf(r.html) || `answered ${r.status}` })
      if (!r.saved) return
      ctx.ack({ scenario: this.name, key: summary, detail: { what: 'submitted' } })
      page = await getText(reviewer, review)
    }
    const form = /<form[^>]*action="([^"]*\/review\/decide)"[\s\S]*?<\/form>/.exec(page)
    if (!form || ctx.stopped()) return
    const fields = formFields(form[0])
    delete fields._csrf
    const reason = marker(ctx, 'decision')
    const r = await submit(reviewer, form[1], { ...fields, decision: 'returned', reason })
    log(ctx, `decision ${r.saved ? 'saved' : `not saved: ${errorsOf(r.html)}`}`)
    if (r.saved) ctx.ack({ scenario: this.name, key: reason, detail: { what: 'returned' } })
  },
  async lost(store, acks) {
    const out: string[] = []
    for (const a of acks) {
      const column = a.detail!.what === 'submitted' ? 'summary' : 'decision_reason'
      const rows = await q<{ status: string }>(store, `SELECT status FROM submission WHERE ${column} = $1`, [a.key])
      if (rows.length !== 1) out.push(`${a.key} (cycle ${a.cycle}): ${rows.length} submissions`)
      else if (a.detail!.what === 'returned' && rows[0].status !== 'returned')
        out.push(`${a.key} (cycle ${a.cycle}): the submission is ${rows[0].status}, its return was acknowledged`)
    }
    return out
  },
  async partial(store) {
    // A decided submission has its decider and time; the plan's status follows its newest submission.
    const rows = await q<{ id: number; problem: string }>(
      store,
      `SELECT s.id, 'decided without a decider or time' AS problem FROM submission s
        WHERE s.status <> 'submitted' AND (s.decided_by IS NULL OR s.decided_at IS NULL)
       UNION ALL
       SELECT s.id, 'the plan is ' || p.status || ', its newest submission ' || s.status FROM submission s
         JOIN plan p ON p.id = s.plan_id
        WHERE s.id = (SELECT max(id) FROM submission WHERE plan_id = p.id) AND p.status <> s.status`,
    )
    return rows.map((r) => `submission ${r.id}: ${r.problem}`)
  },
}

const LETTER = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  'test',
  'fixtures',
  'ofsted-reports',
  'barnsley_2024-12-05_focused-visit.pdf',
)

export const interventionRecords: Scenario = {
  name: 'intervention records',
  async warm(ctx) {
    await ctx.session('dfe.adviser')
  },
  /** A monitoring visit on Birmingham's register, every other one with its PDF. */
  async write(ctx) {
    const s = await ctx.session('dfe.adviser')
    const title = marker(ctx, 'event')
    const withPdf = ctx.random() < 0.5
    const bytes = fs.readFileSync(LETTER)
    const r = await submit(
      s,
      '/la/330/intervention/events',
      { kind: 'monitoring-visit', 'date-day': '12', 'date-month': '6', 'date-year': '2014', title },
      withPdf ? { field: 'document', name: `${title}.pdf`, bytes, type: 'application/pdf' } : [],
    )
    log(ctx, `event ${r.saved ? 'saved' : `not saved ${r.status}: ${errorsOf(r.html)}`}`)
    if (r.saved)
      ctx.ack({
        scenario: this.name,
        key: title,
        detail: withPdf ? { sha256: crypto.createHash('sha256').update(bytes).digest('hex') } : {},
      })
  },
  async lost(store, acks) {
    const out: string[] = []
    for (const a of acks) {
      const rows = await q<{ sha: string | null }>(
        store,
        `SELECT document_sha256 AS sha FROM intervention_event WHERE title = $1`,
        [a.key],
      )
      if (rows.length !== 1) out.push(`${a.key} (cycle ${a.cycle}): ${rows.length} register events`)
      else if ((rows[0].sha ?? undefined) !== a.detail!.sha256)
        out.push(`${a.key} (cycle ${a.cycle}): its PDF is not the one uploaded`)
    }
    return out
  },
  async partial(store) {
    const rows = await q<{ id: number; title: string; sha: string | null; doc: Uint8Array | null; audited: number }>(
      store,
      `SELECT e.id, e.title, e.document_sha256 AS sha, e.document AS doc,
              (SELECT count(*)::int FROM audit_event a WHERE a.action = 'intervention.event.add'
                  AND a.subject_id = e.id::text) AS audited
         FROM intervention_event e WHERE e.title LIKE 'fault-event-%'`,
    )
    const out: string[] = []
    for (const r of rows) {
      if (r.audited !== 1) out.push(`event ${r.title}: ${r.audited} audit events`)
      const whole = r.sha === null ? r.doc === null : r.doc !== null && sha(r.doc) === r.sha
      if (!whole) out.push(`event ${r.title}: its PDF is not whole`)
    }
    return out
  },
}

const sha = (b: Uint8Array) => crypto.createHash('sha256').update(Buffer.from(b)).digest('hex')
