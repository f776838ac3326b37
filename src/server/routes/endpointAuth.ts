import type { Request } from 'express'
import type { ApiScope } from '../../engine/access/apiCredentials.ts'
import type { ApiPrincipal } from '../../services/api/apiClientService.ts'
import type { Services } from '../../services/index.ts'
import { ENDPOINT_MESSAGES, EndpointFailure } from './endpointErrors.ts'

/** The bearer token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(req: Request): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '')
  return m?.[1]
}

/**
 * The machine client behind a request, as the DfE's endpoint checks it: a bearer token from the token endpoint and
 * the client's SupplierKey header. 401 (with the WWW-Authenticate challenge RFC 6750 asks for) when either is missing
 * or wrong, 403 when the token lacks the endpoint's scope; undefined for a 'public' endpoint.
 */
export async function authenticateClient(
  req: Request,
  scope: ApiScope | 'public',
  services: Pick<Services, 'apiClients'>,
): Promise<ApiPrincipal | undefined> {
  if (scope === 'public') return undefined
  const token = bearerToken(req)
  const auth = await services.apiClients.authenticate(token, req.get('supplierkey')?.trim())
  if (!auth.ok)
    throw EndpointFailure.of(401, auth.message, {
      'www-authenticate': token ? 'Bearer realm="sightline", error="invalid_token"' : 'Bearer realm="sightline"',
    })
  if (!auth.client.scopes.includes(scope))
    throw EndpointFailure.of(403, ENDPOINT_MESSAGES.scope(scope), {
      'www-authenticate': `Bearer realm="sightline", error="insufficient_scope", scope="${scope}"`,
    })
  return auth.client
}
