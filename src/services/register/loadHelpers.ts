import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { RawQueries } from '../../data/store.ts'
import { toCopyCsv } from '../../engine/csv.ts'
import { READER_VERSION } from '../../engine/publicData/catalogue.ts'
import type { InspectionRow } from '../../engine/publicData/inspections.ts'
import { DataLoadError, type DataIssue } from '../../engine/publicData/issues.ts'
import type { MeasureRow, StatisticRow } from '../../engine/publicData/statistics.ts'

export const sha256Of = (data: Buffer | string) => crypto.createHash('sha256').update(data).digest('hex')

/**
 * Reads a dataset's files. Its checksum is the file's SHA-256 (as in data/public/SOURCES.md) for a one-file dataset,
 * and for several files the SHA-256 of their 'sha256  name' lines.
 */
export function readFiles(dir: string, files: readonly string[]) {
  const { buffers, sha256 } = hashFiles(dir, files)
  return { texts: buffers.map(decodeText), buffers, sha256 }
}

/** A dataset's files and checksum (as readFiles), without decoding them as text. */
export function hashFiles(dir: string, files: readonly string[]) {
  const buffers = files.map((f) => {
    const full = path.join(dir, f)
    if (!fs.existsSync(full))
      throw new DataLoadError([{ severity: 'error', source: f, message: `file not found in ${dir}` }])
    return fs.readFileSync(full)
  })
  const sums = buffers.map((b) => sha256Of(b))
  const sha256 = sums.length === 1 ? sums[0] : sha256Of(sums.map((sum, i) => `${sum}  ${files[i]}\n`).join(''))
  return { buffers, sha256 }
}

/** UTF-8 (with or without BOM) or UTF-16 with a BOM, as the published files come (domain.md §6.6). */
export function decodeText(b: Buffer): string {
  if (b[0] === 0xff && b[1] === 0xfe) return b.subarray(2).toString('utf16le')
  if (b[0] === 0xfe && b[1] === 0xff) return Buffer.from(b.subarray(2)).swap16().toString('utf16le')
  return b.toString('utf8')
}

/** What the dataset table's `file` column records: the files and the reader version that loaded them. */
export const fileLabel = (files: readonly string[]) => `${files.join(', ')} (reader v${READER_VERSION})`

export function check(issues: DataIssue[]) {
  if (issues.some((i) => i.severity === 'error')) throw new DataLoadError(issues)
  return issues.filter((i) => i.severity === 'warning').length
}

export async function replaceStatistics(q: RawQueries, dataset: string, rows: StatisticRow[], measures: MeasureRow[]) {
  await q.query('DELETE FROM statistic WHERE dataset = $1', [dataset])
  await q.query('DELETE FROM stat_measure WHERE dataset = $1', [dataset])
  const cols = ['dataset', 'measure', 'geographicLevel', 'areaCode', 'year', 'value', 'symbol'] as const
  await q.copyCsv(
    'statistic',
    ['dataset', 'measure', 'geographic_level', 'area_code', 'year', 'value', 'symbol'],
    toCopyCsv(rows, [...cols]),
  )
  await insertMeasures(q, measures)
}

export async function insertMeasures(
  q: RawQueries,
  measures: Array<MeasureRow & { polarity?: string | null; description?: string | null }>,
) {
  for (const m of measures)
    await q.query(
      `INSERT INTO stat_measure (dataset, measure, title, unit, polarity, description) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (dataset, measure) DO UPDATE SET title = EXCLUDED.title, unit = EXCLUDED.unit, polarity = EXCLUDED.polarity, description = EXCLUDED.description`,
      [m.dataset, m.measure, m.title, m.unit, m.polarity ?? null, m.description ?? null],
    )
}

/**
 * Upserts inspections on their stable source key (ids stay the same across reloads, so plans can refer to them),
 * replaces every judgement, and removes inspections the files no longer hold unless another record refers to them.
 */
export async function upsertInspections(q: RawQueries, rows: InspectionRow[]) {
  await q.query('DELETE FROM inspection_judgement')
  const ids = new Map<string, number>()
  for (let i = 0; i < rows.length; i += 500) {
    const slice = rows.slice(i, i + 500)
    const params: unknown[] = []
    const tuples = slice.map((r) => {
      params.push(r.laCode, r.framework, r.startDate, r.endDate, r.published, r.overallGrade, r.source, r.sourceKey)
      const n = params.length
      return `($${n - 7}, $${n - 6}, $${n - 5}::date, $${n - 4}::date, $${n - 3}::date, $${n - 2}, $${n - 1}, $${n})`
    })
    const saved = await q.query<{ id: number; source_key: string }>(
      `INSERT INTO inspection (la_code, framework, start_date, end_date, published, overall_grade, source, source_key)
       VALUES ${tuples.join(', ')}
       ON CONFLICT (source_key) DO UPDATE SET la_code = EXCLUDED.la_code, framework = EXCLUDED.framework,
         start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date, published = EXCLUDED.published,
         overall_grade = EXCLUDED.overall_grade, source = EXCLUDED.source
       RETURNING id, source_key`,
      params,
    )
    for (const r of saved) ids.set(r.source_key, r.id)
  }
  const judgements = rows.flatMap((r) => r.judgements.map((j) => ({ inspectionId: ids.get(r.sourceKey)!, ...j })))
  await q.copyCsv(
    'inspection_judgement',
    ['inspection_id', 'area', 'grade', 'original_label'],
    toCopyCsv(judgements, ['inspectionId', 'area', 'grade', 'originalLabel']),
  )
  // Stale rows (e.g. a duplicate a better merge now folds away) go, unless a plan or other record points at them.
  const refs = await q.query<{ tbl: string; col: string }>(
    `SELECT c.conrelid::regclass::text AS tbl, a.attname AS col FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND c.confrelid = 'inspection'::regclass AND c.conrelid <> 'inspection_judgement'::regclass`,
  )
  const notReferenced = refs
    .map((r) => `AND NOT EXISTS (SELECT 1 FROM ${r.tbl} x WHERE x.${r.col} = inspection.id)`)
    .join(' ')
  await q.query(`DELETE FROM inspection WHERE NOT (source_key = ANY($1)) ${notReferenced}`, [
    rows.map((r) => r.sourceKey),
  ])
}
