import type { Request } from 'express'
import createError from 'http-errors'
import { InputError } from '../../../../../services/commands/command.ts'
import { reportImportService } from '../../../../../services/reports/reportImportService.ts'
import type { Services } from '../../../../../services/index.ts'
import { parseReportInWorker } from '../../../../workers/reportParser.ts'
import type { PageContext } from '../../../page.ts'
import { actorOf, asHttp } from '../../plans/planContext.ts'

/** Reports are read in a worker thread with time and memory limits (server/workers/reportParser.ts), never on the event loop. */
export const importer = (services: Services) =>
  reportImportService(services.plans, { ...services.config, extractor: parseReportInWorker })

/** The staged import, only for the person who uploaded it and on its own LA (a 404 otherwise, or once it is gone). */
export function stagedFor(req: Request, ctx: PageContext) {
  return staged(() => importer(ctx.services).pending(String(req.params.token), ctx.laCode!, actorOf(ctx.user)))
}

/** The staged PDF, on the same terms as stagedFor. */
export function stagedPdfFor(req: Request, ctx: PageContext) {
  return staged(() => importer(ctx.services).stagedPdf(String(req.params.token), ctx.laCode!, actorOf(ctx.user)))
}

function staged<T>(read: () => T): T {
  try {
    return read()
  } catch (err) {
    if (err instanceof InputError) throw createError(404, err.errors[0].message)
    return asHttp(err)
  }
}
