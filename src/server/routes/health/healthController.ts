import { definePage } from '../page.ts'

/**
 * Liveness and store check for load balancers and monitoring: 200 when the store answers, else 503. The store is asked
 * at most once a second and the answer shared (`store.ageMs` says how old it is); a store that stops answering shows as
 * DOWN within three seconds. No session is read, so polling it costs one query a second at most.
 */
export default definePage({
  PAGE_NAME: 'health',
  PATH: '/health',
  REQUIRED_PERMISSION: 'public',
  NO_SESSION: true,
  async GET(_req, res, ctx) {
    const store = await ctx.services.health.shared()
    res.set('Cache-Control', 'no-store')
    res.status(store.status === 'UP' ? 200 : 503).json({ status: store.status, store })
  },
})
