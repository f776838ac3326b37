import { readCsv } from './csvTable.ts'
import type { DataIssue } from './issues.ts'
import { normaliseBand } from './values.ts'

export interface NeighbourRow {
  model: '2021' | '2025'
  laCode: string
  neighbourCode: string
  rank: number
  band: string
}

/** 2025 model, wide: old_la_code, SN_1, SN_1P, ... SN_10, SN_10P. */
export function readNeighbours2025(text: string, source: string) {
  const { table, issues } = readCsv(text, source, ['old_la_code', 'SN_1', 'SN_1P'])
  const rows: NeighbourRow[] = []
  for (const r of table?.rows ?? []) {
    const laCode = r.get('old_la_code')
    for (let k = 1; k <= 10; k++) {
      const code = r.get(`SN_${k}`)
      const bandRaw = r.get(`SN_${k}P`)
      pushNeighbour(rows, issues, source, r.line, '2025', laCode, code, k, bandRaw, `SN_${k}`)
    }
  }
  return { rows, issues }
}

/**
 * 2021 model: 'LA num', 'LA Name', 'LA number', 'GOInd', 'GOReg', then SN1, SNP, SN2, SNP, ... The band header 'SNP' is
 * repeated, so columns are read by position.
 */
export function readNeighbours2021(text: string, source: string) {
  const { table, issues } = readCsv(text, source, ['LA num', 'SN1', 'SNP', 'SN10'])
  const rows: NeighbourRow[] = []
  if (table) {
    const first = table.header.findIndex((h) => h.trim() === 'SN1')
    for (const r of table.rows) {
      const laCode = r.get('LA num')
      for (let k = 1; k <= 10; k++) {
        const code = (r.cells[first + 2 * (k - 1)] ?? '').trim()
        const bandRaw = r.cells[first + 2 * (k - 1) + 1] ?? ''
        pushNeighbour(rows, issues, source, r.line, '2021', laCode, code, k, bandRaw, `SN${k}`)
      }
    }
  }
  return { rows, issues }
}

function pushNeighbour(
  rows: NeighbourRow[],
  issues: DataIssue[],
  source: string,
  line: number,
  model: '2021' | '2025',
  laCode: string,
  code: string,
  rank: number,
  bandRaw: string,
  column: string,
) {
  if (!code) return
  const band = normaliseBand(bandRaw)
  if (!/^\d{3}$/.test(laCode) || !/^\d{3}$/.test(code)) {
    issues.push({
      severity: 'error',
      source,
      row: line,
      column,
      value: `${laCode}/${code}`,
      message: 'LA codes must be 3 digits',
    })
    return
  }
  if (!band) {
    issues.push({
      severity: 'error',
      source,
      row: line,
      column: `${column} band`,
      value: bandRaw,
      message: 'unknown closeness band',
    })
    return
  }
  rows.push({ model, laCode, neighbourCode: code, rank, band })
}
