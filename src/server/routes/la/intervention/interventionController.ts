import type { Request } from 'express'
import { RUNGS } from '../../../../engine/intervention/assess.ts'
import { EVENT_KINDS, describeStanding, type EventKind } from '../../../../engine/intervention/events.ts'
import { formatDate } from '../../../../engine/dates.ts'
import { FORM_MESSAGES, realDate } from '../../../../engine/forms/fields.ts'
import { definePage, type PageContext } from '../../page.ts'
import { RUNG_LABELS, today } from './interventionPage.ts'

/**
 * The date to assess as at: the GOV.UK date input (?asAt-day=23&asAt-month=5&asAt-year=2014), or ?asAt=2014-05-23 from
 * a link; default today. A date that does not exist is said so beside the boxes (and today is shown).
 */
function asAtOf(req: Request) {
  const q = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string).trim() : '')
  const typed = { day: q('asAt-day'), month: q('asAt-month'), year: q('asAt-year') }
  if (typed.day || typed.month || typed.year) {
    const iso = realDate(typed)
    if (iso) return { asAt: iso }
    const values = { 'asAt-day': typed.day, 'asAt-month': typed.month, 'asAt-year': typed.year }
    return { asAt: today(), error: FORM_MESSAGES.realDate, values }
  }
  const v = q('asAt')
  return {
    asAt:
      /^\d{4}-\d{2}-\d{2}$/.test(v) && realDate({ day: v.slice(8), month: v.slice(5, 7), year: v.slice(0, 4) })
        ? v
        : today(),
  }
}

/** The page's flash, with a bad as-at date added as a GOV.UK error (summary and beside the boxes). */
function withDateError(flash: Record<string, unknown> | undefined, date: ReturnType<typeof asAtOf>) {
  if (!date.error) return flash
  return {
    ...flash,
    errors: { asAt: date.error },
    errorHrefs: { asAt: '#asAt-day' },
    errorSummary: [{ text: date.error, href: '#asAt-day' }],
    values: date.values,
  }
}

/** Everything the LA's oversight page lists, read together. */
async function registerOf(ctx: PageContext, la: string, asAt: string) {
  const r = ctx.services.interventionRegister
  const [assessment, events, directory, national, letters, studies, meetings, decisions, people, standing] =
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
  return { assessment, events, directory, national, letters, studies, meetings, decisions, people, standing }
}

/** The choices of the page's forms. */
function formItems(data: Awaited<ReturnType<typeof registerOf>>) {
  return {
    peopleItems: [
      { value: '', text: 'Choose a person' },
      ...data.people.map((p) => ({
        value: String(p.id),
        text: `${p.name}${p.organisation ? `, ${p.organisation}` : ''}`,
      })),
    ],
    letterItems: data.letters.map((l) => ({ value: String(l.id), text: `${formatDate(l.sentOn)}: ${l.subject}` })),
    kindItems: [
      { value: '', text: 'Choose what happened' },
      ...Object.entries(EVENT_KINDS).map(([value, d]) => ({ value, text: d.label })),
    ],
    rungItems: [
      { value: '', text: 'Choose the decision' },
      ...RUNGS.map((value) => ({ value, text: RUNG_LABELS[value] })),
    ],
  }
}

/** One LA: status, assessment with rationale, register, people, letters and commitments, studies, meetings, decisions. */
export default definePage({
  PAGE_NAME: 'intervention-la',
  PATH: '/la/:la/intervention',
  REQUIRED_PERMISSION: 'intervention:view',
  LA_PARAM: 'la',
  async GET(req, res, ctx) {
    const la = ctx.laCode!
    const date = asAtOf(req)
    const asAt = date.asAt
    const data = await registerOf(ctx, la, asAt)
    res.render('pages/la/intervention/index.njk', {
      flash: withDateError(res.locals.flash, date),
      laCode: la,
      asAt,
      today: today(),
      assessment: data.assessment,
      status: describeStanding(data.standing),
      events: data.events.map((e) => ({ ...e, label: EVENT_KINDS[e.kind as EventKind]?.label ?? e.kind })),
      directory: data.directory,
      national: data.national,
      letters: data.letters,
      studies: data.studies,
      meetings: data.meetings,
      decisions: data.decisions,
      rungLabels: RUNG_LABELS,
      canEdit: ctx.user.role === 'national',
      ...formItems(data),
    })
  },
})
