import { z } from 'zod'
import { API_SCOPES } from '../../../engine/access/apiCredentials.ts'
import { validateChildren, type ApiChild } from '../../../engine/returns/dfeApi/schema.ts'
import type { ApiPrincipal } from '../../api/apiClientService.ts'
import type { ApiRequestInfo, DfeApiService } from '../../api/dfeApiService.ts'
import { defineCommand } from '../command.ts'

/**
 * A DfE CSC API request body: the CSC schema of the DfE's OpenAPI document is the only check (so Sightline accepts
 * exactly what the DfE accepts), every problem reported at its place, the child's index first.
 */
export const cscBody = z.unknown().transform((body, ctx) => {
  for (const p of validateChildren(body)) {
    const at = typeof p.path[0] === 'number' ? `Child [${p.path[0]}]: ` : ''
    const field = p.path.slice(typeof p.path[0] === 'number' ? 1 : 0).join('.')
    const what = field ? `${field} ${p.message}` : `The body ${p.message}`
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: p.path, message: `${at}${what}` })
  }
  return body as ApiChild[]
})

/** Submits up to 100 children's records for the client's LA: one receipt per child, in order. */
export const submitChildrenCommand = defineCommand({
  name: 'dfe-api.submit-children',
  permission: API_SCOPES.cscSubmit,
  schema: cscBody,
  run: (deps: { dfeApi: DfeApiService }, children, by: { client: ApiPrincipal; request: ApiRequestInfo }) =>
    deps.dfeApi.submit(children, by.client, by.request),
})
