import { urls } from '../../../../../urls.ts'
import { definePage } from '../../../../page.ts'
import { addReviewRowCommand } from '../../../../../../services/reports/addReviewRow.ts'
import { stagedFor } from '../importContext.ts'

/**
 * "Add a recommendation the reader missed": the review form, as typed so far, comes back with one more empty
 * recommendation row (the button posts here with formaction, so it works without JavaScript); nothing is saved.
 */
export const reportReviewAddPage = definePage({
  PAGE_NAME: 'report-import-add-row',
  PATH: '/la/:la/reports/import/:token/add',
  REQUIRED_PERMISSION: 'report:import',
  LA_PARAM: 'la',
  BACK: (params) => urls.reportReview(params.la, params.token),
  COMMAND: addReviewRowCommand,
  async POST(req, _res, ctx) {
    const pending = stagedFor(req, ctx)
    const { fields, row } = await addReviewRowCommand.run(ctx.services, ctx.body, undefined)
    await ctx.formErrors({}, fields, `${urls.reportReview(ctx.laCode!, pending.token)}#recommendation-${row + 1}`)
  },
})
