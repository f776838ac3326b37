import crypto from 'node:crypto'
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express'
import { isHttpError } from 'http-errors'
import type { Logger } from 'pino'
import type { z } from 'zod'
import { ALL_API_SCOPES, type ApiScope } from '../../engine/access/apiCredentials.ts'
import type { RateLimiter } from '../../engine/access/rateLimit.ts'
import { plainErrorMap } from '../../engine/forms/fields.ts'
import type { ApiPrincipal } from '../../services/api/apiClientService.ts'
import { InputError, type AnyCommand } from '../../services/commands/command.ts'
import type { Services } from '../../services/index.ts'
import { authenticateClient } from './endpointAuth.ts'
import { ENDPOINT_MESSAGES, EndpointFailure, jsonPath, type EndpointError } from './endpointErrors.ts'

export { EndpointFailure, jsonPath, type EndpointError }

export interface EndpointContext<I> {
  services: Services
  /** The machine client, its token and supplier key checked; undefined only on a 'public' endpoint. */
  client?: ApiPrincipal
  /** The LA of the path (LA_PARAM), which is the client's own. */
  laCode?: string
  /** The body as the COMMAND's schema parsed it. */
  input: I
  requestId: string
  /** The body as it arrived: its SHA-256 and size. */
  raw: { sha256: string; bytes: number }
  req: Request
}

export interface EndpointResult {
  status?: number
  body: unknown
  headers?: Record<string, string>
  /** What the audit trail records about the request besides its status (counts, never records). */
  audit?: Record<string, unknown>
}

/** A JSON endpoint for machine clients: bearer token and SupplierKey, no session, no CSRF, JSON errors. */
export interface EndpointController<C extends AnyCommand = AnyCommand> {
  ENDPOINT_NAME: string
  PATH: string
  METHOD: 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** The command run: its schema checks the body, its permission (a token scope, or 'public') guards the endpoint. */
  COMMAND: C
  /** Route parameter holding an LA code: a client registered for another LA gets 403. */
  LA_PARAM?: string
  /** 'json' (default) or 'form' (application/x-www-form-urlencoded, as an OAuth2 token request is sent). */
  BODY?: 'json' | 'form'
  /** Largest body in bytes (default: the configured API body limit); larger is 413. */
  MAX_BYTES?: number
  /** An array body with more items than this is 413, before the schema is applied. */
  MAX_ITEMS?: number
  /** The command's input from the parsed body (default: the body itself). */
  INPUT?: (body: unknown, req: Request) => unknown
  HANDLE: (ctx: EndpointContext<z.output<C['schema']>>) => Promise<EndpointResult>
  /** Extra fields for error answers (the token endpoint adds OAuth2's `error` and `error_description`). */
  ERROR_FIELDS?: (status: number, errors: EndpointError[]) => Record<string, unknown>
}

/** Declares a JSON endpoint; a COMMAND guarded by a role's permission (a page's command) fails at start-up. */
export function defineEndpoint<C extends AnyCommand>(endpoint: EndpointController<C>): EndpointController {
  const permission = endpoint.COMMAND?.permission
  if (!permission) throw new Error(`Endpoint ${endpoint.ENDPOINT_NAME} has no COMMAND`)
  if (permission !== 'public' && !(ALL_API_SCOPES as string[]).includes(permission))
    throw new Error(`Endpoint ${endpoint.ENDPOINT_NAME} runs ${endpoint.COMMAND.name}, a page's command: use a scope`)
  return endpoint as unknown as EndpointController
}

const EMPTY_SHA256 = crypto.createHash('sha256').digest('hex')

export interface EndpointDeps {
  services: Services
  limiter: RateLimiter
  logger: Logger
  bodyLimitBytes: number
}

/** Body parsing errors of express.json/urlencoded, as the endpoint's own answers. */
function bodyFailure(err: { type?: string; status?: number }, limit: number): EndpointFailure | undefined {
  if (err.type === 'entity.too.large') return EndpointFailure.of(413, ENDPOINT_MESSAGES.tooLarge(limit))
  if (err.type === 'entity.parse.failed') return EndpointFailure.of(400, ENDPOINT_MESSAGES.malformed)
  if (err.type === 'charset.unsupported' || err.type === 'encoding.unsupported')
    return EndpointFailure.of(415, 'Send the body in UTF-8')
  return undefined
}

function failureOf(err: unknown, requestId: string, logger: Logger): EndpointFailure {
  if (err instanceof EndpointFailure) return err
  if (err instanceof InputError)
    return new EndpointFailure(
      400,
      err.errors.map((e) => ({ path: e.field, message: e.message })),
    )
  if (isHttpError(err) && err.status < 500) return EndpointFailure.of(err.status, err.message)
  logger.error({ err, requestId }, 'endpoint failed')
  return EndpointFailure.of(500, ENDPOINT_MESSAGES.failed(requestId))
}

