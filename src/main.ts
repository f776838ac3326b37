import fs from 'node:fs'
import path from 'node:path'
import { loadConfig } from './config.ts'
import { dataAccess } from './dataAccess.ts'
import { DataDirInUseError } from './data/dataDirLock.ts'
import { createApp } from './server/app.ts'
import { services as buildServices } from './services/index.ts'
import { demoBanner } from './services/demoService.ts'
import { startupTasks } from './startup.ts'

/** `npm start`: migrate, load the public data, seed demo data on an empty data directory, serve. */
async function main() {
  const config = loadConfig()
  const freshDataDir = !config.databaseUrl && !fs.existsSync(path.join(config.dataDir, 'pglite'))
  const da = await dataAccess(config, { holder: 'the Sightline server' })
  const services = buildServices(da, {
    log: (err) => console.error(`Health check: the store did not answer (${(err as Error).message})`),
  })
  const demo =
    config.demo === 'on' ||
    (config.demo === 'auto' && (freshDataDir || fs.existsSync(path.join(config.dataDir, 'demo-accounts.json'))))
  const accounts = await startupTasks(services, { demo, dataDir: config.dataDir, log: (m) => console.log(m) })
  const app = createApp(services)
  const server = app.listen(config.port, config.host, () => {
    const shown =
      config.host === '127.0.0.1' || config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
    const url = `http://${shown}:${config.port}`
    if (accounts) console.log(demoBanner(url, accounts))
    else console.log(`Sightline is running at ${url} (store: ${da.store.kind})`)
  })
  // Anchor the audit chain's head outside the store every five minutes and at shutdown (see auditService).
  const anchor = () => services.audit.anchor().catch((err) => console.error(`Audit anchor not written: ${err.message}`))
  const anchorTimer = setInterval(anchor, 5 * 60_000)
  anchorTimer.unref()
  void anchor()
  const stop = async () => {
    clearInterval(anchorTimer)
    server.close()
    await anchor()
    await da.apiChildStore?.close?.()
    await da.store.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err) => {
  console.error(`Sightline could not start: ${err.message}`)
  process.exit(err instanceof DataDirInUseError ? 2 : 1)
})
