import type { NextFunction, Request, Response } from 'express'
import type { Logger } from 'pino'

const TITLES: Record<number, string> = {
  400: 'There is a problem with your request',
  401: 'You need to sign in',
  403: 'You do not have permission to view this page',
  404: 'Page not found',
  413: 'The file or form you sent is too large',
  429: 'Too many requests',
}

type HttpError = Error & { status?: number; statusCode?: number; expose?: boolean; type?: string; code?: string }

/**
 * The message a person may see: only one Sightline wrote on purpose (an http-error with `expose`), never one from a
 * library (a parser's "Unexpected token at position 12", a driver's SQL, a path), which carry a `type` or `code`.
 */
function safeMessage(err: HttpError, status: number) {
  if (status >= 500 || status === 404 || err.expose !== true || err.type || err.code) return undefined
  if (/\b(SELECT|INSERT|UPDATE|DELETE)\b|\/[\w.-]+\/[\w.-]+|\bat \S+:\d+/.test(err.message)) return undefined
  return err.message
}

/**
 * One error handler: only the GOV.UK error page (or, for API-style requests, a short JSON body) reaches a person, in
 * every mode: no stack, SQL, parameters or paths. A developer opts in to stack traces (`showDetails`).
 */
export function errorHandler(options: { showDetails: boolean }, logger: Logger) {
  return (err: HttpError, req: Request, res: Response, _next: NextFunction) => {
    let status = err.status ?? err.statusCode ?? 500
    if (err.type === 'entity.too.large' || err.code === 'LIMIT_FILE_SIZE') status = 413
    if (status < 400 || status > 599) status = 500
    if (status >= 500) logger.error({ err, requestId: res.locals.requestId }, 'request failed')
    const message = safeMessage(err, status)
    res.status(status)
    if (req.accepts(['html', 'json']) === 'json' && !req.accepts('html')) {
      res.json({ status, error: TITLES[status] ?? 'Sorry, there is a problem with the service', message })
      return
    }
    res.render(status === 404 ? 'pages/errors/404.njk' : 'pages/errors/error.njk', {
      status,
      title: TITLES[status] ?? 'Sorry, there is a problem with the service',
      message,
      stack: options.showDetails && status >= 500 ? err.stack : undefined,
      requestId: res.locals.requestId,
    })
  }
}
