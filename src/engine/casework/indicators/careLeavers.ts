import { defineIndicator } from './defineIndicator.ts'

const LIST_9 = { table: 'care_leaver', source: 'Annex A List 9 (care leavers)', format: 'annexA' }
const BASIS_LEAVERS = 'Children (Leaving Care) Act 2000; Care Leavers (England) Regulations 2010'
const DENOMINATOR = 'care leavers receiving leaving-care services at the as-at date (Annex A List 9)'

/** docs/indicators.md "Care leavers": every measure is over the Annex A List 9 rows of the snapshot. */
const over = (numerator: string) =>
  `SELECT count(*) FILTER (WHERE ${numerator})::INTEGER AS numerator, count(*)::INTEGER AS denominator
    FROM care_leaver l WHERE l.snapshot_id = $s AND l.source_format = 'annexA'`

export const careLeaversInTouch = defineIndicator({
  id: 'care_leavers_in_touch',
  title: 'Care leavers in touch',
  definition: 'Care leavers the local authority is in touch with',
  basis: BASIS_LEAVERS,
  polarity: 'higherIsBetter',
  unit: 'percent',
  numerator: 'care leavers with "LA in Touch" yes',
  denominator: DENOMINATOR,
  needs: [LIST_9],
  sql: over(`upper(l.in_touch) = 'YES'`),
})

export const careLeaversSuitableAccommodation = defineIndicator({
  id: 'care_leavers_suitable_accommodation',
  title: 'Care leavers in suitable accommodation',
  definition: 'Care leavers whose accommodation is suitable',
  basis: 'Care Leavers (England) Regulations 2010, suitability of accommodation (Schedule 2)',
  polarity: 'higherIsBetter',
  unit: 'percent',
  numerator: 'care leavers with "Suitability of Accommodation" suitable',
  denominator: DENOMINATOR,
  needs: [LIST_9],
  sql: over(`coalesce(l.suitable, false)`),
})

/** DfE's "in education, employment or training" activity codes, full or part time. */
const EET_CODES = ['F1', 'P1', 'F2', 'P2', 'F3', 'P3', 'F4', 'P4', 'F5', 'P5']

export const careLeaversEet = defineIndicator({
  id: 'care_leavers_eet',
  title: 'Care leavers in education, employment or training',
  definition: 'Care leavers in education, employment or training',
  basis: 'local standard (DfE care leaver measure)',
  polarity: 'higherIsBetter',
  unit: 'percent',
  numerator: `care leavers with "Activity Status" ${EET_CODES.join(', ')}`,
  denominator: DENOMINATOR,
  needs: [LIST_9],
  sql: over(`upper(l.activity) IN (${EET_CODES.map((c) => `'${c}'`).join(', ')})`),
})

export const pathwayPlanReviewsOverdue = defineIndicator({
  id: 'pathway_plan_reviews_overdue',
  title: 'Pathway plans not reviewed for 6 months',
  definition: 'Care leavers whose pathway plan has not been reviewed for more than 6 months',
  basis: 'Care Planning Regulations 2010 regs 40-43; Care Leavers (England) Regulations 2010 (every 6 months)',
  polarity: 'lowerIsBetter',
  unit: 'count',
  numerator: 'care leavers with no pathway plan review date, or one more than 6 months before the as-at date',
  denominator: DENOMINATOR,
  needs: [LIST_9],
  sql: over(`l.pathway_review_date IS NULL OR l.pathway_review_date < ($a::DATE - INTERVAL 6 MONTH)::DATE`),
})
