import type { CaseworkStore } from '../store.ts'
import { defineIndicator } from './defineIndicator.ts'

const CIN = { table: 'referral', source: 'CIN census episodes', format: 'cin' }
const INVOLVEMENTS = { table: 'allocation', source: 'SSD worker allocations (ssd_involvements.csv)', format: 'ssd' }
const PROFESSIONALS = { table: 'worker', source: 'SSD professionals (ssd_professionals.csv)', format: 'ssd' }
const BASIS = 'Working Together 2023, ch. 3 (a lead social worker for every child assessed)'
export const STAGES = ['looked_after', 'cp_plan', 'cin_plan', 'assessment'] as const
export type Stage = (typeof STAGES)[number]

const openAt = (t: string, start: string, end: string) =>
  `${t}.${start} <= $a::DATE AND (${t}.${end} IS NULL OR ${t}.${end} > $a::DATE)`

/**
 * Open cases at A (a CIN census episode open at A), each with its stage (the first that applies: an SSDA903 episode,
 * a CP plan, a CIN plan open at A; else assessment) and the worker allocated at A (an SSD involvement open at A).
 */
const OPEN_CASES = `SELECT c.child_id,
    CASE WHEN EXISTS (SELECT 1 FROM lac_episode e WHERE e.snapshot_id = $s AND e.source_format = 'ssda903'
        AND e.child_id = c.child_id AND ${openAt('e', 'start_date', 'end_date')}) THEN 'looked_after'
      WHEN EXISTS (SELECT 1 FROM cp_plan p WHERE p.snapshot_id = $s AND p.child_id = c.child_id
        AND ${openAt('p', 'start_date', 'end_date')}) THEN 'cp_plan'
      WHEN EXISTS (SELECT 1 FROM cin_plan p WHERE p.snapshot_id = $s AND p.child_id = c.child_id
        AND ${openAt('p', 'start_date', 'end_date')}) THEN 'cin_plan'
      ELSE 'assessment' END AS stage,
    (SELECT arg_min(a.worker_id, a.start_date) FROM allocation a WHERE a.snapshot_id = $s AND a.source_format = 'ssd'
      AND a.child_id = c.child_id AND a.worker_id IS NOT NULL AND ${openAt('a', 'start_date', 'end_date')}) AS worker_id
  FROM (SELECT DISTINCT child_id FROM referral r WHERE r.snapshot_id = $s AND r.source_format = 'cin'
    AND ${openAt('r', 'referral_date', 'closure_date')}) c`

/**
 * The open cases of one computation, made once into a temporary table (`prepareOpenCases`, under the store's
 * insight lock) and read by every indicator and reason that needs them.
 */
export const openCases = `(SELECT child_id, stage, worker_id FROM open_case)`

const openCasesOf = new WeakMap<CaseworkStore, string>()

/**
 * Fills the `open_case` temporary table for the snapshot and as-at date (call under `withInsightLock`). The indicators
 * and then the unworked list of one snapshot need the same table: it is made again only when the snapshot, the date or
 * the store (a writer opened or closed since: an API request changes the day's snapshot) is not the one it was made for.
 */
export async function prepareOpenCases(store: CaseworkStore, snapshotId: number, asAt: string) {
  const stamp = store.changeStamp()
  const key = stamp === null ? null : `${snapshotId}|${asAt}|${stamp}`
  if (key !== null && openCasesOf.get(store) === key) return
  openCasesOf.delete(store)
  await store.rows(`CREATE OR REPLACE TEMP TABLE open_case AS ${OPEN_CASES}`, { s: snapshotId, a: asAt })
  if (key !== null && store.changeStamp() === stamp) openCasesOf.set(store, key)
}

const locks = new WeakMap<CaseworkStore, Promise<unknown>>()
/** Runs `f` after every earlier insight computation on the store: they share the temporary tables. */
export function withInsightLock<T>(store: CaseworkStore, f: () => Promise<T>): Promise<T> {
  const run = (locks.get(store) ?? Promise.resolve()).catch(() => undefined).then(f)
  locks.set(store, run)
  return run
}

const unallocated = (stage?: Stage) =>
  defineIndicator({
    id: stage ? `unallocated_cases_${stage}` : 'unallocated_cases',
    title: stage ? `Unallocated cases: ${stage.replace('_', ' ')}` : 'Unallocated cases',
    definition: `Open cases${stage ? ` at the ${stage.replace('_', ' ')} stage` : ''} with no allocated worker`,
    basis: BASIS,
    polarity: 'lowerIsBetter',
    unit: 'count',
    numerator: `open cases${stage ? ` at that stage` : ''} with no worker allocated at the as-at date`,
    denominator: `open cases${stage ? ` at that stage` : ''}`,
    needs: [CIN, INVOLVEMENTS],
    sql: `SELECT count(*) FILTER (WHERE o.worker_id IS NULL)::INTEGER AS numerator, count(*)::INTEGER AS denominator
      FROM ${openCases} o ${stage ? `WHERE o.stage = '${stage}'` : ''}`,
  })

export const unallocatedCases = unallocated()
export const unallocatedByStage = STAGES.map((s) => unallocated(s))

/** Workers holding at least one open case at A, with their caseload, team and agency flag. */
export const caseHolders = `(SELECT o.worker_id, count(*)::INTEGER AS cases,
    (SELECT max(w.team) FROM worker w WHERE w.snapshot_id = $s AND w.worker_id = o.worker_id) AS team,
    (SELECT bool_or(w.agency) FROM worker w WHERE w.snapshot_id = $s AND w.source_format = 'ssd'
      AND w.worker_id = o.worker_id) AS agency
  FROM ${openCases} o WHERE o.worker_id IS NOT NULL GROUP BY o.worker_id)`

const HOLDERS = 'distinct workers holding at least one open case at the as-at date'

export const caseloadPerWorker = defineIndicator({
  id: 'caseload_per_worker',
  title: 'Caseload per worker',
  definition: 'Allocated open cases per worker holding cases',
  basis: 'local standard',
  polarity: 'lowerIsBetter',
  unit: 'ratio',
  numerator: 'allocated open cases',
  denominator: HOLDERS,
  needs: [CIN, INVOLVEMENTS],
  sql: `SELECT coalesce(sum(cases), 0)::INTEGER AS numerator, count(*)::INTEGER AS denominator FROM ${caseHolders}`,
})

export const workersOverCaseload = defineIndicator({
  id: 'workers_over_caseload',
  title: 'Workers over the caseload maximum',
  definition: 'Workers holding more than 20 open cases (local maximum)',
  basis: 'local standard, default 20',
  polarity: 'lowerIsBetter',
  unit: 'count',
  numerator: 'workers holding more than 20 open cases at the as-at date',
  denominator: HOLDERS,
  needs: [CIN, INVOLVEMENTS],
  sql: `SELECT count(*) FILTER (WHERE cases > 20)::INTEGER AS numerator, count(*)::INTEGER AS denominator
    FROM ${caseHolders}`,
})

export const agencyWorkerShare = defineIndicator({
  id: 'agency_worker_share',
  title: 'Agency worker share',
  definition: 'Share of case-holding workers who are agency staff',
  basis: 'local standard (DfE workforce measure)',
  polarity: 'lowerIsBetter',
  unit: 'percent',
  numerator: 'case-holding workers flagged as agency staff',
  denominator: HOLDERS,
  needs: [CIN, INVOLVEMENTS, PROFESSIONALS],
  sql: `SELECT count(*) FILTER (WHERE coalesce(agency, false))::INTEGER AS numerator, count(*)::INTEGER AS denominator
    FROM ${caseHolders}`,
})
