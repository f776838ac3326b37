import fs from 'node:fs'
import path from 'node:path'
import type { Config } from './config.ts'
import { collectOnce } from './collectOnce.ts'
import { installMemoryProbe } from './memoryProbe.ts'
import { dataAccess } from './dataAccess.ts'
import type { OpenedForStart } from './startStore.ts'
import { createApp } from './server/app.ts'
import { startHousekeeping } from './services/housekeeping.ts'
import { services as buildServices } from './services/index.ts'
import { demoBanner } from './services/demoService.ts'
import { closePdfBrowser } from './services/pdf.ts'
import { beginSetUp, finishSetUp } from './services/setupProgress.ts'
import { startupTasks } from './startup.ts'
import type { StartTimer } from './startTimer.ts'

/**
 * `npm start`, once the store is open (main.ts): load the public data, seed demo data on an empty data directory, serve.
 */
export async function serve(config: Config, opened: OpenedForStart, time: StartTimer) {
  const { fresh, resumedDemo } = opened
  let da = opened.da
  const health = {
    log: (err: unknown) => console.error(`Health check: the store did not answer (${(err as Error).message})`),
  }
  let services = buildServices(da, health)
  const demo =
    config.demo === 'on' ||
    (config.demo === 'auto' && (fresh || resumedDemo || fs.existsSync(path.join(config.dataDir, 'demo-accounts.json'))))
  const { accounts, background } = await startupTasks(services, {
    demo,
    dataDir: config.dataDir,
    log: (m) => console.log(m),
    setUp: { begin: () => beginSetUp(da.store, { fresh, demo }), finish: () => finishSetUp(da.store) },
    time,
    // PGlite's WebAssembly memory grows with a first start's bulk loading and never shrinks (hundreds of MB): the store
    // is closed and opened again once the set-up is done, which gives that memory back.
    reopen:
      fresh && da.store.kind === 'pglite'
        ? async () => {
            await da.store.close()
            da = await time('reopen-store', () => dataAccess(config, { holder: 'the Sightline server' }))
            services = buildServices(da, health)
            return services
          }
        : undefined,
  })
  const app = await time('create-app', () => createApp(services))
  // The background work (the kept risk figures, the memory probe, the audit anchor, housekeeping) starts once the server
  // is listening and has said so: none of it is needed to answer a request, and its first steps took about 0.1 s.
  let stopHousekeeping = () => {}
  let anchorTimer: NodeJS.Timeout | undefined
  const anchor = () => services.audit.anchor().catch((err) => console.error(`Audit anchor not written: ${err.message}`))
  const server = app.listen(config.port, config.host, () => {
    void time('listening', () => undefined)
    const shown =
      config.host === '127.0.0.1' || config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
    const url = `http://${shown}:${config.port}`
    if (accounts) console.log(demoBanner(url, accounts))
    else console.log(`Sightline is running at ${url} (store: ${da.store.kind})`)
    setImmediate(() => {
      // The risk figures kept for `sightline risk estimate` when there are none for this data (read once).
      void services.risk.keepForCommandLine().catch((err) => console.error(`Risk figures not kept: ${err.message}`))
      // bench:load's view of the memory, part by part (only over an IPC channel a parent process opened).
      installMemoryProbe(() => ({ services, store: da.store }))
      // Anchor the audit chain's head outside the store every five minutes and at shutdown (see auditService).
      anchorTimer = setInterval(anchor, 5 * 60_000)
      anchorTimer.unref()
      void anchor()
      stopHousekeeping = startHousekeeping(services, { log: (m) => console.error(m) })
    })
  })
  // A first start's set-up and demo casework leave dead buffers behind: collected once, when the work is done.
  void background.then(() => time('demo-casework-ready', () => (fresh ? collectOnce() : undefined)))
  const stop = async () => {
    if (anchorTimer) clearInterval(anchorTimer)
    stopHousekeeping()
    server.close()
    await anchor()
    await closePdfBrowser()
    await da.apiChildStore?.close?.()
    await da.store.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
