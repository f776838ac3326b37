import crypto from 'node:crypto'
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import type { Logger } from 'pino'

/** A request id a proxy may send us is kept only when it is short and plain (it goes into logs and the audit trail). */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,64}$/

/** The request's id: the proxy's x-request-id when plain, else a new UUID. */
export function requestIdOf(req: Request): string {
  const given = req.headers['x-request-id']
  return typeof given === 'string' && SAFE_ID.test(given) ? given : crypto.randomUUID()
}

/** What the request line says of the request: never headers, query strings or bodies. */
export const loggedRequest = (req: Request, id: string) => ({
  id,
  method: req.method,
  path: (req.url ?? '').split('?')[0],
})

/** The line written when a request ends: `request` at info level, or `request failed` at error level for a 5xx. */
export function logRequestEnd(logger: Logger, logged: ReturnType<typeof loggedRequest>, status: number, start: number) {
  // The error handler logs a failure with its stack once; this line only records that the request ended.
  const failed = status >= 500
  const level = failed ? 'error' : 'info'
  if (!logger.isLevelEnabled(level)) return
  const line = { req: logged, res: { statusCode: status }, responseTime: Date.now() - start }
  if (failed) logger.error({ ...line, err: new Error(`failed with status code ${status}`) }, 'request failed')
  else logger.info(line, 'request')
}

/**
 * Request logging: one line per request with a request id (the proxy's x-request-id when plain, else a new UUID; sent
 * back in the response and kept in res.locals.requestId for the audit trail and error pages). Only the method, the path
 * without its query string, the status and the time are logged: never headers (cookies, tokens), query strings or
 * bodies, which can carry passwords or personal data. (Health probes answer before this: see probe.ts.)
 *
 * The line is the one pino-http wrote (`req`, `res`, `responseTime`, `msg` 'request', or at error level 'request
 * failed' with `err` for a 5xx), written straight to the logger when the response ends: pino-http made two child
 * loggers per request, serialising the request into each, which cost more than a cached page's whole answer.
 */
export function requestLog(logger: Logger): RequestHandler[] {
  return [
    (req: Request, res: Response, next: NextFunction) => {
      const id = requestIdOf(req)
      res.setHeader('x-request-id', id)
      ;(req as Request & { id?: string }).id = id
      res.locals.requestId = id
      const start = Date.now()
      const logged = loggedRequest(req, id)
      const ended = () => {
        res.removeListener('close', ended)
        res.removeListener('finish', ended)
        logRequestEnd(logger, logged, res.statusCode, start)
      }
      res.on('close', ended)
      res.on('finish', ended)
      next()
    },
  ]
}
