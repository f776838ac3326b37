/**
 * The servers `npm run bench:http` loads, in one child process (so the load generator has its own event loop): the
 * Sightline app over a fresh store (PGlite, or PostgreSQL when DATABASE_URL is set) with the public data and the demo
 * seeds, and a reference app (bare Express 5 + Nunjucks with cached templates, no store, no session) that renders a
 * page of any asked size and a bare JSON route. Prints one line `ready {json}` with both ports and a signed-in cookie.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import express from 'express'
import nunjucks from 'nunjucks'
import { loadConfig } from '../../src/config.ts'
import { dataAccess } from '../../src/dataAccess.ts'
import { createApp } from '../../src/server/app.ts'
import { DEMO_PLAN_LA } from '../../src/services/demo/seedDemoPlan.ts'
import { services as buildServices } from '../../src/services/index.ts'
import { startupTasks } from '../../src/startup.ts'
import { Client } from '../../test/support/app.ts'
import { cpuProfiler } from './cpuProfile.ts'

const PASSWORD = 'benchmark-password-1'

/** A bare Express 5 + Nunjucks app: `/ref?bytes=N` renders a table of about N bytes; `/ref.json` a small JSON body. */
function referenceApp(inflight: () => number) {
  const app = express()
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader(path.join(os.tmpdir(), 'sightline-bench-ref-views')),
    {
      autoescape: true,
      noCache: false,
    },
  )
  env.express(app)
  const row = { code: '330', name: 'Birmingham', region: 'West Midlands', grade: 'Inadequate', rate: '123.4' }
  app.get('/ref', (req, res) => {
    const bytes = Math.max(1000, Number(req.query.bytes) || 50_000)
    // About 120 bytes a row, as the register's tables are.
    const rows = Array.from({ length: Math.round(bytes / 120) }, (_v, i) => ({ ...row, i }))
    res.render('ref.njk', { rows })
  })
  app.get('/ref.json', (_req, res) => res.json({ status: 'ok', store: 'none' }))
  // For the load generator: Sightline requests still being answered (a load leaves a backlog behind it).
  app.get('/inflight', (_req, res) => res.json({ inflight: inflight() }))
  // CPU time of this process (all its threads: the app, the reference and PGlite's worker), for CPU per request.
  app.get('/cpu', (_req, res) => {
    const { user, system } = process.cpuUsage()
    res.json({ ms: (user + system) / 1000 })
  })
  // `bench:http --profile DIR`: a CPU profile of this process (the Sightline app's thread) around one page's load.
  const profiler = cpuProfiler()
  app.post('/profile/start', async (_req, res) => res.json(await profiler.start()))
  app.post('/profile/stop', async (req, res) => res.json(await profiler.stop(String(req.query.file))))
  return app
}

function writeReferenceView() {
  const dir = path.join(os.tmpdir(), 'sightline-bench-ref-views')
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(
    path.join(dir, 'ref.njk'),
    `<!DOCTYPE html><html lang="en"><head><title>Reference</title></head><body><table class="govuk-table">
{% for r in rows %}<tr class="govuk-table__row"><td>{{ r.code }}</td><td>{{ r.name }}</td><td>{{ r.region }}</td><td>{{ r.grade }}</td><td>{{ r.rate }} {{ r.i }}</td></tr>
{% endfor %}</table></body></html>`,
  )
}

async function main() {
  writeReferenceView()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-bench-'))
  const config = loadConfig(
    { NODE_ENV: process.env.NODE_ENV ?? 'production', DATABASE_URL: process.env.DATABASE_URL },
    { dataDir, logLevel: 'silent' },
  )
  const da = await dataAccess(config)
  const services = buildServices(da)
  // The demo start-up as `npm start` does it, waiting for its background work too: the simulated Birmingham 2014
  // casework read into Birmingham's casework store, which the casework pages show.
  const { background } = await startupTasks(services, { demo: true, dataDir, log: () => undefined })
  await background
  const planId = await services.demo.seedPlan()
  await services.users.add({
    username: 'bench',
    displayName: 'Bench',
    role: 'national',
    title: 'bench',
    password: PASSWORD,
  })
  // Birmingham's own user, for the casework pages (child-level data: the LA's users only).
  await services.users.add({
    username: 'bench.local',
    displayName: 'Bench Local',
    role: 'local',
    title: 'bench',
    password: PASSWORD,
    laCodes: ['330'],
  })
  let inflight = 0
  const app = createApp(services).listen(0, '127.0.0.1')
  app.on('request', (_req, res) => {
    inflight++
    res.once('close', () => inflight--)
  })
  const ref = referenceApp(() => inflight).listen(0, '127.0.0.1')
  await Promise.all([app, ref].map((s) => new Promise((r) => s.once('listening', r))))
  const port = (s: typeof app) => (s.address() as { port: number }).port
  const client = new Client(`http://127.0.0.1:${port(app)}`)
  await client.signIn('bench', PASSWORD)
  const local = new Client(`http://127.0.0.1:${port(app)}`)
  await local.signIn('bench.local', PASSWORD)
  console.log(
    `ready ${JSON.stringify({ app: port(app), ref: port(ref), cookie: client.cookie, localCookie: local.cookie, planPath: `/la/${DEMO_PLAN_LA}/plans/${planId}`, store: da.store.kind })}`,
  )
  const stop = async () => {
    app.close()
    ref.close()
    await da.store.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
    process.exit(0)
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main().catch((err) => {
  console.error(`bench server failed: ${err.stack ?? err}`)
  process.exit(1)
})
