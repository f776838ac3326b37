import { Writable } from 'node:stream'
import { after, before } from 'node:test'
import pino from 'pino'
import type { Store } from '../../src/data/store.ts'
import { startTestApp } from './app.ts'
import { storesUnderTest } from './stores.ts'

export type LogLine = {
  msg: string
  level: number
  req?: { id: string; method: string; path: string }
  res?: { statusCode: number }
}

/** A logger at info level whose JSON lines are kept (`lines`, as written; `parsed`, read back). */
export function capturedLogger() {
  const lines: string[] = []
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean))
      done()
    },
  })
  const parsed = () => lines.map((l) => JSON.parse(l) as LogLine)
  return { logger: pino({ level: 'info' }, sink), lines, parsed }
}

/**
 * A test app over a fresh migrated PGlite store that logs into a captured logger: opened before the suite's tests and
 * closed after them (call inside a describe).
 */
export function loggedAppForSuite() {
  const log = capturedLogger()
  const suite = { log } as {
    log: typeof log
    store: Store
    app: Awaited<ReturnType<typeof startTestApp>>
  }
  before(async () => {
    suite.store = await storesUnderTest()[0].open()
    suite.app = await startTestApp(suite.store, { logger: log.logger })
  })
  after(async () => {
    await suite.app?.close()
    await suite.store?.close()
  })
  return suite
}
