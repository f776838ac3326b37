/**
 * Times the phases of a start (wall and CPU milliseconds since the process began), for `npm run bench:start`: with
 * SIGHTLINE_START_TIMINGS=1 each phase prints one line `start-timing {json}`; otherwise nothing is measured or printed.
 */
export type StartTimer = <T>(phase: string, fn: () => Promise<T> | T) => Promise<T>

export function startTimer(enabled = process.env.SIGHTLINE_START_TIMINGS === '1'): StartTimer {
  if (!enabled) return async (_phase, fn) => fn()
  return async (phase, fn) => {
    const wall = performance.now()
    const cpu = process.cpuUsage()
    try {
      return await fn()
    } finally {
      const used = process.cpuUsage(cpu)
      const line = {
        phase,
        ms: Math.round(performance.now() - wall),
        cpuMs: Math.round((used.user + used.system) / 1000),
        atMs: Math.round(performance.now()),
        /** CPU time of the whole process (every thread) so far. */
        cpuAtMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
        rssMb: Math.round(process.memoryUsage.rss() / 1e6),
      }
      console.log(`start-timing ${JSON.stringify(line)}`)
    }
  }
}
