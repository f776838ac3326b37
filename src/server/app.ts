import crypto from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import cookieParser from 'cookie-parser'
import express, { type NextFunction, type Request, type Response } from 'express'
import helmet from 'helmet'
import createError from 'http-errors'
import multer from 'multer'
import pino from 'pino'
import type { Services } from '../services/index.ts'
import { errorHandler } from './errorHandler.ts'
import { sessionMiddleware } from './middleware/session.ts'
import { nunjucksSetup } from './nunjucksSetup.ts'
import { mountPage, type PageController } from './routes/page.ts'
import { pages } from './routes/index.ts'
import { homeFor, navFor } from './routes/navigation.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..', '..')

/** Composition root, last step: the Express app over the services. */
export function createApp(services: Services, options: { pages?: PageController[] } = {}) {
  const config = services.config
  const production = config.env === 'production'
  const logger = pino({ level: config.logLevel })
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', 'loopback')
  // Templates are compiled once except in development, where edits show on reload.
  nunjucksSetup(app, { cache: config.env !== 'development' })

  app.use((req: Request, res: Response, next: NextFunction) => {
    res.locals.requestId = req.get('x-request-id')?.slice(0, 64) || crypto.randomUUID()
    res.setHeader('x-request-id', res.locals.requestId)
    const started = process.hrtime.bigint()
    res.on('finish', () => {
      // Never log bodies or query strings: they can carry personal data.
      logger.info(
        {
          requestId: res.locals.requestId,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      )
    })
    next()
  })
  app.use(
    helmet({
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
    }),
  )
  const assets = { maxAge: production ? '1d' : 0 }
  app.use('/assets', express.static(path.join(root, 'node_modules/govuk-frontend/dist/govuk/assets'), assets))
  app.use('/assets', express.static(path.join(root, 'node_modules/@ministryofjustice/frontend/moj/assets'), assets))
  app.use('/public/govuk', express.static(path.join(root, 'node_modules/govuk-frontend/dist/govuk'), assets))
  app.use('/public/moj', express.static(path.join(root, 'node_modules/@ministryofjustice/frontend/moj'), assets))
  app.use('/public', express.static(path.join(here, 'public'), assets))

  app.use(express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 2000 }))
  app.use(express.json({ limit: '200kb' }))
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

  const resolveLa = async (code: string) => {
    const rows = await services.store.query<{ la_code: string }>(
      'SELECT la_code FROM local_authority WHERE la_code = $1 OR upper(ons_code) = upper($1) LIMIT 1',
      [code.trim()],
    )
    return rows[0]?.la_code
  }
  const upload = (field: string, maxBytes: number) => {
    const m = multer({ storage: multer.memoryStorage(), limits: { fileSize: maxBytes, files: 1, fields: 200 } })
    return m.single(field)
  }
  const router = express.Router()
  for (const page of options.pages ?? pages) mountPage(router, page, { services, resolveLa, upload })
  app.use(router)

  app.use((_req: Request, _res: Response, next: NextFunction) => next(createError(404)))
  app.use(errorHandler({ showDetails: config.showErrorDetails }, logger))
  return app
}
