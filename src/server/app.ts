import path from 'node:path'
import { fileURLToPath } from 'node:url'
import cookieParser from 'cookie-parser'
import express, { type NextFunction, type Request, type Response } from 'express'
import helmet from 'helmet'
import createError from 'http-errors'
import pino, { type Logger } from 'pino'
import type { Services } from '../services/index.ts'
import { errorHandler } from './errorHandler.ts'
import { manyUpload, refuseNulInAddress, refuseNulInBody, singleUpload } from './middleware/requestHygiene.ts'
import { requestLog } from './middleware/requestLog.ts'
import { sessionMiddleware } from './middleware/session.ts'
import { nunjucksSetup } from './nunjucksSetup.ts'
import { mountPage, type PageController } from './routes/page.ts'
import { capturedHeaders, probes } from './routes/probe.ts'
import { pages } from './routes/index.ts'
import { homeFor, navFor } from './routes/navigation.ts'
import { mountEndpoint, type EndpointController } from './routes/endpoint.ts'
import { endpoints } from './routes/endpoints.ts'
import { RateLimiter } from '../engine/access/rateLimit.ts'
import { API_PREFIX } from './urls.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..', '..')

const upload = (field: string, maxBytes: number, maxFiles = 1) =>
  maxFiles > 1 ? manyUpload(field, maxBytes, maxFiles) : singleUpload(field, maxBytes)

export interface AppOptions {
  pages?: PageController[]
  endpoints?: EndpointController[]
  logger?: Logger
  /** The API rate limit's clock (milliseconds): a fixed one makes a test's Retry-After independent of the machine. */
  rateLimitClock?: () => number
}

/** Composition root, last step: the Express app over the services. */
export function createApp(services: Services, options: AppOptions = {}) {
  const config = services.config
  const production = config.env === 'production'
  const logger = options.logger ?? pino({ level: config.logLevel })
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', 'loopback')
  // Templates are compiled once, in every mode, unless a developer opts in to watching them (see config.ts).
  nunjucksSetup(app, { cache: !config.watchTemplates })

  const security = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: production ? [] : null,
      },
    },
    hsts: production,
  })
  // Public pages that read no session (the health check) answer first, with the security headers captured from helmet
  // and without a request log line unless they fail (see probe.ts): before the API, the static files, the body
  // parsers and the session, none of which they use.
  app.use(probes(options.pages ?? pages, { services, logger, security: capturedHeaders(security) }))
  app.use(requestLog(logger))
  app.use(security)
  const pageDeps = { services, resolveLa: (code: string) => services.laProfiles.resolve(code), upload }
  // JSON endpoints for machine clients come before the body parsers and the session: bearer tokens, no cookies.
  const api = express.Router()
  const limiter = new RateLimiter({ perMinute: config.api.perMinute, burst: config.api.burst }, options.rateLimitClock)
  const endpointDeps = { services, limiter, logger, bodyLimitBytes: config.api.bodyLimitBytes }
  for (const endpoint of options.endpoints ?? endpoints) mountEndpoint(api, endpoint, endpointDeps)
  app.use(api)
  app.use(API_PREFIX, (req: Request, res: Response) => {
    const message = `There is no API endpoint ${req.method} ${API_PREFIX}${req.path === '/' ? '' : req.path}`
    res.status(404).json({ errors: [{ path: '', message }] })
  })
  app.use(refuseNulInAddress)
  const assets = { maxAge: production ? '1d' : 0 }
  app.use('/assets', express.static(path.join(root, 'node_modules/govuk-frontend/dist/govuk/assets'), assets))
  app.use('/assets', express.static(path.join(root, 'node_modules/@ministryofjustice/frontend/moj/assets'), assets))
  app.use('/public/govuk', express.static(path.join(root, 'node_modules/govuk-frontend/dist/govuk'), assets))
  app.use('/public/moj', express.static(path.join(root, 'node_modules/@ministryofjustice/frontend/moj'), assets))
  app.use('/public', express.static(path.join(here, 'public'), assets))

  app.use(express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 2000 }))
  app.use(express.json({ limit: '200kb' }))
  app.use(refuseNulInBody)
  app.use(cookieParser())
  app.use(sessionMiddleware(services, { secure: production }))
  app.use((req: Request, res: Response, next: NextFunction) => {
    res.locals.currentPath = req.path
    res.locals.todayIso = new Date().toISOString().slice(0, 10)
    if (res.locals.user) {
      res.locals.navExtra = navFor(res.locals.user, req.path)
      res.locals.navHome = homeFor(res.locals.user)
    }
    next()
  })

  const router = express.Router()
  for (const page of (options.pages ?? pages).filter((p) => !p.NO_SESSION)) mountPage(router, page, pageDeps)
  app.use(router)

  app.use((_req: Request, _res: Response, next: NextFunction) => next(createError(404)))
  app.use(errorHandler({ showDetails: config.showErrorDetails }, logger))
  return app
}
