import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Store } from '../../src/data/store.ts'
import { SYSTEM_ACTOR } from '../../src/services/auditService.ts'
import { addBirminghamAndCoventry, storesUnderTest } from '../support/stores.ts'
import { addUser, Client, startTestApp } from '../support/app.ts'

/**
 * Pages kept whole per the store's change count (migration 0053, src/server/pageCache.ts), over a real app and store:
 * a change shows on the very next request, made by this process or by another sharing the database, and an LA-scoped
 * user never receives a page made for someone else's scope.
 */
const inForce = (html: string) => /data-qa="intervention-in-force">([^<]*)</.exec(html)?.[1]

for (const kind of storesUnderTest()) {
  describe(`cached pages on ${kind.name}`, () => {
    let store: Store
    let app: Awaited<ReturnType<typeof startTestApp>>
    const national = () => new Client(app.url)
    let nadia: Client
    let lena: Client

    before(async () => {
      store = await kind.open()
      await addBirminghamAndCoventry(store)
      await store.query(`INSERT INTO statistical_neighbour (model, la_code, neighbour_code, rank, band) VALUES
         ('2021', '330', '331', 1, 'Very close'), ('2021', '331', '330', 1, 'Very close')`)
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cached-pages-'))
      app = await startTestApp(store, { config: { dataDir } })
      await addUser(app.services, 'nadia', 'national')
      await addUser(app.services, 'lena', 'local', ['330'])
      nadia = national()
      await nadia.signIn('nadia')
      lena = new Client(app.url)
      await lena.signIn('lena')
    })
    after(async () => {
      await app?.close()
      await store?.close()
    })

    it('shows a change to the register on the very next request: the LA page and the dashboard', async () => {
      const before = await nadia.request('GET', '/la/330')
      assert.equal(before.status, 200)
      assert.match(inForce(before.text) ?? '', /^No intervention in force/)
      assert.equal((await nadia.request('GET', '/la/330')).text, before.text, 'kept: the same page')
      const dashboard = await nadia.request('GET', '/interventions')
      assert.doesNotMatch(dashboard.text, /Improvement notice/)
      await app.services.interventionRegister.addEvent(SYSTEM_ACTOR, {
        laCode: '330',
        kind: 'improvement-notice-issued',
        date: '2020-01-06',
      })
      assert.match(inForce((await nadia.request('GET', '/la/330')).text) ?? '', /Improvement notice/)
      assert.match((await nadia.request('GET', '/interventions')).text, /Improvement notice/)
    })

    it('shows a change another process made (straight to the store) on the very next request', async () => {
      assert.match(inForce((await nadia.request('GET', '/la/330')).text) ?? '', /Improvement notice/)
      await store.query(`UPDATE intervention_event SET archived_at = now() WHERE la_code = '330'`)
      assert.match(inForce((await nadia.request('GET', '/la/330')).text) ?? '', /^No intervention in force/)
    })

    it('never gives an LA-scoped user the page made for a national user, nor one user another’s name or token', async () => {
      const mine = (await nadia.request('GET', '/la/330')).text
      const theirs = (await lena.request('GET', '/la/330')).text
      assert.match(mine, /href="\/la\/331"/, 'the national user is linked to the neighbour')
      assert.doesNotMatch(theirs, /href="\/la\/331"/, 'the LA-scoped user is not')
      assert.match(theirs, /Signed in as <strong>lena<\/strong>/)
      assert.doesNotMatch(theirs, /nadia/)
      const token = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1]
      assert.equal(token(theirs), await lena.csrf())
      assert.notEqual(token(theirs), token(mine))
      assert.equal((await lena.request('GET', '/la/331')).status, 403)
    })

    it('sends a kept page as a rendered one is sent: its type, length and an ETag that changes with its bytes', async () => {
      const first = await nadia.request('GET', '/la/330')
      const again = await nadia.request('GET', '/la/330')
      const theirs = await lena.request('GET', '/la/330')
      assert.equal(first.headers.get('content-type'), 'text/html; charset=utf-8')
      assert.equal(Number(first.headers.get('content-length')), Buffer.byteLength(first.text))
      const etag = first.headers.get('etag')!
      assert.match(etag, /^W\/"[0-9a-f]+-[A-Za-z0-9+/]{27}"$/)
      assert.equal(again.text, first.text)
      assert.equal(again.headers.get('etag'), etag, 'the same bytes, the same ETag')
      assert.notEqual(theirs.headers.get('etag'), etag, 'another user: another name and token')
      // The same kept page in another session of hers: only the CSRF token differs, and so does the ETag.
      const other = national()
      await other.signIn('nadia')
      const hers = await other.request('GET', '/la/330')
      assert.notEqual(hers.text, first.text)
      assert.equal(hers.text.replaceAll(await other.csrf(), 'T'), first.text.replaceAll(await nadia.csrf(), 'T'))
      assert.notEqual(hers.headers.get('etag'), etag)
    })

    it('puts every table a page may show under the change count (a new table must be added or left out on purpose)', async () => {
      const rows = await store.query<{ t: string }>(
        `SELECT c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind = 'r' AND n.nspname = current_schema()
            AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = 'data_change_bump')
          ORDER BY 1`,
      )
      assert.deepEqual(
        rows.map((r) => r.t),
        [
          'api_token',
          'app_session',
          'audit_checkpoint',
          'audit_event',
          'data_change',
          'login_attempt',
          'schema_migration',
          'setup_progress',
        ],
      )
    })
  })
}
