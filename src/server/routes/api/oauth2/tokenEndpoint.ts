import type { Request } from 'express'
import { TokenRequestError } from '../../../../services/api/apiClientService.ts'
import { requestTokenCommand } from '../../../../services/commands/api/requestToken.ts'
import { urls } from '../../../urls.ts'
import { defineEndpoint, EndpointFailure, type EndpointError } from '../../endpoint.ts'

/** HTTP Basic client authentication (RFC 6749 section 2.3.1), which some OAuth2 libraries use instead of form fields. */
function withBasicCredentials(body: unknown, req: Request): unknown {
  const m = /^Basic\s+(\S+)$/i.exec(req.get('authorization') ?? '')
  if (!m) return body
  const [id, secret] = Buffer.from(m[1], 'base64').toString('utf8').split(':')
  const decode = (s = '') => decodeURIComponent(s.replace(/\+/g, ' '))
  return { ...(body as object), client_id: decode(id), client_secret: decode(secret) }
}

/** OAuth2's error code for an answer (RFC 6749 section 5.2), from its status and the field at fault. */
function oauthError(status: number, errors: EndpointError[]) {
  const path = errors[0]?.path
  const error =
    status === 401
      ? 'invalid_client'
      : status !== 400
        ? 'temporarily_unavailable'
        : path === 'grant_type'
          ? 'unsupported_grant_type'
          : path === 'scope'
            ? 'invalid_scope'
            : 'invalid_request'
  return { error, error_description: errors.map((e) => e.message).join('; ') }
}

/**
 * The OAuth2 client-credentials token endpoint a DfE CSC API sender asks first: form-encoded client_id, client_secret,
 * scope and grant_type=client_credentials, answered `{ access_token, token_type, expires_in }` as Azure AD answers.
 */
export default defineEndpoint({
  ENDPOINT_NAME: 'api.token',
  PATH: urls.apiToken(),
  METHOD: 'POST',
  BODY: 'form',
  MAX_BYTES: 16 * 1024,
  COMMAND: requestTokenCommand,
  INPUT: withBasicCredentials,
  ERROR_FIELDS: oauthError,
  async HANDLE({ services, input, requestId }) {
    try {
      const token = await requestTokenCommand.run(services, input, { requestId })
      return {
        body: {
          access_token: token.accessToken,
          token_type: 'Bearer',
          expires_in: token.expiresIn,
          scope: token.scopes.join(' '),
        },
        headers: { 'cache-control': 'no-store', pragma: 'no-cache' },
      }
    } catch (err) {
      if (!(err instanceof TokenRequestError)) throw err
      if (err.code === 'invalid_client')
        throw EndpointFailure.of(401, err.message, { 'www-authenticate': 'Basic realm="sightline"' })
      throw new EndpointFailure(400, [{ path: err.code === 'invalid_scope' ? 'scope' : '', message: err.message }])
    }
  },
})
