import { readCsv } from './csvTable.ts'
import type { MeasureRow } from './statistics.ts'

/** The LAIT indicator dictionary (448 indicators): id, title, polarity and description, as stat_measure rows. */
export function readLaitDictionary(text: string, source: string) {
  const { table, issues } = readCsv(text, source, ['Measure_code', 'Measure', 'Polarity', 'Description', 'y_axis_name'])
  const rows: Array<MeasureRow & { polarity: string | null; description: string | null }> = []
  const seen = new Set<string>()
  for (const r of table?.rows ?? []) {
    const code = r.get('Measure_code')
    if (!code || seen.has(code)) continue
    seen.add(code)
    const polarity = r.get('Polarity')
    rows.push({
      dataset: 'lait',
      measure: `lait_${code}`,
      title: r.get('Measure') || code,
      unit: r.get('y_axis_name') || 'value',
      polarity: polarity && polarity !== 'NA' ? polarity : null,
      description: r.get('Description') || null,
    })
  }
  return { rows, issues }
}
