import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loggedAppForSuite } from '../../../../test/support/loggedApp.ts'

/** Headers a response carries for itself (its body, cookies, caching, the connection), not the app-wide ones. */
const PER_RESPONSE = ['cache-control', 'connection', 'content-length', 'content-type', 'date', 'etag', 'keep-alive']
const PER_PAGE = [...PER_RESPONSE, 'set-cookie', 'vary', 'x-request-id']
const appWide = (headers: Headers, skip: string[]) =>
  Object.fromEntries([...headers].filter(([name]) => !skip.includes(name)).sort(([a], [b]) => a.localeCompare(b)))

describe('/health, answered before the request log and helmet', () => {
  const suite = loggedAppForSuite()

  it('sends the security headers a page gets, no-store, JSON and no ETag, and the same body', async () => {
    const page = await fetch(`${suite.app.url}/sign-in`)
    const health = await fetch(`${suite.app.url}/health`)
    assert.equal(health.status, 200)
    const security = appWide(page.headers, PER_PAGE)
    assert.ok(security['content-security-policy'] && security['x-frame-options'], 'the page has helmet’s headers')
    assert.deepEqual(appWide(health.headers, [...PER_RESPONSE, 'x-request-id']), security)
    assert.equal(health.headers.get('cache-control'), 'no-store')
    assert.equal(health.headers.get('content-type'), 'application/json; charset=utf-8')
    assert.equal(health.headers.get('etag'), null)
    assert.match(health.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/)
    const body = (await health.json()) as { status: string; store: Record<string, unknown> }
    assert.deepEqual(Object.keys(body), ['status', 'store'])
    assert.equal(body.status, 'UP')
    assert.deepEqual(Object.keys(body.store).sort(), ['ageMs', 'kind', 'ms', 'status'])
    assert.equal(body.store.status, 'UP')
    assert.equal(body.store.kind, suite.store.kind)
  })

  it('answers a HEAD, a trailing slash and a query string as Express routing would; other paths go on', async () => {
    const head = await fetch(`${suite.app.url}/health`, { method: 'HEAD' })
    assert.equal(head.status, 200)
    assert.equal(head.headers.get('cache-control'), 'no-store')
    assert.equal((await fetch(`${suite.app.url}/health/?x=1`)).status, 200)
    assert.equal((await fetch(`${suite.app.url}/healthz`)).status, 404)
    assert.equal((await fetch(`${suite.app.url}/health`, { method: 'POST' })).status, 404)
  })

  it('writes no request log line for a 200 probe (while other requests are still logged)', async () => {
    const before = suite.log.parsed().length
    assert.equal((await fetch(`${suite.app.url}/health`)).status, 200)
    assert.equal(suite.log.parsed().length, before, 'no line for a successful probe')
    await fetch(`${suite.app.url}/sign-in`)
    assert.equal(suite.log.parsed().at(-1)?.req?.path, '/sign-in')
  })
})

describe('/health when the store is down', () => {
  const suite = loggedAppForSuite()

  it('answers 503 with the store DOWN in plain words, and logs it at error level', async () => {
    const query = suite.store.query
    suite.store.query = async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.7:5432')
    }
    try {
      const res = await fetch(`${suite.app.url}/health`, { headers: { 'x-request-id': 'lb-1' } })
      assert.equal(res.status, 503)
      assert.equal(res.headers.get('cache-control'), 'no-store')
      assert.ok(res.headers.get('content-security-policy'))
      const body = (await res.json()) as { status: string; store: Record<string, unknown> }
      assert.equal(body.status, 'DOWN')
      assert.deepEqual(
        { ...body.store, ageMs: 0 },
        {
          kind: suite.store.kind,
          status: 'DOWN',
          error: 'The store did not answer',
          ageMs: 0,
        },
      )
      assert.doesNotMatch(JSON.stringify(body), /ECONNREFUSED|10\.0\.0\.7/)
    } finally {
      suite.store.query = query
    }
    const failed = suite.log.parsed().filter((l) => l.req?.path === '/health')
    assert.equal(failed.length, 1, 'one line for the failed probe')
    assert.equal(failed[0].msg, 'request failed')
    assert.equal(failed[0].level, 50, 'at error level')
    assert.deepEqual(failed[0].res, { statusCode: 503 })
    assert.deepEqual(failed[0].req, { id: 'lb-1', method: 'GET', path: '/health' })
  })
})
