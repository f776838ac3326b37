import type { Request } from 'express'
import { RUNGS } from '../../../../engine/intervention/assess.ts'
import { EVENT_KINDS, describeStanding, type EventKind } from '../../../../engine/intervention/events.ts'
import { formatDate } from '../../../../engine/dates.ts'
import { definePage, type PageContext } from '../../page.ts'
import { RUNG_LABELS, today } from './interventionPage.ts'

/** ?asAt=YYYY-MM-DD (a real date), default today. */
function asAtOf(req: Request) {
  const v = typeof req.query.asAt === 'string' ? req.query.asAt : ''
  return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : today()
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
    const asAt = asAtOf(req)
    const data = await registerOf(ctx, la, asAt)
    res.render('pages/la/intervention/index.njk', {
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
