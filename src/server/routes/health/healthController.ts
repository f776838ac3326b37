import { definePage } from '../page.ts'

/** Liveness and store check for load balancers and monitoring: 200 when the store answers, else 503. */
export default definePage({
  PAGE_NAME: 'health',
  PATH: '/health',
  REQUIRED_PERMISSION: 'public',
  async GET(_req, res, ctx) {
    const store = await ctx.services.health.store()
    res.status(store.status === 'UP' ? 200 : 503).json({ status: store.status, store })
  },
})
