import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { can, ROLES, type Role } from '../../src/engine/access/permissions.ts'
import { pages } from '../../src/server/routes/index.ts'
import type { Store } from '../../src/data/store.ts'
import { storesUnderTest } from '../support/stores.ts'
import { addUser, Client, startTestApp } from '../support/app.ts'

/**
 * Walks every route x every role (and anonymous visitors): a role without the route's permission gets 403, an
 * LA-scoped role gets 403 (never data) for another LA's pages, and anonymous visitors are sent to sign in.
 */
const OWN_LA = '330'
const OTHER_LA = '331'
const SKIP_POST = new Set(['sign-in', 'sign-out']) // covered by their own tests; sign-out would end the session

function concretePath(path: string, laParam: string | undefined, la: string) {
  return path.replace(/:([A-Za-z]+)/g, (_m, name: string) => (name === laParam ? la : '1'))
}

describe('authorisation: every route x every role', () => {
  const pgl = storesUnderTest()[0]
  let store: Store
  let app: Awaited<ReturnType<typeof startTestApp>>
  const clients = new Map<Role | 'admin', Client>()
  /**
   * A session's CSRF token, fetched once per session: the token belongs to the session (its cookie), so a POST sent
   * with it is judged on its permission alone. A new cookie (a rotated or ended session) fetches a new token.
   */
  const tokens = new Map<Client, { cookie: string; token: string }>()
  const csrfOf = async (client: Client) => {
    const known = tokens.get(client)
    if (known && known.cookie === client.cookie) return known.token
    const token = await client.csrf()
    tokens.set(client, { cookie: client.cookie, token })
    return token
  }

  before(async () => {
    store = await pgl.open()
    await store.query(
      `INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current) VALUES
       ('330', 'E08000025', 'Birmingham', 'West Midlands', 'Metropolitan district', true),
       ('331', 'E08000026', 'Coventry', 'West Midlands', 'Metropolitan district', true)`,
    )
    // The casework pages open a store file per LA under the data directory: one of this run's own.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'authorisation-'))
    app = await startTestApp(store, { config: { dataDir } })
    for (const role of ROLES) {
      await addUser(app.services, `u-${role}`, role, ['national', 'readonly'].includes(role) ? [] : [OWN_LA])
      const c = new Client(app.url)
      await c.signIn(`u-${role}`)
      clients.set(role, c)
    }
    await addUser(app.services, 'u-admin', 'national', [], true)
    const admin = new Client(app.url)
    await admin.signIn('u-admin')
    clients.set('admin', admin)
  })
  after(async () => {
    await app?.close()
    await store?.close()
  })

  it('has a permission on every route', () => {
    assert.ok(pages.length >= 4)
    for (const p of pages) assert.ok(p.REQUIRED_PERMISSION, `${p.PAGE_NAME} declares no permission`)
  })

  for (const page of pages) {
    const methods = [
      page.GET ? 'GET' : undefined,
      page.POST && !SKIP_POST.has(page.PAGE_NAME) ? 'POST' : undefined,
    ].filter(Boolean) as string[]
    for (const method of methods) {
      const permission =
        method === 'POST' ? (page.POST_PERMISSION ?? page.REQUIRED_PERMISSION) : page.REQUIRED_PERMISSION
      it(`${method} ${page.PATH} (${page.PAGE_NAME}) is enforced for anonymous visitors and every role`, async () => {
        const ownPath = concretePath(page.PATH, page.LA_PARAM, OWN_LA)
        const anon = new Client(app.url)
        const anonRes =
          method === 'GET'
            ? await anon.request('GET', ownPath)
            : await anon.request('POST', ownPath, { _csrf: await anon.csrf('/sign-in') })
        if (permission === 'public') assert.notEqual(anonRes.status, 403)
        else if (method === 'GET')
          assert.match(anonRes.location, /^\/sign-in\?next=/, `${ownPath} lets anonymous visitors in`)
        else assert.ok([401, 403].includes(anonRes.status), `anonymous POST ${ownPath} gave ${anonRes.status}`)

        for (const [who, client] of clients) {
          const principal =
            who === 'admin' ? { role: 'national' as Role, isAdmin: true } : { role: who, isAdmin: false }
          const allowed = permission === 'public' || permission === 'signed-in' || can(principal, permission)
          const send = async (path: string) =>
            method === 'GET'
              ? client.request('GET', path)
              : client.request('POST', path, { _csrf: await csrfOf(client) })
          const own = await send(ownPath)
          if (allowed)
            assert.ok(![401, 403].includes(own.status), `${who} refused ${method} ${ownPath} (${own.status})`)
          else assert.equal(own.status, 403, `${who} should get 403 on ${method} ${ownPath}, got ${own.status}`)

          if (page.LA_PARAM && allowed) {
            const otherPath = concretePath(page.PATH, page.LA_PARAM, OTHER_LA)
            const other = await send(otherPath)
            const scoped = who === 'oversight' || who === 'local' || who === 'partner'
            if (scoped) {
              assert.equal(other.status, 403, `${who} scoped to ${OWN_LA} got ${other.status} on ${otherPath}`)
              assert.ok(!other.text.includes('Coventry'), `${who} was shown another LA's data`)
            } else assert.notEqual(other.status, 403, `${who} refused ${otherPath}`)
          }
        }
      })
    }
  }
})
