import crypto from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import type { Logger } from 'pino'
import { pinoHttp } from 'pino-http'

/** A request id a proxy may send us is kept only when it is short and plain (it goes into logs and the audit trail). */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,64}$/

/**
 * Request logging with pino-http: one line per request with a request id (the proxy's x-request-id when plain, else a
 * new UUID; sent back in the response and kept in res.locals.requestId for the audit trail and error pages). Only the
 * method, the path without its query string, the status and the time are logged: never headers (cookies, tokens),
 * query strings or bodies, which can carry passwords or personal data.
 */
export function requestLog(logger: Logger): RequestHandler[] {
  const http = pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id']
      const id = typeof given === 'string' && SAFE_ID.test(given) ? given : crypto.randomUUID()
      res.setHeader('x-request-id', id)
      return id
    },
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage & { id?: unknown }) => ({
        id: req.id,
        method: req.method,
        path: (req.url ?? '').split('?')[0],
      }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request failed',
    // The error handler logs a failure with its stack once; this line only records that the request ended.
    customLogLevel: (_req, res) => (res.statusCode >= 500 ? 'error' : 'info'),
  })
  return [
    http,
    (req: Request, res: Response, next: NextFunction) => {
      res.locals.requestId = String(req.id)
      next()
    },
  ]
}
