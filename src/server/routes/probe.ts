import type { NextFunction, Request, RequestHandler, Response } from 'express'
import type { Logger } from 'pino'
import type { Services } from '../../services/index.ts'
import { logRequestEnd, loggedRequest, requestIdOf } from '../middleware/requestLog.ts'
import type { PageController } from './page.ts'

/**
 * The headers a middleware sets on every response (helmet's security headers), captured once by running it against a
 * stub response, so a probe answering before it sends exactly the same ones and they can never drift apart.
 */
export function capturedHeaders(middleware: RequestHandler): [string, string][] {
  const headers = new Map<string, [string, string]>()
  const res = {
    setHeader: (name: string, value: unknown) => headers.set(name.toLowerCase(), [name, String(value)]),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
    getHeader: (name: string) => headers.get(name.toLowerCase())?.[1],
  }
  let passed = false
  const req = { method: 'GET', url: '/', headers: {} } as Request
  middleware(req, res as unknown as Response, (err?: unknown) => {
    if (err) throw err
    passed = true
  })
  if (!passed) throw new Error('The security headers middleware did not set its headers at once: it cannot be captured')
  return [...headers.values()]
}

/** The path an address names, as Express routes it (case-insensitive, a trailing slash allowed). */
const pathOf = (url: string) => {
  const q = url.indexOf('?')
  const p = (q < 0 ? url : url.slice(0, q)).toLowerCase()
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p
}

/**
 * Answers the NO_SESSION pages (the health check) before anything else: load balancers and monitors poll them every
 * few seconds, so they skip the request log, helmet, the routers and res.json. The response still carries exactly the
 * security headers every other response gets (`security`, captured from the configured helmet), the request id as the
 * request log sends it, `Cache-Control: no-store` and JSON's content type; no ETag (pointless on no-store).
 *
 * A successful probe is not written to the request log: probes every few seconds would drown it (standard practice).
 * A failed one (5xx: the store is DOWN) is, at error level, with the line the request log writes.
 */
export function probes(
  pages: PageController[],
  deps: { services: Services; logger: Logger; security: [string, string][] },
): RequestHandler {
  const byPath = new Map(pages.filter((p) => p.PROBE).map((p) => [p.PATH.toLowerCase(), p.PROBE!]))
  const fixed = [
    ...deps.security.flat(),
    'Cache-Control',
    'no-store',
    'Content-Type',
    'application/json; charset=utf-8',
  ]
  return (req: Request, res: Response, next: NextFunction) => {
    const probe = (req.method === 'GET' || req.method === 'HEAD') && byPath.get(pathOf(req.url))
    if (!probe) return next()
    const id = requestIdOf(req)
    const start = Date.now()
    probe(deps.services).then(
      ({ status, body }) => {
        const json = JSON.stringify(body)
        res.writeHead(status, [...fixed, 'x-request-id', id, 'Content-Length', String(Buffer.byteLength(json))])
        res.end(json)
        if (status >= 500) logRequestEnd(deps.logger, loggedRequest(req, id), status, start)
      },
      (err: unknown) => {
        // The error handler answers (and logs the failure); the response keeps the headers every response has.
        for (const [name, value] of deps.security) res.setHeader(name, value)
        res.setHeader('x-request-id', id)
        res.locals.requestId = id
        next(err)
      },
    )
  }
}
