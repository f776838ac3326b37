import { definePage } from '../page.ts'

/**
 * Liveness and store check for load balancers and monitoring: 200 when the store answers, else 503. The store is asked
 * at most once a second and the answer shared (`store.ageMs` says how old it is); a store that stops answering shows as
 * DOWN within three seconds. No session is read, so polling it costs one query a second at most. It is answered first,
 * with precomputed headers, and a 200 is not written to the request log (see probe.ts).
 */
export default definePage({
  PAGE_NAME: 'health',
  PATH: '/health',
  REQUIRED_PERMISSION: 'public',
  NO_SESSION: true,
  async PROBE(services) {
    const store = await services.health.shared()
    return { status: store.status === 'UP' ? 200 : 503, body: { status: store.status, store } }
  },
})
