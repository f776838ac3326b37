import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Store } from '../../../../data/store.ts'
import { openCaseworkStore, type CaseworkStore } from '../../../../engine/casework/store.ts'
import { caseworkApiStore } from '../../../../engine/returns/dfeApi/caseworkApiStore.ts'
import { memoryOutput } from '../../../../engine/simulate/output.ts'
import { parseProfiles } from '../../../../engine/simulate/profiles.ts'
import { simulate } from '../../../../engine/simulate/run.ts'
import { publicFigures } from '../../../../services/simulateService.ts'
import { addUser, Client, startTestApp } from '../../../../../test/support/app.ts'
import { urls } from '../../../urls.ts'
import { addApiClient, addLa, DfeSender } from '../../../../../test/support/apiSender.ts'
import { storesUnderTest } from '../../../../../test/support/stores.ts'

type Child = { la_child_id: string; purge?: boolean; social_care_episodes?: { child_protection_plans?: unknown[] }[] }
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i

/** What Data to Insight's sender does with a 200: a list as long as the batch, each item `date_time_uuid` or a uuid. */
function parseReceipts(text: string, batch: number): string[] {
  const items = JSON.parse(text)
  assert.ok(Array.isArray(items), 'expected list')
  assert.equal(items.length, batch, 'response count matches sent records')
  return items.map((item: string) => item.split('_').at(-1)!)
}

/** The simulator's DfE CSC API bodies for a small Birmingham, as a sender would send them. */
async function simulatedBodies(): Promise<Child[][]> {
  const out = memoryOutput()
  const o = { las: ['330'], asAt: '2014-03-31', years: 1, seed: '11', scale: 0.03 }
  await simulate({ ...o, profiles: parseProfiles('birmingham-2014'), formats: ['dfe-api-json'] }, publicFigures(), out)
  return [...out.files.keys()]
    .filter((k) => k.startsWith('dfe-api/'))
    .sort()
    .map((k) => JSON.parse(out.files.get(k)!.toString()))
}

