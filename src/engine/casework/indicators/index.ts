import { addMonths } from '../../calendar/workingDays.ts'
import type { CaseworkStore } from '../store.ts'
import { assessmentsOpenOver45, assessmentsWithin45 } from './assessment.ts'
import { calendarSql } from './calendar.ts'
import {
  agencyWorkerShare,
  caseHolders,
  caseloadPerWorker,
  prepareOpenCases,
  unallocatedByStage,
  unallocatedCases,
  withInsightLock,
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

const prepared = new WeakMap<CaseworkStore, Promise<void>>()

/** Every indicator over one snapshot as at `asAt`. */
export async function computeIndicators(
  store: CaseworkStore,
  snapshotId: number,
  asAt: string,
  only: IndicatorDefinition[] = INDICATORS,
): Promise<IndicatorValue[]> {
  await prepareCalendar(store)
  const params = { s: snapshotId, a: asAt, y: addMonths(asAt, -12), h: addMonths(asAt, -6) }
  return withInsightLock(store, async () => {
    await prepareOpenCases(store, snapshotId, asAt)
    const held = await heldSources(store, snapshotId, only)
    const missing = await Promise.all(only.map((d) => missingSource(store, snapshotId, d, held)))
    const rows = await countsOf(
      store,
      only.filter((_, i) => !missing[i]),
      params,
    )
    return only.map((d, i) => valueOf(d, missing[i], missing[i] ? undefined : rows.shift()))
  })
}

/**
 * The working-day table the SQL joins, made once per store: requests arriving together (the indicators and the children
 * waiting, opened at once) wait for the same making, where each made it again and the second INSERT failed on the
 * first's rows.
 */
export function prepareCalendar(store: CaseworkStore): Promise<void> {
  let making = prepared.get(store)
  if (!making) {
    making = (async () => {
      for (const sql of calendarSql()) await store.rows(sql)
    })()
    making.catch(() => prepared.delete(store))
    prepared.set(store, making)
  }
  return making
}

/** truth.json's `caseload_per_worker_by_team`: allocated open cases per case-holding worker, by the worker's team. */
export async function caseloadByTeam(store: CaseworkStore, snapshotId: number, asAt: string) {
  const rows = await withInsightLock(store, async () => {
    await prepareOpenCases(store, snapshotId, asAt)
    return store.rows<{ team: string | null; numerator: number; denominator: number }>(
      `SELECT team, sum(cases)::INTEGER AS numerator, count(*)::INTEGER AS denominator FROM ${caseHolders}
        GROUP BY team ORDER BY team`,
      { s: snapshotId },
    )
  })
  return rows.map((r) => ({ ...r, value: indicatorValue('ratio', r.numerator, r.denominator) }))
}

type Need = IndicatorDefinition['needs'][number]
const needKey = (n: Need) => `${n.table}|${n.format ?? ''}`

/** Whether each source the given indicators need holds rows in the snapshot, in one query. */
export async function heldSources(
  store: CaseworkStore,
  snapshotId: number,
  ds: Array<Pick<IndicatorDefinition, 'needs'>>,
) {
  const needs = [...new Map(ds.flatMap((d) => d.needs).map((n) => [needKey(n), n])).values()]
  if (!needs.length) return new Set<string>()
  const rows = await store.rows<{ k: string }>(
    needs
      .map(
        (n) => `SELECT '${needKey(n)}' AS k WHERE EXISTS (SELECT 1 FROM ${n.table} WHERE snapshot_id = $s
          ${n.format ? `AND source_format = '${n.format}'` : ''})`,
      )
      .join(' UNION ALL '),
    { s: snapshotId },
  )
  return new Set(rows.map((r) => r.k))
}

/** Why `d` cannot be computed over the snapshot (the first source it needs that holds no rows), or null. */
export async function missingSource(
  store: CaseworkStore,
  snapshotId: number,
  d: Pick<IndicatorDefinition, 'needs'>,
  held?: Set<string>,
) {
  const have = held ?? (await heldSources(store, snapshotId, [d]))
  const missing = d.needs.find((n) => !have.has(needKey(n)))
  return missing ? `No ${missing.source} in this snapshot` : null
}

/** The parameters a statement names (DuckDB refuses one it does not use). */
export const paramsIn = (sql: string, params: Record<string, string | number>) =>
  Object.fromEntries(Object.entries(params).filter(([k]) => new RegExp(`\\$${k}\\b`).test(sql)))

type Counts = { numerator: number; denominator: number }

/**
 * The numerator and denominator of each indicator, in the order given, in ONE query (a UNION ALL of the indicators'
 * statements): about 30 statements parsed, planned and answered once instead of one by one, which on a small
 * council cost more than the counting itself. Each statement sees only the parameters it names, as before.
 */
async function countsOf(store: CaseworkStore, ds: IndicatorDefinition[], params: Record<string, string | number>) {
  if (!ds.length) return []
  const sql = ds.map((d, i) => `SELECT ${i} AS i, numerator, denominator FROM (${d.sql}) q${i}`).join('\nUNION ALL\n')
  const rows = await store.rows<Counts & { i: number }>(`SELECT * FROM (${sql}) ORDER BY i`, paramsIn(sql, params))
  if (rows.length !== ds.length || rows.some((r, i) => r.i !== i))
    throw new Error(`Expected one row for each of ${ds.length} indicators, got ${rows.length}`)
  return rows
}

function valueOf(d: IndicatorDefinition, missing: string | null, row: Counts | undefined): IndicatorValue {
  const base = { id: d.id, title: d.title, unit: d.unit }
  if (missing) return { ...base, value: null, numerator: null, denominator: null, note: missing }
  if (!row) throw new Error(`No counts for ${d.id}`)
  const value = indicatorValue(d.unit, row.numerator, row.denominator)
  const note = row.denominator === 0 ? `No ${d.denominator}: the denominator is zero` : undefined
  return { ...base, value, numerator: row.numerator, denominator: row.denominator, ...(note ? { note } : {}) }
}
