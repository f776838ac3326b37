import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import createError from 'http-errors'
import { z } from 'zod'
import type { Store } from '../../data/store.ts'
import { API_SCOPES, hashCredential } from '../../engine/access/apiCredentials.ts'
import { API_AUTH_MESSAGES } from '../../services/api/apiClientService.ts'
import { defineCommand } from '../../services/commands/command.ts'
import { defineEndpoint, type EndpointError } from './endpoint.ts'
import { ENDPOINT_MESSAGES } from './endpointErrors.ts'
import { endpoints } from './endpoints.ts'
import { definePage } from './page.ts'
import { startTestApp } from '../../../test/support/app.ts'
import { addApiClient, addLa, DfeSender } from '../../../test/support/apiSender.ts'
import { storesUnderTest } from '../../../test/support/stores.ts'

/** A small endpoint over a command, with a rule for each status a command can answer. */
const NOTE = { title: 'Enter a title', count: 'Enter the count as a whole number' }
const notes: unknown[] = []
const noteCommand = defineCommand({
  name: 'test-api-note',
  permission: API_SCOPES.cscSubmit,
  schema: z
    .object({
      title: z.string({ required_error: NOTE.title }).min(1, NOTE.title),
      count: z.number({ required_error: NOTE.count, invalid_type_error: NOTE.count }).int(NOTE.count),
    })
    .strict(),
  async run(deps: { notes: unknown[] }, input) {
    if (input.title === 'taken') throw createError(409, 'There is already a note with this title')
    if (input.title === 'nowhere') throw createError(404, 'There is no such note')
    if (input.title === 'boom') throw new Error('relation "secret_table" does not exist: SELECT * FROM secret_table')
    deps.notes.push(input)
    return { saved: notes.length }
  },
})
const noteEndpoint = defineEndpoint({
  ENDPOINT_NAME: 'test.note',
  PATH: '/api/test/:la_code/notes',
  METHOD: 'POST',
  LA_PARAM: 'la_code',
  MAX_BYTES: 2000,
  COMMAND: noteCommand,
  async HANDLE({ input }) {
    return { status: 201, body: await noteCommand.run({ notes }, input, undefined), audit: { title: input.title } }
  },
})

/** A token made directly in the store, for the cases the token endpoint never makes (expired, without scope). */
async function addToken(store: Store, token: string, clientId: number, scopes: string[], expiresInMs: number) {
  await store.query('INSERT INTO api_token (token_hash, client_id, scopes, expires_at) VALUES ($1, $2, $3, $4)', [
    hashCredential(token),
    clientId,
    scopes,
    new Date(Date.now() + expiresInMs).toISOString(),
  ])
}

async function post(url: string, headers: Record<string, string>, body: string) {
  const res = await fetch(url, { method: 'POST', headers, body })
  const text = await res.text()
  return { status: res.status, headers: res.headers, text, json: JSON.parse(text) as { errors: EndpointError[] } }
}

