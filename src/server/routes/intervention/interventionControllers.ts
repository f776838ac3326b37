import crypto from 'node:crypto'
import type { Response } from 'express'
import createError from 'http-errors'
import { z } from 'zod'
import { toIcs } from '../../../engine/calendar/ical.ts'
import { formatDate } from '../../../engine/dates.ts'
import { EVENT_KINDS, describeStanding } from '../../../engine/intervention/events.ts'
import { RUNGS } from '../../../engine/intervention/assess.ts'
import { RegisterValidationError } from '../../../services/interventionRegisterService.ts'
import type { Principal } from '../../../engine/access/permissions.ts'
import { definePage, type PageContext } from '../page.ts'

const today = () => new Date().toISOString().slice(0, 10)
const actorOf = (u: Principal) => ({ id: u.id, name: u.username, role: u.role })
const RUNG_LABELS: Record<string, string> = {
  none: 'No intervention',
  support: 'Support and challenge (adviser)',
  'improvement-notice': 'Improvement notice',
  'statutory-direction': 'Statutory direction with a commissioner',
  'alternative-delivery': 'Alternative delivery (commissioner review of removing services)',
}

/** GOV.UK date inputs (day, month, year) to ISO, or undefined when incomplete. */
function isoFrom(day?: string, month?: string, year?: string) {
  if (!day || !month || !year) return undefined
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
}

/** Saves, then shows `done` on the page it came from; validation errors go back to the form, nothing saved. */
async function saveThen(
  ctx: PageContext,
  res: Response,
  back: string,
  done: string,
  fn: () => Promise<unknown>,
  values: Record<string, unknown>,
) {
  try {
    await fn()
  } catch (err) {
    if (err instanceof RegisterValidationError) return ctx.formErrors(err.errors, values, back)
    throw err
  }
  await ctx.flash(done)
  res.redirect(303, back)
}

/** National dashboard: every LA's intervention status, recommendation and overdue commitments, and a watch list. */
export const interventionDashboard = definePage({
  PAGE_NAME: 'intervention-dashboard',
  PATH: '/interventions',
  REQUIRED_PERMISSION: 'intervention:view',
  async GET(_req, res, ctx) {
    const asAt = today()
    const overview = await ctx.services.laProfiles.overview()
    const visible = overview.las.filter((l) => ctx.user.laScope === null || ctx.user.laScope.includes(l.laCode))
    const overdue = await ctx.services.interventionRegister.commitments({ laCodes: ctx.user.laScope, openOnly: true })
    const standings = await ctx.services.interventionRegister.standings(asAt)
    const rows = []
    for (const la of visible) {
      const a = await ctx.services.intervention.assessCached({ la: la.laCode, asAt })
      const standing = standings.get(la.laCode)
      const status = standing
        ? describeStanding(standing)
        : { intervention: 'No intervention recorded', delivery: 'Services delivered by the council (in-house)' }
      const inForce = standing?.intervention.kind ?? 'none'
      const delivered = standing?.delivery.kind ?? 'in-house'
      const laOverdue = overdue.filter((c) => c.la_code === la.laCode && c.due_date < asAt).length
      rows.push({
        laCode: la.laCode,
        name: la.name,
        region: la.region,
        grade: la.latestGrade,
        gradeDate: la.latestDate,
        status,
        recommendation: a.recommendation,
        overdue: laOverdue,
        watched: a.recommendation !== 'none' || laOverdue > 0 || inForce !== 'none' || delivered !== 'in-house',
      })
    }
    const watch = rows.filter((r) => r.watched)
    res.render('pages/intervention/dashboard.njk', {
      rows,
      watch,
      asAt,
      rungLabels: RUNG_LABELS,
      overdueCount: overdue.filter((c) => c.due_date < asAt).length,
    })
  },
})