export function mountEndpoint(router: Router, ep: EndpointController, deps: EndpointDeps) {
  const limit = ep.MAX_BYTES ?? deps.bodyLimitBytes
  const form = ep.BODY === 'form'
  const verify = (_req: unknown, res: Response, buf: Buffer) => {
    res.locals.rawBody = { sha256: crypto.createHash('sha256').update(buf).digest('hex'), bytes: buf.length }
  }
  const parser: RequestHandler = form
    ? express.urlencoded({ extended: false, limit, parameterLimit: 100, verify })
    : express.json({ limit, verify })
  const scope = ep.COMMAND.permission as ApiScope | 'public'

  const handle = async (req: Request, res: Response) => {
    const requestId = String(res.locals.requestId)
    let client: ApiPrincipal | undefined
    let audit: Record<string, unknown> = {}
    const send = async (status: number, body: unknown, headers: Record<string, string> = {}) => {
      if (client)
        await deps.services.apiClients.recordRequest(client, ep.ENDPOINT_NAME, { status, ...audit }, requestId)
      res.status(status).set(headers)
      if (body === undefined) res.end()
      else res.json(body)
    }
    try {
      client = await authenticateClient(req, scope, deps.services)
      const laCode = ep.LA_PARAM ? checkLa(String(req.params[ep.LA_PARAM] ?? ''), client) : undefined
      const taken = deps.limiter.take(client ? `client:${client.id}` : `ip:${req.ip}`)
      if (!taken.ok)
        throw EndpointFailure.of(429, ENDPOINT_MESSAGES.rate(taken.retryAfterSeconds), {
          'retry-after': String(taken.retryAfterSeconds),
        })
      if (!req.is(form ? 'application/x-www-form-urlencoded' : 'application/json'))
        throw EndpointFailure.of(415, form ? ENDPOINT_MESSAGES.form : ENDPOINT_MESSAGES.json)
      const body = await readBody(req, res, parser, limit)
      if (ep.MAX_ITEMS !== undefined && Array.isArray(body) && body.length > ep.MAX_ITEMS)
        throw EndpointFailure.of(413, ENDPOINT_MESSAGES.tooMany(ep.MAX_ITEMS, body.length))
      const parsed = ep.COMMAND.schema.safeParse(ep.INPUT ? ep.INPUT(body, req) : body, { errorMap: plainErrorMap })
      if (!parsed.success) throw new EndpointFailure(400, parsed.error.issues.flatMap(errorsOf))
      const raw = res.locals.rawBody ?? { sha256: EMPTY_SHA256, bytes: 0 }
      const ctx = { services: deps.services, client, laCode, input: parsed.data, requestId, raw, req }
      const result = await ep.HANDLE(ctx)
      audit = result.audit ?? {}
      await send(result.status ?? 200, result.body, result.headers)
    } catch (err) {
      const failure = failureOf(err, requestId, deps.logger)
      const extra = ep.ERROR_FIELDS?.(failure.status, failure.errors) ?? {}
      await send(failure.status, { ...extra, errors: failure.errors }, failure.headers)
    }
  }
  const route = router.route(ep.PATH)
  const wrapped = (req: Request, res: Response, next: NextFunction) => void handle(req, res).catch(next)
  if (ep.METHOD === 'POST') route.post(wrapped)
  else if (ep.METHOD === 'PUT') route.put(wrapped)
  else if (ep.METHOD === 'PATCH') route.patch(wrapped)
  else route.delete(wrapped)
}

/** A schema issue as errors of the answer: a stray field is named at its own place. */
function errorsOf(issue: z.ZodIssue): EndpointError[] {
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map((key) => ({
      path: jsonPath([...issue.path, key]),
      message: ENDPOINT_MESSAGES.unexpected(key),
    }))
  return [{ path: jsonPath(issue.path), message: issue.message }]
}

function checkLa(raw: string, client: ApiPrincipal | undefined): string {
  if (!/^\d{1,3}$/.test(raw)) throw EndpointFailure.of(400, ENDPOINT_MESSAGES.badLa)
  const laCode = raw.padStart(3, '0')
  if (client && client.laCode !== laCode) throw EndpointFailure.of(403, ENDPOINT_MESSAGES.wrongLa(client.laCode))
  return laCode
}

function readBody(req: Request, res: Response, parser: RequestHandler, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    parser(req, res, (err?: unknown) => {
      if (!err) return resolve(req.body)
      reject(bodyFailure(err as { type?: string }, limit) ?? err)
    })
  })
}
