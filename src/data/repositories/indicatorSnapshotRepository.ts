import { and, asc, eq } from 'drizzle-orm'
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
 * the value of its latest snapshot (month as `YYYY-MM-01`, like kpi_value.month). Months whose value is missing
 * (a source not uploaded, a zero denominator) are left out: a KPI never shows a zero it was not given.
 */
export async function indicatorMonthlyValues(db: DbOrTx, laCode: string, indicatorId: string) {
  const byMonth = new Map<string, number>()
  for (const r of await indicatorSeries(db, laCode, indicatorId))
    if (r.value !== null) byMonth.set(`${r.asAt.slice(0, 7)}-01`, r.value)
  return [...byMonth.entries()].map(([month, value]) => ({ month, value, source: 'casework' as const }))
}
