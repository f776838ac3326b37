import type { Config } from '../../config.ts'
import * as repo from '../../data/repositories/apiClientRepository.ts'
import type { Db, Store } from '../../data/store.ts'
import {
  ALL_API_SCOPES,
  grantScopes,
  hashCredential,
  matchesHash,
  newCredential,
} from '../../engine/access/apiCredentials.ts'
import { recordAudit, type Actor } from '../auditService.ts'

/** A machine client, once its token and supplier key have been checked: what an endpoint may rely on. */
export interface ApiPrincipal {
  id: number
  clientId: string
  name: string
  laCode: string
  scopes: string[]
}

/** The OAuth2 error codes of RFC 6749 section 5.2 that the token endpoint answers with. */
export type TokenErrorCode = 'invalid_client' | 'invalid_scope' | 'invalid_request' | 'unsupported_grant_type'

/** A token request refused: the code and a plain-English message for the sender's log. */
export class TokenRequestError extends Error {
  constructor(
    public readonly code: TokenErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'TokenRequestError'
  }
}

/** Registering a client for an LA code the register does not hold. */
export class UnknownLaError extends Error {}

export const API_AUTH_MESSAGES = {
  noToken: 'Send an access token in the Authorization header: Bearer <token>',
  badToken: 'The access token is not one Sightline issued: request a new one from the token endpoint',
  expired: 'The access token has expired: request a new one from the token endpoint',
  revoked: 'The access token, or its client, has been revoked',
  noSupplierKey: 'Send the SupplierKey header given when the client was registered',
  badSupplierKey: 'The SupplierKey header does not belong to the client of this access token',
  badClient: 'The client_id or client_secret is not right, or the client has been revoked',
  badScope: 'The client does not hold the scope asked for',
}

export type Authentication = { ok: true; client: ApiPrincipal } | { ok: false; message: string }

const principal = (c: repo.ApiClientCredentials, scopes: string[]): ApiPrincipal => ({
  id: c.id,
  clientId: c.clientId,
  name: c.name,
  laCode: c.laCode,
  scopes,
})

const clientActor = (c: { id: number; clientId: string }): Actor => ({
  id: null,
  name: `api:${c.clientId}`,
  role: null,
})

/** Registering, listing and revoking clients (an administrator's work, from the CLI). */
function clientRegistry(db: Db) {
  return {
    /** Registers a client for one LA; the secret and supplier key are returned here once and never again. */
    async register(input: { laCode: string; name: string; actor: Actor }) {
      if (!(await repo.localAuthorityExists(db, input.laCode)))
        throw new UnknownLaError(`There is no local authority with the code ${input.laCode}`)
      const clientId = newCredential('id')
      const clientSecret = newCredential('secret')
      const supplierKey = newCredential('supplier')
      const client = await db.transaction(async (tx) => {
        const row = await repo.insertApiClient(tx, {
          clientId,
          laCode: input.laCode,
          name: input.name,
          scopes: ALL_API_SCOPES,
          secretHash: hashCredential(clientSecret),
          supplierKeyHash: hashCredential(supplierKey),
          createdBy: input.actor.name,
        })
        await recordAudit(tx, {
          actor: input.actor,
          action: 'api.client.add',
          subjectType: 'api_client',
          subjectId: clientId,
          laCode: input.laCode,
          after: { clientId, name: input.name, scopes: row.scopes },
        })
        return row
      })
      return { client, clientSecret, supplierKey }
    },

    list: (laCode?: string) => repo.listApiClients(db, laCode),

    /** Revokes a client and all its tokens; undefined when no live client has that id. */
    revoke: (clientId: string, actor: Actor) =>
      db.transaction(async (tx) => {
        const row = await repo.revokeApiClient(tx, clientId, actor.name)
        if (row)
          await recordAudit(tx, {
            actor,
            action: 'api.client.revoke',
            subjectType: 'api_client',
            subjectId: clientId,
            laCode: row.laCode,
          })
        return row
      }),
  }
}

/** Tokens for registered clients, and the check of each request's token and SupplierKey. */
function clientTokens(db: Db, config: Pick<Config, 'api'>) {
  return {
    /** The OAuth2 client-credentials grant: a bearer token, or a TokenRequestError. */
    async issueToken(input: { clientId: string; clientSecret: string; scope?: string }, requestId?: string) {
      const client = await repo.findApiClient(db, input.clientId)
      const refuse = async (code: TokenErrorCode, message: string) => {
        if (client)
          await db.transaction((tx) =>
            recordAudit(tx, {
              actor: clientActor(client),
              action: 'api.token.refused',
              subjectType: 'api_client',
              subjectId: client.clientId,
              laCode: client.laCode,
              after: { error: code },
              requestId,
            }),
          )
        return new TokenRequestError(code, message)
      }
      if (!client || client.revokedAt || !matchesHash(input.clientSecret, client.secretHash))
        throw await refuse('invalid_client', API_AUTH_MESSAGES.badClient)
      const scopes = grantScopes(input.scope, client.scopes)
      if (!scopes) throw await refuse('invalid_scope', API_AUTH_MESSAGES.badScope)
      const accessToken = newCredential('token')
      const expiresIn = config.api.tokenSeconds
      await db.transaction(async (tx) => {
        await repo.insertApiToken(tx, {
          tokenHash: hashCredential(accessToken),
          clientId: client.id,
          scopes,
          expiresAt: new Date(Date.now() + expiresIn * 1000),
        })
        await recordAudit(tx, {
          actor: clientActor(client),
          action: 'api.token.issue',
          subjectType: 'api_client',
          subjectId: client.clientId,
          laCode: client.laCode,
          after: { scopes, expiresIn },
          requestId,
        })
      })
      return { accessToken, expiresIn, scopes }
    },

    /** Checks a bearer token and the SupplierKey header that must go with it. */
    async authenticate(token: string | undefined, supplierKey: string | undefined): Promise<Authentication> {
      if (!token) return { ok: false, message: API_AUTH_MESSAGES.noToken }
      const found = await repo.findApiToken(db, hashCredential(token))
      if (!found) return { ok: false, message: API_AUTH_MESSAGES.badToken }
      if (found.revokedAt || found.client.revokedAt) return { ok: false, message: API_AUTH_MESSAGES.revoked }
      if (found.expiresAt.getTime() <= Date.now()) return { ok: false, message: API_AUTH_MESSAGES.expired }
      if (!supplierKey) return { ok: false, message: API_AUTH_MESSAGES.noSupplierKey }
      if (!matchesHash(supplierKey, found.client.supplierKeyHash))
        return { ok: false, message: API_AUTH_MESSAGES.badSupplierKey }
      return { ok: true, client: principal(found.client, found.scopes) }
    },

    /** Revokes one access token (a sender's logout, or a leaked token). */
    revokeToken: (token: string) => repo.revokeApiToken(db, hashCredential(token)),

    /** Writes one request of a machine client to the audit trail (what it did, never the records it sent). */
    recordRequest: (client: ApiPrincipal, action: string, after: Record<string, unknown>, requestId?: string) =>
      db.transaction((tx) =>
        recordAudit(tx, {
          actor: clientActor(client),
          action,
          subjectType: 'api_client',
          subjectId: client.clientId,
          laCode: client.laCode,
          after,
          requestId,
        }),
      ),
  }
}

/** Registration, tokens and authentication of machine clients. Every change, and every token issued, is audited. */
export function apiClientService(store: Store, config: Pick<Config, 'api'>) {
  return { ...clientRegistry(store.db), ...clientTokens(store.db, config) }
}

export type ApiClientService = ReturnType<typeof apiClientService>
