import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { loadConfig } from './config.ts'
import type { Store } from './data/store.ts'
import { services as buildServices, type Services } from './services/index.ts'
import { demoCaseworkDir, startupTasks } from './startup.ts'
import { storesUnderTest } from '../test/support/stores.ts'

describe('start-up in demo mode', () => {
  let store: Store
  let services: Services
  let dataDir: string
  const log: string[] = []
  before(async () => {
    store = await storesUnderTest()[0].openWithPublicData()
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-startup-'))
    const config = loadConfig({ NODE_ENV: 'test' }, { dataDir, logLevel: 'silent' })
    services = buildServices({ config, store })
  })
  after(async () => {
    await store?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('writes a simulated Birmingham as at 31 March 2014 once, and leaves it alone on the next start', async () => {
    const { accounts, background } = await startupTasks(services, { demo: true, dataDir, log: (m) => log.push(m) })
    await background
    assert.ok(accounts?.length, 'demo accounts are returned')
    const dir = demoCaseworkDir(dataDir)
    for (const f of ['cin-census.xml', 'annex-a.xlsx', 'truth.json']) assert.ok(fs.existsSync(path.join(dir, f)), f)
    const truth = JSON.parse(fs.readFileSync(path.join(dir, 'truth.json'), 'utf8'))
    assert.equal(truth.la, '330')
    assert.equal(truth.asAt, '2014-03-31')
    assert.ok(truth.failures.includes('front-door-backlog'))
    assert.ok(
      log.some((m) => /Simulated Birmingham's casework as at 31 March 2014/.test(m)),
      log.join('\n'),
    )
    // The demo Birmingham plan's measures are linked to casework indicators (they fill themselves once it is read).
    const [brum] = await services.planViews.listPlans({ id: null, name: 'test', role: 'national' }, '330')
    const model = await services.planViews.planModel(brum.id, { id: null, name: 'test', role: 'national' })
    assert.ok(model.kpis.length && model.kpis.every((k) => k.caseworkIndicator), 'linked measures')
    const written = fs.statSync(path.join(dir, 'cin-census.xml')).mtimeMs
    log.length = 0
    await (
      await startupTasks(services, { demo: true, dataDir, log: (m) => log.push(m) })
    ).background
    assert.equal(fs.statSync(path.join(dir, 'cin-census.xml')).mtimeMs, written)
    assert.ok(!log.some((m) => /Simulated/.test(m)), 'the second start does not simulate again')
    assert.deepEqual(
      fs.readdirSync(path.dirname(dir)).filter((f) => f !== 'birmingham-2014'),
      [],
      'no temporary directory left behind',
    )
  })
})
