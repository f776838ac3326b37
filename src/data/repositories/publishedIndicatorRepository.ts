import type { Queryable } from './registerRepository.ts'

/** The published statistic rows of some measures of one dataset, for the areas given (LA codes or 'England'). */
export async function publishedRows(db: Queryable, dataset: string, measures: string[], areas: string[]) {
  if (!measures.length || !areas.length) return []
  const list = (from: number, n: number) => Array.from({ length: n }, (_, i) => `$${from + i}`).join(', ')
  const rows = await db.query<{ areaCode: string; measure: string; year: number; value: number | null }>(
    `SELECT area_code AS "areaCode", measure, year, value FROM statistic
      WHERE dataset = $1 AND measure IN (${list(2, measures.length)})
        AND area_code IN (${list(2 + measures.length, areas.length)})`,
    [dataset, ...measures, ...areas],
  )
  return rows.map((r) => ({ ...r, year: Number(r.year), value: r.value === null ? null : Number(r.value) }))
}

/** The LA's statistical neighbours in every model, closest first: model name to neighbour codes. */
export async function neighbourModels(db: Queryable, laCode: string): Promise<Map<string, string[]>> {
  const rows = await db.query<{ model: string; neighbour_code: string }>(
    'SELECT model, neighbour_code FROM statistical_neighbour WHERE la_code = $1 ORDER BY model, rank',
    [laCode],
  )
  const out = new Map<string, string[]>()
  for (const r of rows) out.set(r.model, [...(out.get(r.model) ?? []), r.neighbour_code])
  return out
}
