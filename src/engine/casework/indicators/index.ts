import { addMonths } from '../../calendar/workingDays.ts'
import type { CaseworkStore } from '../store.ts'
import { assessmentsOpenOver45, assessmentsWithin45 } from './assessment.ts'
import { calendarSql } from './calendar.ts'
import {
  agencyWorkerShare,
  caseHolders,
  caseloadPerWorker,
  unallocatedByStage,
  unallocatedCases,
  workersOverCaseload,
} from './allocation.ts'
import {
  careLeaversEet,
  careLeaversInTouch,
  careLeaversSuitableAccommodation,
  pathwayPlanReviewsOverdue,
} from './careLeavers.ts'
import { casesClosedWithoutAssessment, referralsAwaitingDecision } from './closures.ts'
import { indicatorValue, type IndicatorDefinition, type IndicatorValue } from './defineIndicator.ts'
import { contactsAwaitingDecision, contactsConverted, referralsNfa, reReferrals12Months } from './frontDoor.ts'
import {
  claMissing,
  claReviewsOnTime,
  claVisitsOverdue,
  dentalChecksOverdue,
  healthChecksOverdue,
  placements3Plus,
  returnInterviewsOffered,
} from './lookedAfter.ts'
import { cpPlans2YearsPlus, cpReviewsOnTime, cpVisitsOverdue, icpcWithin15, repeatCpPlans } from './protection.ts'

/** Every indicator computed from casework, in docs/indicators.md order. */
export const INDICATORS: IndicatorDefinition[] = [
  contactsConverted,
  contactsAwaitingDecision,
  referralsNfa,
  reReferrals12Months,
  referralsAwaitingDecision,
  casesClosedWithoutAssessment,
  assessmentsWithin45,
  assessmentsOpenOver45,
  icpcWithin15,
  cpReviewsOnTime,
  cpVisitsOverdue,
  cpPlans2YearsPlus,
  repeatCpPlans,
  claReviewsOnTime,
  claVisitsOverdue,
  healthChecksOverdue,
  dentalChecksOverdue,
  placements3Plus,
  claMissing,
  returnInterviewsOffered,
  careLeaversInTouch,
  careLeaversSuitableAccommodation,
  careLeaversEet,
  pathwayPlanReviewsOverdue,
  unallocatedCases,
  ...unallocatedByStage,
  caseloadPerWorker,
  workersOverCaseload,
  agencyWorkerShare,
]

const prepared = new WeakSet<CaseworkStore>()

/** Every indicator over one snapshot as at `asAt`. */
export async function computeIndicators(
  store: CaseworkStore,
  snapshotId: number,
  asAt: string,
  only: IndicatorDefinition[] = INDICATORS,
): Promise<IndicatorValue[]> {
  await prepareCalendar(store)
  const params = { s: snapshotId, a: asAt, y: addMonths(asAt, -12), h: addMonths(asAt, -6) }
  const out: IndicatorValue[] = []
  for (const d of only) out.push(await computeOne(store, d, params))
  return out
}

/** The working-day table the SQL joins, made once per store. */
export async function prepareCalendar(store: CaseworkStore) {
  if (prepared.has(store)) return
  for (const sql of calendarSql()) await store.rows(sql)
  prepared.add(store)
}

/** truth.json's `caseload_per_worker_by_team`: allocated open cases per case-holding worker, by the worker's team. */
export async function caseloadByTeam(store: CaseworkStore, snapshotId: number, asAt: string) {
  const rows = await store.rows<{ team: string | null; numerator: number; denominator: number }>(
    `SELECT team, sum(cases)::INTEGER AS numerator, count(*)::INTEGER AS denominator FROM ${caseHolders}
      GROUP BY team ORDER BY team`,
    { s: snapshotId, a: asAt },
  )
  return rows.map((r) => ({ ...r, value: indicatorValue('ratio', r.numerator, r.denominator) }))
}

/** Why `d` cannot be computed over the snapshot (the first source it needs that holds no rows), or null. */
export async function missingSource(store: CaseworkStore, snapshotId: number, d: Pick<IndicatorDefinition, 'needs'>) {
  for (const need of d.needs) {
    const [{ n }] = await store.rows<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM ${need.table} WHERE snapshot_id = $s AND source_format = coalesce($f, source_format)`,
      { s: snapshotId, f: need.format ?? null },
    )
    if (n === 0) return `No ${need.source} in this snapshot`
  }
  return null
}

async function computeOne(store: CaseworkStore, d: IndicatorDefinition, params: Record<string, string | number>) {
  const base = { id: d.id, title: d.title, unit: d.unit }
  const missing = await missingSource(store, Number(params.s), d)
  if (missing) return { ...base, value: null, numerator: null, denominator: null, note: missing }
  const used = Object.fromEntries(Object.entries(params).filter(([k]) => new RegExp(`\\$${k}\\b`).test(d.sql)))
  const [row] = await store.rows<{ numerator: number; denominator: number }>(d.sql, used)
  const value = indicatorValue(d.unit, row.numerator, row.denominator)
  const note = row.denominator === 0 ? `No ${d.denominator}: the denominator is zero` : undefined
  return { ...base, value, numerator: row.numerator, denominator: row.denominator, ...(note ? { note } : {}) }
}
