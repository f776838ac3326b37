import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { addUser, Client, TEST_PASSWORD } from '../../../test/support/app.ts'
import { loggedAppForSuite } from '../../../test/support/loggedApp.ts'

describe('request log', () => {
  const suite = loggedAppForSuite()
  const log = { ...suite.log, requests: () => suite.log.parsed().filter((l) => l.msg === 'request') }
  before(() => addUser(suite.app.services, 'nadia', 'national'))

  it('gives each request an id, sent back in x-request-id, and keeps a plain one from the proxy', async () => {
    const mine = await fetch(`${suite.app.url}/sign-in`, { headers: { 'x-request-id': 'lb-7f3a.42' } })
    assert.equal(mine.headers.get('x-request-id'), 'lb-7f3a.42')
    const odd = await fetch(`${suite.app.url}/sign-in`, { headers: { 'x-request-id': 'a b <script>' } })
    const fresh = odd.headers.get('x-request-id') ?? ''
    assert.match(fresh, /^[0-9a-f-]{36}$/, 'an id with spaces or markup is replaced by a new one')
    const other = (await fetch(`${suite.app.url}/sign-in`)).headers.get('x-request-id')
    assert.notEqual(other, fresh)
    const ids = log.requests().map((r) => r.req?.id)
    assert.deepEqual(ids.slice(-3), ['lb-7f3a.42', fresh, other])
    // The health check (answered before the request log, see probe.ts) keeps and sends back the same id.
    const probe = await fetch(`${suite.app.url}/health`, { headers: { 'x-request-id': 'lb-7f3a.43' } })
    assert.equal(probe.headers.get('x-request-id'), 'lb-7f3a.43')
    const oddProbe = await fetch(`${suite.app.url}/health`, { headers: { 'x-request-id': 'a b <script>' } })
    assert.match(oddProbe.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/)
  })

  it('logs method, path, status and time: no query string, cookie, password or form body', async () => {
    const client = new Client(suite.app.url)
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