describe('defineEndpoint: JSON endpoints for machine clients', () => {
  let store: Store
  let app: Awaited<ReturnType<typeof startTestApp>>
  let url: string
  let headers: Record<string, string>
  let client: Awaited<ReturnType<typeof addApiClient>>

  before(async () => {
    store = await storesUnderTest()[0].open()
    await addLa(store, '330')
    await addLa(store, '331')
    app = await startTestApp(store, {
      endpoints: [...endpoints, noteEndpoint],
      config: { api: { tokenSeconds: 3600, perMinute: 6000, burst: 1000, bodyLimitBytes: 100_000 } },
    })
    client = await addApiClient(app.services, '330')
    const sender = new DfeSender(app.url, client)
    assert.equal((await sender.requestToken()).status, 200)
    url = `${app.url}/api/test/330/notes`
    headers = {
      authorization: `Bearer ${sender.token}`,
      supplierkey: client.supplierKey,
      'content-type': 'application/json',
    }
  })
  after(async () => {
    await app?.close()
    await store?.close()
  })

  it('runs the command on a good request, with no session cookie, no CSRF token, and audits it', async () => {
    const res = await post(url, headers, JSON.stringify({ title: 'First', count: 3 }))
    assert.equal(res.status, 201)
    assert.deepEqual(res.json, { saved: 1 })
    assert.equal(res.headers.get('set-cookie'), null)
    assert.match(res.headers.get('content-type') ?? '', /application\/json/)
    const [event] = await app.services.audit.list({ action: 'test.note' })
    assert.equal(event.actorName, `api:${client.clientId}`)
    assert.equal(event.laCode, '330')
    assert.deepEqual(event.after, { status: 201, title: 'First' })
  })

  it('answers schema errors as { errors: [{ path, message }] } with 400, in plain English', async () => {
    const res = await post(url, headers, JSON.stringify({ count: 1.5, colour: 'red' }))
    assert.equal(res.status, 400)
    const byPath = Object.fromEntries(res.json.errors.map((e) => [e.path, e.message]))
    assert.equal(byPath.title, NOTE.title)
    assert.equal(byPath.count, NOTE.count)
    assert.equal(byPath.colour, ENDPOINT_MESSAGES.unexpected('colour'))
    assert.equal(res.json.errors.length, 3)
    assert.deepEqual(notes.length, 1, 'nothing saved')
  })

  it('answers 400 for a body that is not JSON, 415 for another content type, 413 for a body over the limit', async () => {
    const malformed = await post(url, headers, '{"title": "x",')
    assert.equal(malformed.status, 400)
    assert.deepEqual(malformed.json.errors, [{ path: '', message: ENDPOINT_MESSAGES.malformed }])
    const form = await post(url, { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, 'title=x')
    assert.equal(form.status, 415)
    assert.equal(form.json.errors[0].message, ENDPOINT_MESSAGES.json)
    const big = await post(url, headers, JSON.stringify({ title: 'x'.repeat(3000), count: 1 }))
    assert.equal(big.status, 413)
    assert.equal(big.json.errors[0].message, ENDPOINT_MESSAGES.tooLarge(2000))
  })

  it("passes on a command's 404 and 409, and hides an internal error behind a request id", async () => {
    assert.equal((await post(url, headers, JSON.stringify({ title: 'taken', count: 1 }))).status, 409)
    assert.equal((await post(url, headers, JSON.stringify({ title: 'nowhere', count: 1 }))).status, 404)
    const boom = await post(url, headers, JSON.stringify({ title: 'boom', count: 1 }))
    assert.equal(boom.status, 500)
    assert.doesNotMatch(boom.text, /SELECT|secret_table|at .*\.ts/)
    assert.match(boom.json.errors[0].message, new RegExp(boom.headers.get('x-request-id')!))
  })

  it('answers 404 in JSON for a path under /api that has no endpoint', async () => {
    const res = await post(`${app.url}/api/no/such/thing`, headers, '{}')
    assert.equal(res.status, 404)
    assert.match(res.json.errors[0].message, /There is no API endpoint POST \/api\/no\/such\/thing/)
  })

  it('answers 401 with a Bearer challenge for a missing, unknown, expired or revoked token, or a wrong SupplierKey', async () => {
    const expect401 = async (h: Record<string, string>, message: string) => {
      const res = await post(url, h, JSON.stringify({ title: 'x', count: 1 }))
      assert.equal(res.status, 401, message)
      assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer realm="sightline"/)
      assert.deepEqual(res.json.errors, [{ path: '', message }])
    }
    const { authorization: _a, ...noToken } = headers
    await expect401(noToken, API_AUTH_MESSAGES.noToken)
    await expect401({ ...headers, authorization: 'Bearer sl_token_madeup' }, API_AUTH_MESSAGES.badToken)
    const { supplierkey: _k, ...noKey } = headers
    await expect401(noKey, API_AUTH_MESSAGES.noSupplierKey)
    const other = await addApiClient(app.services, '331')
    await expect401({ ...headers, supplierkey: other.supplierKey }, API_AUTH_MESSAGES.badSupplierKey)

    const [found] = await store.query<{ id: number }>('SELECT id FROM api_client WHERE client_id = $1', [
      client.clientId,
    ])
    const expired = 'sl_token_expired_for_test'
    await addToken(store, expired, found.id, [API_SCOPES.cscSubmit], -1000)
    await expect401({ ...headers, authorization: `Bearer ${expired}` }, API_AUTH_MESSAGES.expired)

    const sender = new DfeSender(app.url, client)
    await sender.requestToken()
    assert.equal(await app.services.apiClients.revokeToken(sender.token), true)
    await expect401({ ...headers, authorization: `Bearer ${sender.token}` }, API_AUTH_MESSAGES.revoked)
  })

  it('answers 403 for a token without the scope and for a path of another LA; 400 for an LA code that is not one', async () => {
    const [found] = await store.query<{ id: number }>('SELECT id FROM api_client WHERE client_id = $1', [
      client.clientId,
    ])
    const unscoped = 'sl_token_unscoped_for_test'
    await addToken(store, unscoped, found.id, [], 60_000)
    const body = JSON.stringify({ title: 'x', count: 1 })
    const noScope = await post(url, { ...headers, authorization: `Bearer ${unscoped}` }, body)
    assert.equal(noScope.status, 403)
    assert.equal(noScope.json.errors[0].message, ENDPOINT_MESSAGES.scope(API_SCOPES.cscSubmit))
    const otherLa = await post(`${app.url}/api/test/331/notes`, headers, body)
    assert.equal(otherLa.status, 403)
    assert.equal(otherLa.json.errors[0].message, ENDPOINT_MESSAGES.wrongLa('330'))
    assert.equal((await post(`${app.url}/api/test/abc/notes`, headers, body)).status, 400)
  })

  it('refuses at start-up an endpoint over a page command, and a page over a machine client command', () => {
    const pageCommand = defineCommand({ ...noteCommand, name: 'page-note', permission: 'plan:edit' })
    assert.throws(() => defineEndpoint({ ...noteEndpoint, COMMAND: pageCommand }), /a page's command/)
    assert.throws(
      () =>
        definePage({
          PAGE_NAME: 'x',
          PATH: '/x',
          REQUIRED_PERMISSION: 'signed-in',
          COMMAND: noteCommand,
          GET: () => undefined,
          POST: () => undefined,
        }),
      /use defineEndpoint/,
    )
  })
})

describe('defineEndpoint: the per-client rate limit', () => {
  let store: Store
  let app: Awaited<ReturnType<typeof startTestApp>>

  before(async () => {
    store = await storesUnderTest()[0].open()
    await addLa(store, '330')
    app = await startTestApp(store, {
      endpoints: [...endpoints, noteEndpoint],
      config: { api: { tokenSeconds: 3600, perMinute: 6, burst: 3, bodyLimitBytes: 100_000 } },
      // A stopped clock: no token comes back however long the requests take on a busy machine (a second between two
      // requests made Retry-After 9 under load).
      rateLimitClock: () => Date.UTC(2026, 11, 7, 9),
    })
  })
  after(async () => {
    await app?.close()
    await store?.close()
  })

  it('answers 429 with Retry-After once a client has used its burst, while another client still gets through', async () => {
    const send = async (c: Awaited<ReturnType<typeof addApiClient>>, token: string) =>
      post(
        `${app.url}/api/test/330/notes`,
        { authorization: `Bearer ${token}`, supplierkey: c.supplierKey, 'content-type': 'application/json' },
        JSON.stringify({ title: 'x', count: 1 }),
      )
    const a = await addApiClient(app.services, '330')
    const b = await addApiClient(app.services, '330')
    const senderA = new DfeSender(app.url, a)
    const senderB = new DfeSender(app.url, b)
    await senderA.requestToken()
    await senderB.requestToken()
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await send(a, senderA.token)).status)
    assert.deepEqual(statuses, [201, 201, 201, 429])
    const limited = await send(a, senderA.token)
    assert.equal(limited.status, 429)
    assert.equal(limited.headers.get('retry-after'), '10', '6 a minute: one every 10 seconds')
    assert.equal(limited.json.errors[0].message, ENDPOINT_MESSAGES.rate(10))
    assert.equal((await send(b, senderB.token)).status, 201)
  })
})
