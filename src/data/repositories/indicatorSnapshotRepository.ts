import { and, asc, eq, lte } from 'drizzle-orm'
import { indicatorSnapshot } from '../schema/insight.ts'
import type { DbOrTx } from '../store.ts'

export interface IndicatorSnapshotValue {
  indicatorId: string
  value: number | null
  numerator: number | null
  denominator: number | null
  note?: string | null
}

/** Stores one casework snapshot's indicator values; a snapshot already stored is left as it is (snapshots never change). */
export async function saveIndicatorSnapshot(
  db: DbOrTx,
  s: { laCode: string; snapshotId: number; asAt: string },
  values: IndicatorSnapshotValue[],
) {
  if (!values.length) return
  await db
    .insert(indicatorSnapshot)
    .values(values.map((v) => ({ ...s, ...v, note: v.note ?? null })))
    .onConflictDoNothing()
}

/** One indicator's values for an LA, oldest snapshot first. */
export async function indicatorSeries(db: DbOrTx, laCode: string, indicatorId: string) {
  return db
    .select({
      snapshotId: indicatorSnapshot.snapshotId,
      asAt: indicatorSnapshot.asAt,
      value: indicatorSnapshot.value,
      numerator: indicatorSnapshot.numerator,
      denominator: indicatorSnapshot.denominator,
      note: indicatorSnapshot.note,
    })
    .from(indicatorSnapshot)
    .where(and(eq(indicatorSnapshot.laCode, laCode), eq(indicatorSnapshot.indicatorId, indicatorId)))
    .orderBy(asc(indicatorSnapshot.asAt), asc(indicatorSnapshot.snapshotId))
}

/**
 * The monthly values a KPI linked to `indicatorId` takes (kpi.casework_indicator): for each month with a snapshot,
 * the value of its latest snapshot (month as `YYYY-MM-01`, like kpi_value.month), with that snapshot's id and as-at
 * date. Months whose value is missing (a source not uploaded, a zero denominator) are left out: a KPI never shows a
 * zero it was not given.
 */
export async function indicatorMonthlyValues(db: DbOrTx, laCode: string, indicatorId: string) {
  const byMonth = new Map<string, { value: number; asAt: string; snapshotId: number }>()
  for (const r of await indicatorSeries(db, laCode, indicatorId))
    if (r.value !== null)
      byMonth.set(`${r.asAt.slice(0, 7)}-01`, { value: r.value, asAt: r.asAt, snapshotId: r.snapshotId })
  return [...byMonth.entries()].map(([month, v]) => ({ month, source: 'casework' as const, ...v }))
}

/** Whether a snapshot's indicators are already stored (snapshots never change, so they are computed once). */
export async function hasIndicatorSnapshot(db: DbOrTx, laCode: string, snapshotId: number) {
  const [row] = await db
    .select({ id: indicatorSnapshot.snapshotId })
    .from(indicatorSnapshot)
    .where(and(eq(indicatorSnapshot.laCode, laCode), eq(indicatorSnapshot.snapshotId, snapshotId)))
    .limit(1)
  return Boolean(row)
}

/**
 * A KPI's monthly values with the casework ones merged in: a KPI linked to an indicator takes each snapshot month's
 * indicator value; a month with no snapshot keeps a value typed before the link, if any.
 */
export async function withCaseworkValues<
  K extends { caseworkIndicator?: string | null; values: Array<{ month: string; value: number; source: string }> },
>(db: DbOrTx, laCode: string, kpis: K[]): Promise<K[]> {
  const out: K[] = []
  for (const k of kpis) {
    if (!k.caseworkIndicator) {
      out.push(k)
      continue
    }
    const casework = await indicatorMonthlyValues(db, laCode, k.caseworkIndicator)
    const months = new Set(casework.map((v) => v.month))
    const values = [...casework, ...k.values.filter((v) => !months.has(v.month))]
    out.push({ ...k, values: values.sort((a, b) => a.month.localeCompare(b.month)) })
  }
  return out
}

/** Every stored indicator value of an LA's snapshots as at `asAt` or before, oldest snapshot first. */
export async function indicatorSnapshotsUpTo(db: DbOrTx, laCode: string, asAt: string) {
  return db
    .select({
      snapshotId: indicatorSnapshot.snapshotId,
      asAt: indicatorSnapshot.asAt,
      indicatorId: indicatorSnapshot.indicatorId,
      value: indicatorSnapshot.value,
      numerator: indicatorSnapshot.numerator,
      denominator: indicatorSnapshot.denominator,
      note: indicatorSnapshot.note,
    })
    .from(indicatorSnapshot)
    .where(and(eq(indicatorSnapshot.laCode, laCode), lte(indicatorSnapshot.asAt, asAt)))
    .orderBy(asc(indicatorSnapshot.asAt), asc(indicatorSnapshot.snapshotId))
}
