import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Store } from '../../src/data/store.ts'
import { storesUnderTest } from '../support/stores.ts'
import { addUser, Client, startTestApp, TEST_PASSWORD } from '../support/app.ts'

describe('web security baseline', () => {
  let store: Store
  let app: Awaited<ReturnType<typeof startTestApp>>
  before(async () => {
    store = await storesUnderTest()[0].open()
    // The sign-in throttle's clock stands still, so its waits do not run out while a busy machine is slow to answer.
    app = await startTestApp(store, { signInClock: () => new Date('2026-12-07T09:00:00Z') })
    await addUser(app.services, 'alice', 'national', [], true)
    await addUser(app.services, 'bob', 'readonly')
  })
  after(async () => {
    await app?.close()
    await store?.close()
  })

  it('sends a CSP that allows no inline script, and hardening headers', async () => {
    const res = await new Client(app.url).request('GET', '/sign-in')
    const csp = res.headers.get('content-security-policy') ?? ''
    assert.match(csp, /script-src 'self'/)
    assert.doesNotMatch(csp, /unsafe-inline/)
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff')
    assert.doesNotMatch(res.text, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline <script> in the page')
  })

  it('sets an httpOnly SameSite=Lax session cookie and rotates it at sign-in', async () => {
    const c = new Client(app.url)
    const page = await c.request('GET', '/sign-in')
    const setCookie = page.headers.get('set-cookie') ?? ''
    assert.match(setCookie, /HttpOnly/i)
    assert.match(setCookie, /SameSite=Lax/i)
    const before = c.cookie
    await c.signIn('alice')
    assert.ok(c.cookie && c.cookie !== before, 'session id changes at sign-in')
    const reuse = new Client(app.url)
    reuse.cookie = before
    const res = await reuse.request('GET', '/audit')
    assert.equal(res.status, 303, 'the pre-sign-in session id is no longer signed in')
  })

  it('tells caches never to keep what a signed-in user sees: pages and downloads', async () => {
    const c = new Client(app.url)
    await c.signIn('alice')
    for (const path of ['/', '/overview.csv', '/audit', '/la/330']) {
      const res = await c.request('GET', path)
      assert.equal(res.headers.get('cache-control'), 'no-store', path)
    }
  })

  it('refuses a state-changing request without the CSRF token', async () => {
    const c = new Client(app.url)
    await c.signIn('alice')
    const res = await c.request('POST', '/sign-out', {})
    assert.equal(res.status, 403)
    assert.equal((await c.request('GET', '/audit')).status, 200, 'still signed in')
  })

  it('shows the GOV.UK error summary for a wrong password and writes audit events for sign-ins', async () => {
    const c = new Client(app.url)
    const token = await c.csrf('/sign-in')
    const res = await c.request('POST', '/sign-in', { _csrf: token, username: 'bob', password: 'wrong password!!' })
    assert.equal(res.status, 303)
    const page = await c.request('GET', res.location)
    assert.match(page.text, /govuk-error-summary/)
    assert.match(page.text, /The username or password is not right/)
    const events = await app.services.audit.list({ action: 'auth.sign-in' })
    assert.ok(events.some((e) => e.action === 'auth.sign-in-failed' && e.actorName === 'bob'))
  })

  it('throttles sign-in after repeated failures, even with the right password', async () => {
    await addUser(app.services, 'carol', 'readonly')
    const c = new Client(app.url)
    for (let i = 0; i < 5; i++) {
      const token = await c.csrf('/sign-in')
      await c.request('POST', '/sign-in', { _csrf: token, username: 'carol', password: `wrong-${i}-xxxxxxxx` })
    }
    const token = await c.csrf('/sign-in')
    const res = await c.request('POST', '/sign-in', { _csrf: token, username: 'carol', password: TEST_PASSWORD })
    assert.ok(res.location.startsWith('/sign-in'), 'not signed in while throttled')
    const page = await c.request('GET', res.location)
    assert.match(page.text, /Too many attempts to sign in/)
  })

  it('answers 413 to an oversized form body and 404 to unknown routes', async () => {
    const c = new Client(app.url)
    await c.signIn('alice')
    const res = await c.request('POST', '/sign-out', { _csrf: 'x', filler: 'a'.repeat(300 * 1024) })
    assert.equal(res.status, 413)
    assert.equal((await c.request('GET', '/nowhere')).status, 404)
  })

  it('ends the sessions of a disabled user', async () => {
    await addUser(app.services, 'dave', 'readonly')
    const c = new Client(app.url)
    await c.signIn('dave')
    await app.services.users.disable('dave')
    const res = await c.request('GET', '/audit')
    assert.equal(res.status, 303)
    assert.match(res.location, /sign-in/)
  })

  it('keeps the audit chain verifiable and detects tampering', async () => {
    const ok = await app.services.audit.verify()
    assert.ok(ok.checked > 5)
    assert.equal(ok.break, undefined)
    await assert.rejects(store.query(`UPDATE audit_event SET actor_name = 'mallory' WHERE id = 2`), /append-only/)
    // An owner of the database can switch the append-only trigger off; the chain still shows the change.
    await store.exec('ALTER TABLE audit_event DISABLE TRIGGER USER')
    await store.query(`UPDATE audit_event SET actor_name = 'mallory' WHERE id = 2`)
    await store.exec('ALTER TABLE audit_event ENABLE TRIGGER USER')
    const broken = await app.services.audit.verify()
    assert.equal(broken.break?.id, 2)
  })

  it('health reports the store', async () => {
    const res = await fetch(`${app.url}/health`)
    assert.equal(res.status, 200)
    assert.equal(((await res.json()) as { status: string }).status, 'UP')
  })
})
