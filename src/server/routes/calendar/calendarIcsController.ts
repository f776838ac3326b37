import crypto from 'node:crypto'
import { toIcs } from '../../../engine/calendar/ical.ts'
import { urls } from '../../urls.ts'
import { definePage } from '../page.ts'

/** The same deadlines as an iCalendar file, for calendar apps. */
export default definePage({
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
        url: i.laCode ? `${base}${urls.laIntervention(i.laCode)}` : undefined,
      })),
      new Date(),
    )
    res.type('text/calendar; charset=utf-8').attachment('sightline-deadlines.ics').send(ics)
  },
})
