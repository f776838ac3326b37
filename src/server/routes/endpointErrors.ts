/** One error in a JSON answer: where in the body (`[3].child_details.sex`; '' for the request as a whole) and what. */
export interface EndpointError {
  path: string
  message: string
}

export const ENDPOINT_MESSAGES = {
  json: 'Send the body as JSON, with the header Content-Type: application/json',
  form: 'Send the body form-encoded, with the header Content-Type: application/x-www-form-urlencoded',
  tooLarge: (bytes: number) => `The body is larger than ${bytes} bytes: send fewer records in each request`,
  tooMany: (max: number, n: number) => `Too many records: send at most ${max} in one request (this one has ${n})`,
  unexpected: (key: string) => `${key} is not a field this endpoint accepts: leave it out`,
  malformed: 'The body is not valid JSON: check brackets, commas and quotes',
  wrongLa: (la: string) => `This client is registered for LA ${la} and may only send to its own path`,
  badLa: 'The LA code in the path must be the 3-digit code the DfE uses',
  scope: (scope: string) => `The access token does not carry the scope ${scope}`,
  rate: (seconds: number) => `Too many requests from this client: wait ${seconds} seconds and send again`,
  failed: (id: string) => `Something went wrong on our side: try again later, quoting request ${id}`,
}

/**
 * A path in the body: the top-level index in brackets, deeper ones dotted (`[3].social_care_episodes.0.referral_date`),
 * because DfE senders find the failing children by every `[n]` in the answer.
 */
export function jsonPath(parts: readonly (string | number)[]): string {
  return parts.map((p, i) => (typeof p === 'number' && i === 0 ? `[${p}]` : i === 0 ? String(p) : `.${p}`)).join('')
}

export class EndpointFailure extends Error {
  constructor(
    public readonly status: number,
    public readonly errors: EndpointError[],
    public readonly headers: Record<string, string> = {},
  ) {
    super(errors.map((e) => e.message).join('; '))
  }
  static of(status: number, message: string, headers?: Record<string, string>) {
    return new EndpointFailure(status, [{ path: '', message }], headers)
  }
}
