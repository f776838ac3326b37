import { workingDaysBetween, workingDeadline } from './calendar.ts'
import { defineIndicator } from './defineIndicator.ts'

const ASSESSMENT_SOURCE = { table: 'assessment', source: 'assessments (CIN census, DfE API or Annex A List 4)' }

/** Assessments of the snapshot, one per child and start date whichever sources carried them. */
const assessments = `(SELECT child_id, start_date, min(authorised_date) AS authorised_date FROM assessment
  WHERE snapshot_id = $s AND start_date IS NOT NULL AND start_date <= $a::DATE GROUP BY child_id, start_date)`

export const assessmentsWithin45 = defineIndicator({
  id: 'assessments_within_45_wd',
  title: 'Assessments authorised within 45 working days',
  definition: 'Assessments authorised in the year within 45 working days of their start',
  basis: 'Working Together 2023, ch. 3',
  polarity: 'higherIsBetter',
  unit: 'percent',
  numerator: 'assessments authorised in the year within 45 working days of their start',
  denominator: 'assessments authorised in the year',
  needs: [ASSESSMENT_SOURCE],
  sql: `SELECT count(*) FILTER (WHERE x.authorised_date <= ${workingDeadline('x.start_date', 45)})::INTEGER AS numerator,
    count(*)::INTEGER AS denominator
    FROM ${assessments} x WHERE x.authorised_date > $y::DATE AND x.authorised_date <= $a::DATE`,
})

export const assessmentsOpenOver45 = defineIndicator({
  id: 'assessments_open_over_45_wd',
  title: 'Assessments open beyond 45 working days',
  definition: 'Assessments started by the as-at date, not authorised by it, more than 45 working days since start',
  basis: 'Working Together 2023, ch. 3',
  polarity: 'lowerIsBetter',
  unit: 'count',
  numerator: 'assessments open at the as-at date more than 45 working days after their start',
  denominator: 'assessments open at the as-at date',
  needs: [ASSESSMENT_SOURCE],
  sql: `SELECT count(*) FILTER (WHERE ${workingDaysBetween('x.start_date', '$a::DATE')} > 45)::INTEGER AS numerator,
    count(*)::INTEGER AS denominator
    FROM ${assessments} x WHERE x.authorised_date IS NULL OR x.authorised_date > $a::DATE`,
})
