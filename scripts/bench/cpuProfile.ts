/**
 * CPU profiles of the bench server's own thread (`bench:http --profile DIR`), taken with the inspector around one
 * page's load and written as `.cpuprofile` files (open them in Chrome DevTools, or `node scripts/bench/profileTop.ts`).
 */
import fs from 'node:fs'
import { Session } from 'node:inspector/promises'

export function cpuProfiler() {
  let session: Session | undefined
  return {
    async start() {
      session = new Session()
      session.connect()
      await session.post('Profiler.enable')
      await session.post('Profiler.setSamplingInterval', { interval: 500 })
      await session.post('Profiler.start')
      return { started: true }
    },
    async stop(file: string) {
      if (!session) return { written: null }
      const { profile } = await session.post('Profiler.stop')
      session.disconnect()
      session = undefined
      fs.writeFileSync(file, JSON.stringify(profile))
      return { written: file }
    },
  }
}
