import type { Request } from 'express'
import { urls } from '../../../../urls.ts'
import type { PageContext } from '../../../page.ts'

/** The plan's review page, where the submission, comment and challenge forms are. */
export const reviewUrl = (ctx: PageContext, req: Request) => urls.planReview(ctx.laCode!, req.params.plan as string)