/** One LA: status, assessment with rationale, register, people, letters and commitments, studies, meetings, decisions. */
export const interventionLaPage = definePage({
  PAGE_NAME: 'intervention-la',
  PATH: '/la/:la/intervention',
  REQUIRED_PERMISSION: 'intervention:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const la = ctx.laCode!
    const asAt =
      typeof req.query.asAt === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(req.query.asAt) ? req.query.asAt : today()
    const r = ctx.services.interventionRegister
    const [assessment, events, directory, national, letters, studies, meetings, decisions, people, status] =
      await Promise.all([
        ctx.services.intervention.assess({ la, asAt }),
        r.events(la),
        r.directory(la),
        r.directory(null),
        r.letters(la),
        r.studies(la),
        r.meetings(la),
        r.decisions(la),
        r.people(),
        r.standing(la, asAt),
      ])
    res.render('pages/intervention/la.njk', {
      laCode: la,
      asAt,
      today: today(),
      assessment,
      status: describeStanding(status),
      events: events.map((e) => ({ ...e, label: EVENT_KINDS[e.kind]?.label ?? e.kind })),
      directory,
      national,
      letters,
      studies,
      meetings,
      decisions,
      rungLabels: RUNG_LABELS,
      canEdit: ctx.user.role === 'national',
      peopleItems: [
        { value: '', text: 'Choose a person' },
        ...people.map((p) => ({
          value: String(p.id),
          text: `${p.name}${p.organisation ? `, ${p.organisation}` : ''}`,
        })),
      ],
      letterItems: letters.map((l) => ({ value: String(l.id), text: `${formatDate(l.sent_on)}: ${l.subject}` })),
      kindItems: [
        { value: '', text: 'Choose what happened' },
        ...Object.entries(EVENT_KINDS).map(([value, d]) => ({ value, text: d.label })),
      ],
      rungItems: [
        { value: '', text: 'Choose the decision' },
        ...RUNGS.map((value) => ({ value, text: RUNG_LABELS[value] })),
      ],
    })
  },
})

const dateFields = {
  day: z.string().trim().optional(),
  month: z.string().trim().optional(),
  year: z.string().trim().optional(),
}

export const addCommitmentPage = definePage({
  PAGE_NAME: 'intervention-commitment-add',
  PATH: '/la/:la/intervention/commitments',
  REQUIRED_PERMISSION: 'intervention:edit',
  LA_PARAM: 'la',
  BACK: (p) => `/la/${p.la}/intervention#commitments`,
  SCHEMA: z.object({
    letterId: z.string().regex(/^\d+$/, 'Choose the letter the commitment comes from'),
    what: z.string().trim().min(1, 'Enter what has been committed to').max(2000),
    ownerPersonId: z.string().optional(),
    'dueDate-day': dateFields.day,
    'dueDate-month': dateFields.month,
    'dueDate-year': dateFields.year,
  }),
  async POST(_req, res, ctx) {
    const b = ctx.body as Record<string, string>
    const back = `/la/${ctx.laCode}/intervention#commitments`
    await saveThen(
      ctx,
      res,
      back,
      'Commitment added',
      () =>
        ctx.services.interventionRegister.addCommitment(actorOf(ctx.user), {
          laCode: ctx.laCode!,
          sourceType: 'letter',
          sourceId: Number(b.letterId),
          what: b.what,
          ownerPersonId: b.ownerPersonId ? Number(b.ownerPersonId) : null,
          dueDate: isoFrom(b['dueDate-day'], b['dueDate-month'], b['dueDate-year']) ?? null,
        }),
      b,
    )
  },
})

export const completeCommitmentPage = definePage({
  PAGE_NAME: 'intervention-commitment-complete',
  PATH: '/la/:la/intervention/commitments/:id/done',
  REQUIRED_PERMISSION: 'intervention:edit',
  LA_PARAM: 'la',
  BACK: (p) => `/la/${p.la}/intervention#commitments`,
  SCHEMA: z.object({ version: z.string().regex(/^\d+$/, 'Reload the page and try again') }),
  async POST(req, res, ctx) {
    const back = `/la/${ctx.laCode}/intervention#commitments`
    const own = (await ctx.services.interventionRegister.commitments({ laCode: ctx.laCode })).find(
      (c) => c.id === Number(req.params.id),
    )
    if (!own) throw createError(404)
    await saveThen(
      ctx,
      res,
      back,
      `Marked done: ${own.what}`,
      () =>
        ctx.services.interventionRegister.completeCommitment(
          actorOf(ctx.user),
          own.id,
          Number((ctx.body as { version: string }).version),
          today(),
        ),
      {},
    )
  },
})

export const addEventPage = definePage({
  PAGE_NAME: 'intervention-event-add',
  PATH: '/la/:la/intervention/events',
  REQUIRED_PERMISSION: 'intervention:edit',
  LA_PARAM: 'la',
  BACK: (p) => `/la/${p.la}/intervention#register`,
  UPLOAD: { field: 'document', maxBytes: 20 * 1024 * 1024 },
  SCHEMA: z.object({
    kind: z.string().min(1, 'Choose what happened'),
    title: z.string().trim().max(300).optional(),
    details: z.string().trim().max(5000).optional(),
    'date-day': dateFields.day,
    'date-month': dateFields.month,
    'date-year': dateFields.year,
  }),
  async POST(req, res, ctx) {
    const b = ctx.body as Record<string, string>
    const back = `/la/${ctx.laCode}/intervention#register`
    const file = req.file
    await saveThen(
      ctx,
      res,
      back,
      'Added to the register',
      () =>
        ctx.services.interventionRegister.addEvent(
          actorOf(ctx.user),
          {
            laCode: ctx.laCode!,
            kind: b.kind,
            date: isoFrom(b['date-day'], b['date-month'], b['date-year']) ?? '',
            title: b.title,
            details: b.details,
          },
          file ? { name: file.originalname, bytes: file.buffer } : undefined,
        ),
      b,
    )
  },
})

