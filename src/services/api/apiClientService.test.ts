import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { Store } from '../../data/store.ts'
import { auditService, SYSTEM_ACTOR } from '../auditService.ts'
import { API_AUTH_MESSAGES, apiClientService, TokenRequestError, UnknownLaError } from './apiClientService.ts'
import { addLa } from '../../../test/support/apiSender.ts'
import { storesUnderTest } from '../../../test/support/stores.ts'

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex')
const admin = { ...SYSTEM_ACTOR, name: 'cli:admin' }

for (const s of storesUnderTest()) {
  describe(`apiClientService (${s.name})`, () => {
    let store: Store
    let clients: ReturnType<typeof apiClientService>
    before(async () => {
      store = await s.open()
      await addLa(store, '330')
      clients = apiClientService(store, { api: { tokenSeconds: 600, perMinute: 60, burst: 5, bodyLimitBytes: 1000 } })
    })
    after(() => store?.close())

    it('stores the secret, the supplier key and tokens only as SHA-256 hashes, and audits each step', async () => {
      const made = await clients.register({ laCode: '330', name: 'Nightly feed', actor: admin })
      const token = await clients.issueToken({ clientId: made.client.clientId, clientSecret: made.clientSecret })
      assert.equal(token.expiresIn, 600)
      const dump = JSON.stringify([
        await store.query('SELECT * FROM api_client'),
        await store.query('SELECT * FROM api_token'),
        await store.query('SELECT * FROM audit_event'),
      ])
      for (const secret of [made.clientSecret, made.supplierKey, token.accessToken]) {
        assert.ok(!dump.includes(secret), 'no credential in the store')
      }
      const [row] = await store.query<{ secret_hash: string; supplier_key_hash: string }>(
        'SELECT secret_hash, supplier_key_hash FROM api_client WHERE client_id = $1',
        [made.client.clientId],
      )
      assert.deepEqual(row, { secret_hash: sha256(made.clientSecret), supplier_key_hash: sha256(made.supplierKey) })
      const [t] = await store.query<{ token_hash: string }>('SELECT token_hash FROM api_token')
      assert.equal(t.token_hash, sha256(token.accessToken))
      const listed = await clients.list('330')
      assert.deepEqual(Object.keys(listed[0]).sort(), [
        'clientId',
        'createdAt',
        'createdBy',
        'id',
        'laCode',
        'name',
        'revokedAt',
        'scopes',
      ])
      const auth = await clients.authenticate(token.accessToken, made.supplierKey)
      assert.ok(auth.ok && auth.client.laCode === '330')

      await assert.rejects(
        clients.issueToken({ clientId: made.client.clientId, clientSecret: 'sl_secret_guess' }),
        (e: unknown) => e instanceof TokenRequestError && e.code === 'invalid_client',
      )
      assert.ok(await clients.revoke(made.client.clientId, admin))
      assert.equal(await clients.revoke(made.client.clientId, admin), undefined, 'already revoked')
      assert.deepEqual(await clients.authenticate(token.accessToken, made.supplierKey), {
        ok: false,
        message: API_AUTH_MESSAGES.revoked,
      })
      const actions = (await auditService(store).list({ action: 'api.' })).map((e) => e.action).reverse()
      assert.deepEqual(actions, ['api.client.add', 'api.token.issue', 'api.token.refused', 'api.client.revoke'])
      assert.deepEqual((await auditService(store).verify()).break, undefined, 'the chain holds')
    })

    it('refuses to register a client for an LA the register does not hold', async () => {
      await assert.rejects(clients.register({ laCode: '999', name: 'x', actor: admin }), UnknownLaError)
      assert.equal((await clients.list('999')).length, 0)
    })
  })
}
