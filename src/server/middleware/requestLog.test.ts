import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import pino from 'pino'
import type { Store } from '../../data/store.ts'
import { addUser, Client, startTestApp, TEST_PASSWORD } from '../../../test/support/app.ts'
import { storesUnderTest } from '../../../test/support/stores.ts'

/** The app's request log, read back as JSON lines. */
function capturedLogger() {
  const lines: string[] = []
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean))
      done()
    },
  })
  const requests = () =>
    lines
      .map((l) => JSON.parse(l) as { msg: string; req?: { id: string; method: string; path: string } } & object)
      .filter((l) => l.msg === 'request')
  return { logger: pino({ level: 'info' }, sink), lines, requests }
}

describe('request log', () => {
  let store: Store
  let app: Awaited<ReturnType<typeof startTestApp>>
  const log = capturedLogger()
  before(async () => {
    store = await storesUnderTest()[0].open()
    app = await startTestApp(store, { logger: log.logger })
    await addUser(app.services, 'nadia', 'national')
  })
  after(async () => {
    await app?.close()
    await store?.close()
  })

  it('gives each request an id, sent back in x-request-id, and keeps a plain one from the proxy', async () => {
    const mine = await fetch(`${app.url}/sign-in`, { headers: { 'x-request-id': 'lb-7f3a.42' } })
    assert.equal(mine.headers.get('x-request-id'), 'lb-7f3a.42')
    const odd = await fetch(`${app.url}/sign-in`, { headers: { 'x-request-id': 'a b <script>' } })
    const fresh = odd.headers.get('x-request-id') ?? ''
    assert.match(fresh, /^[0-9a-f-]{36}$/, 'an id with spaces or markup is replaced by a new one')
    const other = (await fetch(`${app.url}/sign-in`)).headers.get('x-request-id')
    assert.notEqual(other, fresh)
    const ids = log.requests().map((r) => r.req?.id)
    assert.deepEqual(ids.slice(-3), ['lb-7f3a.42', fresh, other])
    // The health check (answered before the request log, see probe.ts) keeps and sends back the same id.
    const probe = await fetch(`${app.url}/health`, { headers: { 'x-request-id': 'lb-7f3a.43' } })
    assert.equal(probe.headers.get('x-request-id'), 'lb-7f3a.43')
    const oddProbe = await fetch(`${app.url}/health`, { headers: { 'x-request-id': 'a b <script>' } })
    assert.match(oddProbe.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/)
  })

  it('logs method, path, status and time: no query string, cookie, password or form body', async () => {
    const client = new Client(app.url)
    await client.request('GET', '/sign-in?next=%2Fla%2F330%3Fchild%3DJane')
    await client.signIn('nadia')
    await client.request('GET', '/overview?region=London')
    const text = log.lines.join('\n')
    for (const secret of [TEST_PASSWORD, 'Jane', 'London', 'sightline_session', '_csrf', 'cookie'])
      assert.ok(!text.includes(secret), `the log must not contain ${secret}`)
    const signIn = log.requests().find((r) => r.req?.method === 'POST')
    assert.deepEqual(
      Object.keys(signIn ?? {})
        .filter((k) => ['req', 'res', 'responseTime'].includes(k))
        .sort(),
      ['req', 'res', 'responseTime'],
    )
    assert.deepEqual(signIn?.req, { id: signIn?.req?.id, method: 'POST', path: '/sign-in' })
    assert.deepEqual((signIn as { res?: unknown }).res, { statusCode: 303 })
  })
})