export const recordDecisionPage = definePage({
  PAGE_NAME: 'intervention-decision',
  PATH: '/la/:la/intervention/decisions',
  REQUIRED_PERMISSION: 'intervention:edit',
  LA_PARAM: 'la',
  BACK: (p) => `/la/${p.la}/intervention#decisions`,
  SCHEMA: z.object({
    rung: z.string().min(1, 'Choose the decision'),
    reasons: z.string().trim().min(1, 'Give the reasons for the decision').max(5000),
  }),
  async POST(_req, res, ctx) {
    const b = ctx.body as { rung: string; reasons: string }
    const back = `/la/${ctx.laCode}/intervention#decisions`
    const recommendation = await ctx.services.intervention.assess({ la: ctx.laCode!, asAt: today() })
    await saveThen(
      ctx,
      res,
      back,
      'Decision recorded',
      () =>
        ctx.services.interventionRegister.recordDecision(
          actorOf(ctx.user),
          { laCode: ctx.laCode!, decidedOn: today(), rung: b.rung, reasons: b.reasons },
          recommendation,
        ),
      b,
    )
  },
})

/** The user's deadlines: all, overdue, and due in the next 14 days. */
async function deadlinesFor(ctx: PageContext) {
  const items = await ctx.services.interventionRegister.calendar(ctx.user.laScope)
  const now = today()
  const soon = new Date(Date.now() + 14 * 86400_000).toISOString().slice(0, 10)
  return {
    items,
    overdue: items.filter((i) => i.overdue),
    dueSoon: items.filter((i) => !i.done && i.date >= now && i.date <= soon),
  }
}

/** Every due date the user may see, and the overdue ones first. */
export const calendarPage = definePage({
  PAGE_NAME: 'calendar',
  PATH: '/calendar',
  REQUIRED_PERMISSION: 'intervention:view',
  async GET(_req, res, ctx) {
    res.render('pages/intervention/calendar.njk', await deadlinesFor(ctx))
  },
})

export const calendarIcs = definePage({
  PAGE_NAME: 'calendar-ics',
  PATH: '/calendar.ics',
  REQUIRED_PERMISSION: 'intervention:view',
  async GET(req, res, ctx) {
    const items = await ctx.services.interventionRegister.calendar(ctx.user.laScope)
    const base = `${req.protocol}://${req.get('host')}`
    const ics = toIcs(
      `Sightline deadlines: ${ctx.user.displayName}`,
      items.map((i) => ({
        // Stable across refreshes, so calendar apps update an event instead of duplicating it.
        uid: `${crypto.createHash('sha1').update(`${i.kind}|${i.laCode}|${i.date}|${i.title}`).digest('hex').slice(0, 20)}@sightline`,
        date: i.date,
        summary: `${i.kind}: ${i.title}${i.laName ? ` (${i.laName})` : ''}${i.done ? ' [done]' : ''}`,
        url: i.laCode ? `${base}/la/${i.laCode}/intervention` : undefined,
      })),
      new Date(),
    )
    res.type('text/calendar; charset=utf-8').attachment('sightline-deadlines.ics').send(ics)
  },
})

/** In-app notifications: what is overdue or due in the next 14 days, for this user's scope. */
export const notificationsPage = definePage({
  PAGE_NAME: 'notifications',
  PATH: '/notifications',
  REQUIRED_PERMISSION: 'intervention:view',
  async GET(_req, res, ctx) {
    res.render('pages/intervention/notifications.njk', await deadlinesFor(ctx))
  },
})

/** A letter's PDF, as held in the register ("PDF held" on the oversight page opens it). */
export const letterPdf = definePage({
  PAGE_NAME: 'intervention-letter-pdf',
  PATH: '/la/:la/intervention/letters/:id.pdf',
  REQUIRED_PERMISSION: 'intervention:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const id = Number(req.params.id)
    const doc = Number.isInteger(id)
      ? await ctx.services.interventionRegister.letterDocument(ctx.laCode!, id)
      : undefined
    if (!doc) throw createError(404)
    res
      .type('application/pdf')
      .setHeader('Content-Disposition', `inline; filename="${doc.name.replace(/[^\w.-]/g, '_')}"`)
    res.send(doc.bytes)
  },
})

export const interventionPages = [
  letterPdf,
  interventionDashboard,
  interventionLaPage,
  addCommitmentPage,
  completeCommitmentPage,
  addEventPage,
  recordDecisionPage,
  calendarPage,
  calendarIcs,
  notificationsPage,
]
