import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { loadConfig } from '../../src/config.ts'
import type { Store } from '../../src/data/store.ts'
import { services as buildServices, type Services } from '../../src/services/index.ts'
import { simulatedFiles } from '../../src/services/casework/demoCasework.ts'
import { BIRMINGHAM_KPIS, BIRMINGHAM_PLAN_TITLE } from '../../src/services/demo/seedBirminghamPlan.ts'
import type { PlanActor } from '../../src/services/plans/index.ts'
import { addPlanActor } from '../support/actors.ts'
import { addUser, Client, startTestApp } from '../support/app.ts'
import { storesUnderTest } from '../support/stores.ts'
import { simulatedLa, tmpDir } from './support.ts'

/**
 * A KPI linked to a casework indicator fills itself from the indicator snapshots recorded when an upload becomes
 * current: no value before any upload (never a zero), the simulator's truth.json value after it, and the new value
 * when a later upload for the same month becomes current. The expected values are read from truth.json (written by
 * the simulator), not computed by the code under test.
 */
const LA = '330'
const INDICATOR = 'assessments_within_45_wd'
const truthOf = (dir: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, 'truth.json'), 'utf8')).indicators[INDICATOR] as {
    value: number
    numerator: number
    denominator: number
  }

async function withLa(store: Store) {
  await store.query(`INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current) VALUES
    ('${LA}', 'E08000025', 'Birmingham', 'West Midlands', 'Metropolitan district', true)`)
}

const upload = async (services: Services, dir: string) => {
  const up = await services.casework.ingest(LA, simulatedFiles(dir), { asAt: '2014-03-31' })
  assert.equal(up.rejected, null)
  return up.snapshotId
}

for (const s of storesUnderTest())
  describe(`a KPI linked to a casework indicator (${s.name})`, () => {
    let store: Store
    let services: Services
    let lead: PlanActor
    const dataDir = tmpDir('kpi-linked-')
    before(async () => {
      store = await s.open()
      await withLa(store)
      const config = loadConfig({ NODE_ENV: 'test' }, { dataDir, logLevel: 'silent' })
      services = buildServices({ config, store })
      lead = await addPlanActor(store, 'kpi.lead', 'local', [LA])
    })
    after(async () => {
      await services?.casework.close()
      await store?.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    })

    it('fills itself from each upload that becomes current, and takes no typed value', async () => {
      const [first, second] = await Promise.all([simulatedLa(LA, 0.01, 'kpi-a'), simulatedLa(LA, 0.01, 'kpi-b')])
      const [a, b] = [truthOf(first), truthOf(second)]
      assert.notEqual(a.value, b.value, 'the two simulations differ on the indicator, so a change can be seen')
      const { planId } = await services.plans.createPlan({ laCode: LA, title: 'Linked', reportIds: [] }, lead)
      const kpi = await services.plans.addKpi(
        planId,
        {
          name: 'Assessments on time',
          definition: 'As the indicator',
          polarity: 'higher',
          caseworkIndicator: INDICATOR,
        },
        lead,
      )
      assert.equal(kpi.unit, '%', "the indicator's unit when none is given")
      await assert.rejects(
        services.plans.addKpi(
          planId,
          { name: 'Bad', definition: 'No such indicator', polarity: 'higher', caseworkIndicator: 'no_such_indicator' },
          lead,
        ),
        /caseworkIndicator: Select a casework indicator from the list/,
      )
      const model = async () => (await services.planViews.planModel(planId, lead)).kpis.find((k) => k.id === kpi.id)!

      assert.deepEqual((await model()).values, [], 'no snapshot yet: no value, not a zero')

      const firstId = await upload(services, first)
      const filled = await model()
      assert.deepEqual(
        filled.values.map((v) => [v.month, v.value, v.source, v.asAt, v.snapshotId]),
        [['2014-03-01', a.value, 'casework', '2014-03-31', firstId]],
      )
      assert.equal(filled.rag.value, a.value)

      const secondId = await upload(services, second)
      const changed = await model()
      assert.deepEqual(
        changed.values.map((v) => [v.month, v.value, v.snapshotId]),
        [['2014-03-01', b.value, secondId]],
        'the month takes the value of the snapshot that became current',
      )
      assert.equal(changed.rag.value, b.value)

      await assert.rejects(
        services.plans.setKpiValue(kpi.id, { month: '2014-03-01', value: 50 }, lead),
        /kpiId: “Assessments on time” fills itself from the council's casework snapshots/,
      )
    })
  })

describe('the impact measures page of a plan with a linked KPI', () => {
  let store: Store
  let app: Awaited<ReturnType<typeof startTestApp>>
  const dataDir = tmpDir('kpi-linked-page-')
  const c = { local: undefined as unknown as Client }
  before(async () => {
    store = await storesUnderTest()[0].open()
    await withLa(store)
    app = await startTestApp(store, { config: { dataDir } })
    await addUser(app.services, 'improvement.lead', 'local', [LA])
    c.local = new Client(app.url)
    await c.local.signIn('improvement.lead')
  })
  after(async () => {
    await app?.services.casework.close()
    await app?.close()
    await store?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('says plainly there is no snapshot yet, then shows each value with the snapshot it came from', async () => {
    const planId = await app.services.demo.seedBirminghamPlan()
    const url = `/la/${LA}/plans/${planId}/kpis`
    const empty = await c.local.request('GET', url)
    assert.equal(empty.status, 200)
    assert.match(empty.text, new RegExp(BIRMINGHAM_PLAN_TITLE.replace(/'/g, "(&#39;|\u2019|')")))
    assert.equal([...empty.text.matchAll(/data-qa="kpi-no-snapshot"/g)].length, BIRMINGHAM_KPIS.length)
    assert.doesNotMatch(empty.text, /data-qa="kpi-actual"/, 'no month, so no zero')
    assert.doesNotMatch(empty.text, /data-qa="save-kpi-value"/, 'linked measures take no typed values')

    // A measure added through the form, linked to an indicator.
    const token = await c.local.csrf(url)
    const added = await c.local.request('POST', `${url}/new`, {
      _csrf: token,
      name: 'Referrals with no further action',
      definition: 'As the indicator',
      polarity: 'lower',
      caseworkIndicator: 'referrals_nfa',
    })
    assert.equal(added.status, 303)

    const dir = await simulatedLa(LA, 0.01, 'kpi-a')
    const truth = JSON.parse(fs.readFileSync(path.join(dir, 'truth.json'), 'utf8')).indicators
    await upload(app.services, dir)
    const page = await c.local.request('GET', url)
    assert.doesNotMatch(page.text, /data-qa="kpi-no-snapshot"/)
    const sections = page.text.split('data-qa="kpi"').slice(1)
    const byName = (name: string) => sections.find((x) => x.includes(name))!
    for (const k of [
      ...BIRMINGHAM_KPIS,
      { name: 'Referrals with no further action', caseworkIndicator: 'referrals_nfa' },
    ]) {
      const section = byName(k.name)
      assert.match(section, new RegExp(`data-qa="kpi-indicator"[^]*#${k.caseworkIndicator}"`), k.name)
      const actual = /data-qa="kpi-actual">([^<]*)</.exec(section)![1]
      assert.equal(Number(actual), truth[k.caseworkIndicator].value, k.name)
      assert.match(section, /data-qa="kpi-source">Casework snapshot as at 31 March 2014</, k.name)
    }
  })
})
