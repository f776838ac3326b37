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

/** One error handler: GOV.UK error pages, stacks hidden in production, JSON for API-style requests. */
export function errorHandler(production: boolean, logger: Logger) {
  return (
    err: Error & { status?: number; statusCode?: number; expose?: boolean; type?: string },
    req: Request,
    res: Response,
    _next: NextFunction,
  ) => {
    let status = err.status ?? err.statusCode ?? 500
    if (err.type === 'entity.too.large' || (err as { code?: string }).code === 'LIMIT_FILE_SIZE') status = 413
    if (status >= 500) logger.error({ err, requestId: res.locals.requestId }, 'request failed')
    const message = status < 500 && err.expose !== false ? err.message : undefined
    res.status(status)
    if (req.accepts(['html', 'json']) === 'json' && !req.accepts('html')) {
      res.json({ status, error: TITLES[status] ?? 'Sorry, there is a problem with the service', message })
      return
    }
    res.render(status === 404 ? 'pages/errors/404.njk' : 'pages/errors/error.njk', {
      status,
      title: TITLES[status] ?? 'Sorry, there is a problem with the service',
      message: status === 404 || status >= 500 ? undefined : message,
      stack: !production && status >= 500 ? err.stack : undefined,
      requestId: res.locals.requestId,
    })
  }
}
