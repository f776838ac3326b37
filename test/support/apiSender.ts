import type { Store } from '../../src/data/store.ts'
import { SYSTEM_ACTOR } from '../../src/services/auditService.ts'
import type { Services } from '../../src/services/index.ts'

/** Adds an LA to the register of an empty test store (the API registers clients only for known LAs). */
export async function addLa(store: Store, laCode: string, name = `Test LA ${laCode}`) {
  await store.query(
    `INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current) VALUES ($1, $2, $3, 'Test', 'Metropolitan District', true) ON CONFLICT DO NOTHING`,
    [laCode, `E0800${laCode}`, name],
  )
}

export async function addApiClient(services: Services, laCode: string) {
  const made = await services.apiClients.register({ laCode, name: `sender for ${laCode}`, actor: SYSTEM_ACTOR })
  return { clientId: made.client.clientId, clientSecret: made.clientSecret, supplierKey: made.supplierKey, laCode }
}

export interface Answer {
  status: number
  headers: Headers
  text: string
  json: unknown
}

async function answer(res: Response): Promise<Answer> {
  const text = await res.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: res.status, headers: res.headers, text, json }
}

/**
 * A sender written for the DfE CSC API, as Data to Insight's api_pipeline is: a form-encoded client-credentials token
 * request, then JSON batches with `Authorization: Bearer` and `SupplierKey`.
 */
export class DfeSender {
  token = ''
  constructor(
    private base: string,
    private credentials: { clientId: string; clientSecret: string; supplierKey: string },
  ) {}

  async requestToken(fields: Record<string, string> = {}): Promise<Answer> {
    const res = await fetch(`${this.base}/api/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: this.credentials.clientId,
        client_secret: this.credentials.clientSecret,
        scope: 'api://sightline-csc/.default',
        grant_type: 'client_credentials',
        ...fields,
      }).toString(),
    })
    const a = await answer(res)
    if (a.status === 200) this.token = (a.json as { access_token: string }).access_token
    return a
  }

  async send(laCode: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await fetch(`${this.base}/api/children_social_care_data/${laCode}/children`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.token}`,
        'content-type': 'application/json',
        supplierkey: this.credentials.supplierKey,
        'user-agent': 'Microsoft PowerShell/6.0.0',
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
    return answer(res)
  }
}
