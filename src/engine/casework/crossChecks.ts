import type { DataIssue } from '../publicData/issues.ts'

/**
 * Data-quality checks across sources and rows, run over a snapshot before it is committed: each declared once with
 * the sources it needs (it runs only when the upload holds all of them) and SQL returning one row per problem
 * (child_id, value, detail). `$s` is the snapshot and `$asAt` the as-at date.
 */
export interface CrossCheck {
  id: string
  severity: DataIssue['severity']
  needs: string[]
  source: string
  column: string
  sql: string
  message(row: { detail: string | null }): string
}

const openAt = (start: string, end: string) => `${start} <= $asAt::DATE AND (${end} IS NULL OR ${end} > $asAt::DATE)`

export const CROSS_CHECKS: CrossCheck[] = [
  {
    id: 'cp-plan-missing-from-annex-a',
    severity: 'warning',
    needs: ['cin', 'annexA'],
    source: 'CIN census and Annex A',
    column: 'CPPstartDate',
    sql: `SELECT DISTINCT c.child_id, strftime(c.start_date, '%d/%m/%Y') AS value, NULL AS detail FROM cp_plan c
          WHERE c.snapshot_id = $s AND c.source_format = 'cin' AND ${openAt('c.start_date', 'c.end_date')}
            AND NOT EXISTS (SELECT 1 FROM cp_plan a WHERE a.snapshot_id = $s AND a.source_format = 'annexA'
                            AND a.child_id = c.child_id)
          ORDER BY 1`,
    message: () =>
      'is on a child protection plan in the CIN census but absent from Annex A List 7 (children on a CP plan)',
  },
  {
    id: 'looked-after-missing-from-annex-a',
    severity: 'warning',
    needs: ['ssda903', 'annexA'],
    source: 'SSDA903 and Annex A',
    column: 'DECOM',
    sql: `SELECT DISTINCT e.child_id, NULL AS value, NULL AS detail FROM lac_episode e
          WHERE e.snapshot_id = $s AND e.source_format = 'ssda903' AND ${openAt('e.start_date', 'e.end_date')}
            AND NOT EXISTS (SELECT 1 FROM lac_episode a WHERE a.snapshot_id = $s AND a.source_format = 'annexA'
                            AND a.child_id = e.child_id)
          ORDER BY 1`,
    message: () => 'is looked after in the SSDA903 return but absent from Annex A List 8 (children looked after)',
  },
  {
    id: 'ssda903-episodes-overlap',
    severity: 'error',
    needs: ['ssda903'],
    source: 'SSDA903 episodes',
    column: 'DECOM',
    sql: `SELECT child_id, strftime(next_start, '%d/%m/%Y') AS value, strftime(start_date, '%d/%m/%Y') AS detail FROM (
            SELECT child_id, start_date, end_date,
                   lead(start_date) OVER (PARTITION BY child_id ORDER BY start_date, end_date NULLS LAST) AS next_start
            FROM lac_episode WHERE snapshot_id = $s AND source_format = 'ssda903') t
          WHERE next_start IS NOT NULL AND (end_date IS NULL OR end_date > next_start)
          ORDER BY 1, 2`,
    message: (r) => `starts an episode while the one from ${r.detail} is still open (903 episodes overlap)`,
  },
]
