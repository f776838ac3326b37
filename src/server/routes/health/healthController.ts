import { definePage } from '../page.ts'

/** Liveness and store check for load balancers and monitoring: 200 when the store answers, else 503. */
export default definePage({
  PAGE_NAME: 'health',
  PATH: '/health',
  REQUIRED_PERMISSION: 'public',
  async GET(_req, res, ctx) {
    const started = Date.now()
    try {
      await ctx.services.store.query('SELECT 1')
      res.json({ status: 'UP', store: { kind: ctx.services.store.kind, status: 'UP', ms: Date.now() - started } })
    } catch (err) {
      res.status(503).json({
        status: 'DOWN',
        store: { kind: ctx.services.store.kind, status: 'DOWN', error: (err as Error).message },
      })
    }
  },
})
