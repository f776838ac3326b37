import { z } from 'zod'
import type { ApiClientService } from '../../api/apiClientService.ts'
import { defineCommand } from '../command.ts'

export const TOKEN_MESSAGES = {
  grantType: 'grant_type must be client_credentials',
  clientId: 'Send client_id: the client ID given when the client was registered',
  clientSecret: 'Send client_secret: the secret given when the client was registered',
  tooLong: (field: string) => `${field} is too long`,
}

const field = (name: string, missing: string, max: number) =>
  z
    .unknown()
    .transform((v) => (typeof v === 'string' ? v.trim() : ''))
    .pipe(z.string().min(1, missing).max(max, TOKEN_MESSAGES.tooLong(name)))

/**
 * The OAuth2 client-credentials token request (RFC 6749 section 4.4), form-encoded as DfE senders send it. Not
 * `.strict()`: RFC 6749 section 3.2 says a token endpoint MUST ignore parameters it does not know.
 */
export const requestTokenCommand = defineCommand({
  name: 'api.request-token',
  permission: 'public',
  schema: z.object({
    grant_type: z.literal('client_credentials', { errorMap: () => ({ message: TOKEN_MESSAGES.grantType }) }),
    client_id: field('client_id', TOKEN_MESSAGES.clientId, 200),
    client_secret: field('client_secret', TOKEN_MESSAGES.clientSecret, 200),
    scope: z.string().max(1000, TOKEN_MESSAGES.tooLong('scope')).optional(),
  }),
  run: (deps: { apiClients: ApiClientService }, input, request: { requestId?: string }) =>
    deps.apiClients.issueToken(
      { clientId: input.client_id, clientSecret: input.client_secret, scope: input.scope },
      request.requestId,
    ),
})
