import { definePage } from '../page.ts'
import { deadlinesFor } from './deadlines.ts'

/** Every due date the user may see, and the overdue ones first. */
export default definePage({
  PAGE_NAME: 'calendar',
  PATH: '/calendar',
  REQUIRED_PERMISSION: 'intervention:view',
  async GET(_req, res, ctx) {
    res.render('pages/calendar/index.njk', await deadlinesFor(ctx))
  },
})