describe('POST /children_social_care_data/{la_code}/children: a DfE sender, into the casework store', () => {
  let store: Store
  let app: Awaited<ReturnType<typeof startTestApp>>
  let casework: ReturnType<typeof caseworkApiStore>
  let dataDir: string
  let bodies: Child[][]
  let credentials: Awaited<ReturnType<typeof addApiClient>>
  let sender: DfeSender
  const count = async (cw: CaseworkStore, table: string) => {
    const id = await cw.currentSnapshotId()
    const [row] = await cw.rows<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table} WHERE snapshot_id = ${id}`)
    return row.n
  }

  before(async () => {
    bodies = await simulatedBodies()
    store = await storesUnderTest()[0].open()
    await addLa(store, '330')
    await addLa(store, '331')
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-api-'))
    casework = caseworkApiStore({ dataDir })
    app = await startTestApp(store, {
      apiChildStore: casework,
      config: { dataDir, api: { tokenSeconds: 3600, perMinute: 6000, burst: 1000, bodyLimitBytes: 1_000_000 } },
    })
    credentials = await addApiClient(app.services, '330')
    sender = new DfeSender(app.url, credentials)
  })
  after(async () => {
    await app?.close()
    await casework?.close()
    await store?.close()
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('issues a token as the DfE token endpoint does, then takes every batch of 100 with one receipt per child', async () => {
    const token = await sender.requestToken()
    assert.equal(token.status, 200, token.text)
    const t = token.json as Record<string, unknown>
    assert.equal(t.token_type, 'Bearer')
    assert.equal(t.expires_in, 3600)
    assert.match(String(t.access_token), /^sl_token_/)
    assert.equal(token.headers.get('cache-control'), 'no-store')

    assert.ok(bodies.length >= 3, `${bodies.length} bodies`)
    const all = new Set<string>()
    for (const body of bodies) {
      assert.ok(body.length <= 100)
      const res = await sender.send('330', body)
      assert.equal(res.status, 200, res.text.slice(0, 300))
      for (const uuid of parseReceipts(res.text, body.length)) assert.match(uuid, UUID)
      for (const c of body) all.add(c.la_child_id)
    }
    const cw = await openCaseworkStore({ dataDir, laCode: '330' })
    assert.equal(await count(cw, 'child'), all.size)
    const cpPlans = bodies
      .flat()
      .flatMap((c) => c.social_care_episodes ?? [])
      .flatMap((e) => e.child_protection_plans ?? [])
    assert.equal(await count(cw, 'cp_plan'), cpPlans.length)
    const [snapshot] = await cw.snapshots()
    assert.equal(snapshot.kind, 'api')
    assert.equal(snapshot.current, true)
    assert.equal((await cw.sources(snapshot.snapshotId)).length, bodies.length, 'one source per request')
    assert.equal(snapshot.records.child, all.size, "the day's totals kept as requests come")
    assert.equal(snapshot.records.cpPlan, cpPlans.length)
  })

  it('purges a held child; a purge of an unknown child refuses the whole request, naming it by index', async () => {
    const cw = await openCaseworkStore({ dataDir, laCode: '330' })
    const before = await count(cw, 'child')
    const [first, second] = bodies[0]
    const refused = await sender.send('330', [
      { la_child_id: first.la_child_id, purge: true },
      { la_child_id: 'NOSUCHCHILD', purge: true },
    ])
    assert.equal(refused.status, 400)
    const failed = new Set([...refused.text.matchAll(/\[(\d+)\]/g)].map((m) => m[1]))
    assert.deepEqual([...failed], ['1'], 'only the unknown child is named')
    assert.match(refused.text, /there is no child with la_child_id NOSUCHCHILD to purge/)
    assert.equal(await count(cw, 'child'), before, 'nothing of the refused request was kept')

    const purged = await sender.send('330', [{ la_child_id: first.la_child_id, purge: true }, second])
    assert.equal(purged.status, 200)
    assert.equal(await count(cw, 'child'), before - 1)
    assert.equal((await cw.snapshots())[0].records.child, before - 1)
    const left = await cw.rows(
      `SELECT 1 FROM child WHERE child_id = $id AND snapshot_id = ${await cw.currentSnapshotId()}`,
      {
        id: first.la_child_id,
      },
    )
    assert.equal(left.length, 0)
  })

  it('answers 403 to a client of another LA, 413 to 101 children or an over-size body, 415 to another content type', async () => {
    const other = new DfeSender(app.url, await addApiClient(app.services, '331'))
    await other.requestToken()
    const wrongLa = await other.send('330', bodies[0])
    assert.equal(wrongLa.status, 403)
    assert.match(wrongLa.text, /registered for LA 331/)
    const tooMany = await sender.send('330', [...bodies[0], ...bodies[1]].slice(0, 101))
    assert.equal(tooMany.status, 413)
    const big = JSON.stringify([{ la_child_id: 'BIG', mis_child_id: 'x'.repeat(1_100_000) }])
    assert.equal((await sender.send('330', big)).status, 413)
    assert.equal((await sender.send('330', JSON.stringify(bodies[0]), { 'content-type': 'text/plain' })).status, 415)
  })

  it('answers OAuth2 errors from the token endpoint: invalid_client, unsupported_grant_type, invalid_scope', async () => {
    const wrong = await new DfeSender(app.url, { ...credentials, clientSecret: 'sl_secret_wrong' }).requestToken()
    assert.equal(wrong.status, 401)
    assert.equal((wrong.json as { error: string }).error, 'invalid_client')
    const grant = await sender.requestToken({ grant_type: 'password' })
    assert.equal(grant.status, 400)
    assert.equal((grant.json as { error: string }).error, 'unsupported_grant_type')
    const scope = await sender.requestToken({ scope: 'plans:edit' })
    assert.equal((scope.json as { error: string }).error, 'invalid_scope')
    const basic = await fetch(`${app.url}/api/oauth2/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
    })
    assert.equal(basic.status, 200, 'HTTP Basic client authentication')
  })

  it('refuses the tokens of a revoked client at once, and its token requests', async () => {
    const c = await addApiClient(app.services, '330')
    const s = new DfeSender(app.url, c)
    await s.requestToken()
    assert.equal((await s.send('330', bodies[0].slice(0, 1))).status, 200)
    await app.services.apiClients.revoke(c.clientId, { id: null, name: 'test admin', role: null })
    assert.equal((await s.send('330', bodies[0].slice(0, 1))).status, 401)
    assert.equal((await s.requestToken()).status, 401)
  })

  it("the LA's own pages, kept whole between changes, show each request's changes at once", async () => {
    await addUser(app.services, 'birmingham.analyst', 'local', ['330'])
    const analyst = new Client(app.url)
    await analyst.signIn('birmingham.analyst')
    const main = async (url: string) => {
      const res = await analyst.request('GET', url)
      assert.equal(res.status, 200, url)
      return /<main[^]*<\/main>/.exec(res.text)![0]
    }
    const pages = [urls.caseworkSnapshots('330'), urls.laIndicators('330'), urls.laUnworked('330')]
    const before = await Promise.all(pages.map(main))
    assert.deepEqual(await Promise.all(pages.map(main)), before, 'the same pages while nothing changes')
    const cw = await openCaseworkStore({ dataDir, laCode: '330' })
    const held = (await cw.snapshots())[0].records.child!
    // Every child of a request that held some, purged: the day's snapshot (the API's) changes, read through the API's store.
    const [{ child_id: gone }] = await cw.rows<{ child_id: string }>(
      `SELECT child_id FROM child WHERE snapshot_id = ${await cw.currentSnapshotId()} ORDER BY child_id LIMIT 1`,
    )
    assert.equal((await sender.send('330', [{ la_child_id: gone, purge: true }])).status, 200)
    const [list, indicators] = await Promise.all(pages.map(main))
    // The current snapshot's record total (every entity), the first number of the list.
    const total = (html: string) =>
      Number(/<td class="govuk-table__cell govuk-table__cell--numeric">([\d,]+)<\/td>/.exec(html)![1].replace(/,/g, ''))
    assert.ok(total(list) < total(before[0]), `the list shows the purge: ${total(before[0])} -> ${total(list)} records`)
    assert.equal(Number((await cw.snapshots())[0].records.child), held - 1)
    assert.match(indicators, /\(1 snapshot shown\)/, 'the indicators are those of the same (API) snapshot')
  })
})
