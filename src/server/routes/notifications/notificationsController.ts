import { definePage } from '../page.ts'
import { deadlinesFor } from '../calendar/deadlines.ts'

/** In-app notifications: what is overdue or due in the next 14 days, for this user's scope. */
export default definePage({
  PAGE_NAME: 'notifications',
  PATH: '/notifications',
  REQUIRED_PERMISSION: 'intervention:view',
  async GET(_req, res, ctx) {
    res.render('pages/notifications/index.njk', await deadlinesFor(ctx))
  },
})
