import { MAX_CHILDREN } from '../../../../engine/returns/dfeApi/schema.ts'
import { submitChildrenCommand } from '../../../../services/commands/api/submitChildren.ts'
import { defineEndpoint } from '../../endpoint.ts'

/**
 * `POST /children_social_care_data/{la_code}/children` of the DfE CSC API (data/public/dfe-csc-api-openapi.json),
 * under /api as the DfE serves it: up to 100 children, checked against the document's schema, answered with one
 * receipt per child in order. Copy this file to add an endpoint.
 */
export default defineEndpoint({
  ENDPOINT_NAME: 'api.csc.children.submit',
  PATH: '/api/children_social_care_data/:la_code/children',
  METHOD: 'POST',
  LA_PARAM: 'la_code',
  MAX_ITEMS: MAX_CHILDREN,
  COMMAND: submitChildrenCommand,
  async HANDLE({ services, input, client, requestId, raw }) {
    const request = { requestId, sha256: raw.sha256, bytes: raw.bytes }
    const receipts = await submitChildrenCommand.run(services, input, { client: client!, request })
    return { body: receipts, audit: { children: input.length, purged: input.filter((c) => c.purge === true).length } }
  },
})
