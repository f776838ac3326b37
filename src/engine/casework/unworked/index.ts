import { duckDb } from '../duckdb.ts'
import { addMonths } from '../../calendar/workingDays.ts'
import { openCases, prepareOpenCases, withInsightLock } from '../indicators/allocation.ts'
import { heldSources, INDICATORS, missingSource, paramsIn, prepareCalendar } from '../indicators/index.ts'
import type { CaseworkStore } from '../store.ts'
import { REASONS, type ReasonDefinition } from './reasons.ts'

export { REASONS }

/** One reason a child is on the list: which rule, the item (contact, referral, plan...), since when, how overdue. */
export interface UnworkedItem {
  reason: string
  ref: string | null
  since: string | null
  daysOverdue: number
  unit: ReasonDefinition['unit']
}

export interface UnworkedChild {
  childId: string
  /** Age in whole years at the as-at date (from the birth month), or null when unknown. */
  ageYears: number | null
  /** Stage of the open case (looked_after, cp_plan, cin_plan, assessment), or null when no case is open. */
  stage: string | null
  team: string | null
  worker: string | null
  reasons: UnworkedItem[]
  /** The most urgent tier among the reasons (1 first). */
  tier: number
  /** The largest days overdue among the reasons of that tier. */
  daysOverdue: number
  /** 1 = first to work. */
  priority: number
}

export interface UnworkedList {
  asAt: string
  children: UnworkedChild[]
  /** Items (not children) per reason: each equals its indicator's numerator. */
  counts: Record<string, number>
  /** Reasons that could not be checked, with the missing source. */
  unavailable: Array<{ reason: string; note: string }>
}

/** How the list is ordered, in words for the page (tiers from REASONS). */
export const PRIORITY_RULE = [
  'Children are ordered by the most urgent reason they have: first children on a child protection plan not seen or whose review is late; then contacts and referrals with no decision (risk not yet screened); then open cases with no social worker and assessments beyond 45 working days; then looked-after children not visited or reviewed on time; last, cases closed without an assessment.',
  'Within the same level, the child waiting longest past the standard comes first, then the child with more reasons.',
]

/** Every child of the snapshot whose risk has not been assessed or acted on in time, most urgent first. */
export async function computeUnworked(store: CaseworkStore, snapshotId: number, asAt: string): Promise<UnworkedList> {
  await prepareCalendar(store)
  return withInsightLock(store, async () => {
    await prepareOpenCases(store, snapshotId, asAt)
    return unworkedOf(store, snapshotId, asAt)
  })
}

async function unworkedOf(store: CaseworkStore, snapshotId: number, asAt: string): Promise<UnworkedList> {
  const params = { s: snapshotId, a: asAt, y: addMonths(asAt, -12) }
  const items = new Map<string, UnworkedItem[]>()
  const counts: Record<string, number> = {}
  const unavailable: UnworkedList['unavailable'] = []
  const definitionOf = (r: ReasonDefinition) => INDICATORS.find((d) => d.id === r.indicator)!
  const held = await heldSources(store, snapshotId, REASONS.map(definitionOf))
  for (const r of REASONS) {
    const note = await missingSource(store, snapshotId, definitionOf(r), held)
    if (note) {
      unavailable.push({ reason: r.id, note })
      continue
    }
    const rows = await store.rows<{ child_id: string; ref: string | null; since: string | null; days: number }>(
      r.sql,
      paramsIn(r.sql, params),
    )
    counts[r.id] = rows.length
    for (const row of rows) {
      const list = items.get(row.child_id) ?? []
      list.push({ reason: r.id, ref: row.ref, since: row.since, daysOverdue: Math.max(0, row.days), unit: r.unit })
      items.set(row.child_id, list)
    }
  }
  const about = await childDetails(store, snapshotId, asAt, [...items.keys()])
  const tierOf = new Map(REASONS.map((r) => [r.id, r.tier]))
  const children = [...items.entries()].map(([childId, reasons]) => {
    const tier = Math.min(...reasons.map((x) => tierOf.get(x.reason)!))
    const daysOverdue = Math.max(...reasons.filter((x) => tierOf.get(x.reason) === tier).map((x) => x.daysOverdue))
    return { childId, ...about(childId), reasons, tier, daysOverdue, priority: 0 }
  })
  children.sort(
    (a, b) =>
      a.tier - b.tier ||
      b.daysOverdue - a.daysOverdue ||
      b.reasons.length - a.reasons.length ||
      a.childId.localeCompare(b.childId),
  )
  children.forEach((c, i) => (c.priority = i + 1))
  return { asAt, children, counts, unavailable }
}

/** Age, stage, team and worker of each listed child (the worker allocated at A, else the last team known). */
async function childDetails(store: CaseworkStore, snapshotId: number, asAt: string, ids: string[]) {
  if (!ids.length) return () => ({ ageYears: null, stage: null, team: null, worker: null })
  const rows = await store.rows<{
    child_id: string
    birth: string | null
    stage: string | null
    worker: string | null
    team: string | null
  }>(
    `WITH ids AS (SELECT unnest($ids::VARCHAR[]) AS child_id),
      born AS (SELECT child_id, coalesce(max(birth_date),
          last_day(max(strptime(birth_month || '-01', '%Y-%m-%d'))::DATE)) AS birth
        FROM child WHERE snapshot_id = $s GROUP BY child_id),
      held AS (SELECT child_id, worker_id, arg_max(team, coalesce(start_date, DATE '1900-01-01')) AS team
        FROM allocation WHERE snapshot_id = $s AND start_date <= $a::DATE GROUP BY child_id, worker_id),
      last AS (SELECT child_id, arg_max(team, coalesce(start_date, DATE '1900-01-01')) AS team
        FROM allocation WHERE snapshot_id = $s AND start_date <= $a::DATE GROUP BY child_id)
    SELECT i.child_id, b.birth::VARCHAR AS birth, o.stage, o.worker_id AS worker,
      CASE WHEN o.worker_id IS NULL THEN l.team ELSE h.team END AS team
    FROM ids i LEFT JOIN ${openCases} o ON o.child_id = i.child_id LEFT JOIN born b ON b.child_id = i.child_id
      LEFT JOIN held h ON h.child_id = i.child_id AND h.worker_id = o.worker_id
      LEFT JOIN last l ON l.child_id = i.child_id`,
    { s: snapshotId, a: asAt, ids: duckDb().listValue(ids) },
  )
  const by = new Map(rows.map((r) => [r.child_id, r]))
  return (childId: string) => {
    const r = by.get(childId)
    return {
      ageYears: r?.birth ? ageOn(r.birth, asAt) : null,
      stage: r?.stage ?? null,
      team: r?.team ?? null,
      worker: r?.worker ?? null,
    }
  }
}

function ageOn(birth: string, at: string): number {
  const [by, bm, bd] = birth.slice(0, 10).split('-').map(Number)
  const [y, m, d] = at.split('-').map(Number)
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}
