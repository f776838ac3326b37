import { INDICATORS } from '../casework/indicators/index.ts'
import { DEFAULT_TARGETS, rag as indicatorRag } from '../casework/indicators/targets.ts'
import { displayValue } from './diff.ts'
import { RAG_LABELS, type Rag } from './rag.ts'

/** One stored indicator value of a casework snapshot (indicator_snapshot). */
export interface IndicatorSnapshotRow {
  snapshotId: number
  asAt: string
  indicatorId: string
  value: number | null
  numerator: number | null
  denominator: number | null
  note: string | null
}

/** How many snapshots the board report shows, the latest last. */
export const BOARD_SNAPSHOTS = 6

const shown = (v: number | null, unit: string) => (v === null ? null : unit === 'percent' ? `${v}%` : String(v))

/**
 * The LA's casework indicators for the board report: each indicator's value in each of the latest snapshots on or
 * before the report date (its trend), the latest against the local target (RAG), and whether it moved the right way
 * since the snapshot before. An indicator without a value says why (its note), never a zero.
 */
export function boardIndicators(rows: IndicatorSnapshotRow[], asAt: string) {
  const seen = new Map<number, string>()
  for (const r of rows) if (r.asAt <= asAt) seen.set(r.snapshotId, r.asAt)
  const snapshots = [...seen.entries()]
    .map(([snapshotId, at]) => ({ snapshotId, asAt: at, label: displayValue(at) }))
    .sort((a, b) => a.asAt.localeCompare(b.asAt) || a.snapshotId - b.snapshotId)
    .slice(-BOARD_SNAPSHOTS)
  const byKey = new Map(rows.map((r) => [`${r.snapshotId}:${r.indicatorId}`, r]))
  const indicators = INDICATORS.map((d) => {
    const points = snapshots.map((s) => {
      const r = byKey.get(`${s.snapshotId}:${d.id}`)
      return { asAt: s.asAt, value: r?.value ?? null, shown: shown(r?.value ?? null, d.unit), note: r?.note ?? null }
    })
    const latest = points.at(-1)
    const before = points.at(-2)
    const target = DEFAULT_TARGETS[d.id]
    const r = indicatorRag(d, latest?.value ?? null, target)
    const rag: Rag = r === 'none' ? 'grey' : r
    return {
      id: d.id,
      title: d.title,
      unit: d.unit,
      polarity: d.polarity,
      points,
      target: target ?? null,
      targetShown: target === undefined ? null : shown(target, d.unit),
      rag,
      ragLabel: r === 'none' ? 'Not rated' : RAG_LABELS[rag],
      note: latest?.value === null ? latest.note : null,
      direction: direction(d.polarity, before?.value ?? null, latest?.value ?? null),
    }
  })
  return { snapshots, indicators: snapshots.length ? indicators : [] }
}

function direction(polarity: string, before: number | null, latest: number | null) {
  if (before === null || latest === null) return null
  if (before === latest) return 'No change'
  const up = latest > before
  return up === (polarity === 'higherIsBetter') ? 'Better' : 'Worse'
}

export type BoardIndicators = ReturnType<typeof boardIndicators>
