import { z } from 'zod'
import { defineCommand } from '../commands/command.ts'

/** The import review form's flat fields, as posted (see server/routes/la/reports/import/reportReviewForm.ts). */
type ReviewFields = Record<string, string | undefined>

/** The most recommendation rows a review form may hold (a report has at most a few dozen). */
export const MAX_REVIEW_ROWS = 500

/** The form as posted, with one more (empty) recommendation row at the end; its index is `row`. */
export function addRecommendationRow(posted: ReviewFields): { fields: ReviewFields; row: number } {
  const { _csrf: _ignored, action: _action, ...fields } = posted
  const row = Math.min(Math.max(Number(fields.recCount) || 0, 0), MAX_REVIEW_ROWS - 1)
  return { fields: { ...fields, recCount: String(row + 1), [`r-${row}-page`]: '' }, row }
}

/**
 * "Add a recommendation the reader missed" on the import review: the form, as typed so far, with one more empty
 * recommendation row. Nothing is saved (confirmImport.ts saves the reviewed form); the schema only bounds what is
 * carried back to the page: field names of letters, digits and dashes, each value at most 20,000 characters.
 */
export const addReviewRowCommand = defineCommand({
  name: 'report.review.add-row',
  permission: 'report:import',
  schema: z.record(z.string().regex(/^[\w-]+$/), z.string().max(20_000)),
  async run(_deps: unknown, input: ReviewFields) {
    return addRecommendationRow(input)
  },
})
