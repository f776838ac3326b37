import type { Request } from 'express'
import { urls } from '../../../../urls.ts'
import type { PageContext } from '../../../page.ts'

/** The plan's KPI page, where the KPI forms go back to. */
export const kpisUrl = (ctx: PageContext, req: Request) => urls.planKpis(ctx.laCode!, req.params.plan as string)
