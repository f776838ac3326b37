import { toCopyCsv } from '../engine/csv.ts'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RawQueries, Store } from '../data/store.ts'
import { DATASET_FILES, READER_VERSION } from '../engine/publicData/catalogue.ts'
import {
  laIndex,
  mergeInspections,
  readIlacsOutcomes,
  readInspectionHistory,
  type InspectionRow,
} from '../engine/publicData/inspections.ts'
import { DataLoadError, type DataIssue } from '../engine/publicData/issues.ts'
import { LAIT_TOPICS, readLaitDictionary, readLaitValues } from '../engine/publicData/lait.ts'
import { readLocalAuthorities } from '../engine/publicData/localAuthorities.ts'
import { readNeighbours2021, readNeighbours2025 } from '../engine/publicData/neighbours.ts'
import { readPopulation } from '../engine/publicData/population.ts'
import { readStatistics, STAT_DATASETS, type MeasureRow, type StatisticRow } from '../engine/publicData/statistics.ts'
import { recordAudit, SYSTEM_ACTOR } from './auditService.ts'
import { dataChanged } from './register/dataVersion.ts'

export const PUBLIC_DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'public')

export interface LoadResult {
  dataset: string
  status: 'loaded' | 'unchanged'
  rows: number
  warnings: number
  ms: number
}

const sha256Of = (data: Buffer | string) => crypto.createHash('sha256').update(data).digest('hex')

/**
 * Reads a dataset's files. Its checksum is the file's SHA-256 (as in data/public/SOURCES.md) for a one-file dataset,
 * and for several files the SHA-256 of their 'sha256  name' lines.
 */
function readFiles(dir: string, files: readonly string[]) {
  const buffers = files.map((f) => {
    const full = path.join(dir, f)
    if (!fs.existsSync(full))
      throw new DataLoadError([{ severity: 'error', source: f, message: `file not found in ${dir}` }])
    return fs.readFileSync(full)
  })
  const sums = buffers.map((b) => sha256Of(b))
  const sha256 = sums.length === 1 ? sums[0] : sha256Of(sums.map((sum, i) => `${sum}  ${files[i]}\n`).join(''))
  return { texts: buffers.map(decodeText), buffers, sha256 }
}

/** UTF-8 (with or without BOM) or UTF-16 with a BOM, as the published files come (domain.md §6.6). */
function decodeText(b: Buffer): string {
  if (b[0] === 0xff && b[1] === 0xfe) return b.subarray(2).toString('utf16le')
  if (b[0] === 0xfe && b[1] === 0xff) return Buffer.from(b.subarray(2)).swap16().toString('utf16le')
  return b.toString('utf8')
}

/** What the dataset table's `file` column records: the files and the reader version that loaded them. */
const fileLabel = (files: readonly string[]) => `${files.join(', ')} (reader v${READER_VERSION})`

function check(issues: DataIssue[]) {
  if (issues.some((i) => i.severity === 'error')) throw new DataLoadError(issues)
  return issues.filter((i) => i.severity === 'warning').length
}

async function replaceStatistics(q: RawQueries, dataset: string, rows: StatisticRow[], measures: MeasureRow[]) {
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

async function insertMeasures(
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
async function upsertInspections(q: RawQueries, rows: InspectionRow[]) {
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

/**
 * Loads the open data into the register, idempotently: a dataset whose files' checksum matches the `dataset` table is
 * skipped; otherwise its rows are replaced in ONE transaction, so a missing or corrupt file leaves the earlier load
 * intact and the error names the file and line.
 */
export async function loadPublicData(
  store: Store,
  options: { dir?: string; force?: boolean; onProgress?: (done: number, total: number, name: string) => void } = {},
): Promise<LoadResult[]> {
  const dir = options.dir ?? PUBLIC_DATA_DIR
  const results: LoadResult[] = []
  const steps: Array<{
    name: string
    files: readonly string[]
    load: (texts: string[], q: RawQueries, buffers: Buffer[]) => Promise<{ rows: number; warnings: number }>
  }> = []

  // LAs first: every other dataset is keyed on them. The index is needed even when the LA file is unchanged.
  const laFiles = readFiles(dir, DATASET_FILES.localAuthorities)
  const sn2025 = readNeighbours2025(laFiles.texts[1], DATASET_FILES.localAuthorities[1])
  check(sn2025.issues)
  const laRead = readLocalAuthorities(
    laFiles.texts[0],
    DATASET_FILES.localAuthorities[0],
    new Set(sn2025.rows.map((r) => r.laCode)),
  )
  check(laRead.issues)
  const index = laIndex(laRead.rows)

  steps.push({
    name: 'local-authorities',
    files: DATASET_FILES.localAuthorities,
    load: async (_t, q) => {
      for (const la of laRead.rows)
        await q.query(
          `INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (la_code) DO UPDATE SET ons_code = EXCLUDED.ons_code, name = EXCLUDED.name, region = EXCLUDED.region,
             la_type = EXCLUDED.la_type, is_current = EXCLUDED.is_current`,
          [la.laCode, la.onsCode, la.name, la.region, la.laType, la.isCurrent],
        )
      return { rows: laRead.rows.length, warnings: 0 }
    },
  })
  steps.push({
    name: 'statistical-neighbours',
    files: DATASET_FILES.neighbours,
    load: async (texts, q) => {
      const r2021 = readNeighbours2021(texts[0], DATASET_FILES.neighbours[0])
      const known = new Set(laRead.rows.map((l) => l.laCode))
      const unknown = r2021.rows.filter((r) => !known.has(r.laCode) || !known.has(r.neighbourCode))
      const warnings = check([
        ...r2021.issues,
        ...unknown.map((u): DataIssue => ({
          severity: 'warning',
          source: DATASET_FILES.neighbours[0],
          message: `skipped ${u.laCode} -> ${u.neighbourCode}: not a current or recorded LA`,
        })),
      ])
      const rows = [...r2021.rows.filter((r) => !unknown.includes(r)), ...sn2025.rows]
      await q.query('DELETE FROM statistical_neighbour')
      await q.copyCsv(
        'statistical_neighbour',
        ['model', 'la_code', 'neighbour_code', 'rank', 'band'],
        toCopyCsv(rows, ['model', 'laCode', 'neighbourCode', 'rank', 'band']),
      )
      return { rows: rows.length, warnings }
    },
  })
  steps.push({
    name: 'child-population',
    files: DATASET_FILES.population,
    load: async (texts, q) => {
      const r = readPopulation(texts[0], DATASET_FILES.population[0])
      const warnings = check(r.issues)
      await q.query('DELETE FROM child_population')
      await q.copyCsv(
        'child_population',
        ['area_code', 'geographic_level', 'year', 'population', 'vintage'],
        toCopyCsv(r.rows, ['areaCode', 'geographicLevel', 'year', 'population', 'vintage']),
      )
      return { rows: r.rows.length, warnings }
    },
  })
  for (const ds of STAT_DATASETS)
    steps.push({
      name: `statistics-${ds.name}`,
      files: [ds.file],
      load: async (texts, q) => {
        const r = readStatistics(ds, texts[0], ds.file)
        const warnings = check(r.issues)
        await replaceStatistics(q, ds.name, r.rows, r.measures)
        return { rows: r.rows.length, warnings }
      },
    })
  steps.push({
    name: 'lait-dictionary',
    files: DATASET_FILES.lait,
    load: async (texts, q) => {
      const r = readLaitDictionary(texts[0], DATASET_FILES.lait[0])
      const warnings = check(r.issues)
      // Indicators with values but no dictionary entry keep the placeholder the values step gave them.
      await q.query(
        `DELETE FROM stat_measure WHERE dataset = 'lait' AND measure NOT IN (SELECT DISTINCT measure FROM statistic WHERE dataset = 'lait')`,
      )
      await insertMeasures(q, r.rows)
      return { rows: r.rows.length, warnings }
    },
  })
  steps.push({
    name: 'lait-values',
    files: DATASET_FILES.laitValues,
    load: async (texts, q, buffers) => {
      const dictionary = readLaitDictionary(texts[1], DATASET_FILES.laitValues[1])
      check(dictionary.issues)
      const measures = new Set(dictionary.rows.filter((m) => LAIT_TOPICS.includes(m.topic)).map((m) => m.measure))
      const b = buffers[0]
      const r = await readLaitValues(
        b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer,
        DATASET_FILES.laitValues[0],
        { measures },
      )
      const warnings = check(r.issues)
      await q.query(`DELETE FROM statistic WHERE dataset = 'lait'`)
      await q.copyCsv(
        'statistic',
        ['dataset', 'measure', 'geographic_level', 'area_code', 'year', 'value', 'symbol'],
        toCopyCsv(r.rows, ['dataset', 'measure', 'geographicLevel', 'areaCode', 'year', 'value', 'symbol']),
      )
      for (const m of new Set(r.rows.map((x) => x.measure)))
        await q.query(
          `INSERT INTO stat_measure (dataset, measure, title, unit) VALUES ('lait', $1, $1, 'value') ON CONFLICT (dataset, measure) DO NOTHING`,
          [m],
        )
      return { rows: r.rows.length, warnings }
    },
  })
  steps.push({
    name: 'ofsted-outcomes',
    files: DATASET_FILES.inspections,
    load: async (texts, q) => {
      const [historyFile, ilacsFile, inYearFile] = DATASET_FILES.inspections
      const history = readInspectionHistory(texts[0], historyFile, index)
      const ilacs = readIlacsOutcomes(texts[1], ilacsFile, index, 'history')
      const inYear = readIlacsOutcomes(texts[2], inYearFile, index, 'in-year')
      const warnings = check([...history.issues, ...ilacs.issues, ...inYear.issues])
      const rows = mergeInspections(ilacs.rows, inYear.rows, history.rows)
      await upsertInspections(q, rows)
      return { rows: rows.length, warnings }
    },
  })

  let done = 0
  for (const step of steps) {
    options.onProgress?.(done, steps.length, step.name)
    const started = Date.now()
    const { texts, buffers, sha256 } = readFiles(dir, step.files)
    const [previous] = await store.query<{ sha256: string; file: string }>(
      'SELECT sha256, file FROM dataset WHERE name = $1',
      [step.name],
    )
    // Unchanged files read by the same reader version are skipped; a new reader version reloads everything once.
    if (previous?.sha256 === sha256 && previous.file === fileLabel(step.files) && !options.force) {
      results.push({ dataset: step.name, status: 'unchanged', rows: 0, warnings: 0, ms: Date.now() - started })
    } else {
      const counts = await store.rawTransaction(async (q) => {
        const c = await step.load(texts, q, buffers)
        await q.query(
          `INSERT INTO dataset (name, file, sha256, rows, loaded_at) VALUES ($1, $2, $3, $4, now())
           ON CONFLICT (name) DO UPDATE SET file = EXCLUDED.file, sha256 = EXCLUDED.sha256, rows = EXCLUDED.rows, loaded_at = now()`,
          [step.name, fileLabel(step.files), sha256, c.rows],
        )
        return c
      })
      dataChanged(store)
      await store.db.transaction((tx) =>
        recordAudit(tx, {
          actor: SYSTEM_ACTOR,
          action: 'data.load',
          subjectType: 'dataset',
          subjectId: step.name,
          after: { files: step.files, sha256, rows: counts.rows },
        }),
      )
      results.push({
        dataset: step.name,
        status: 'loaded',
        rows: counts.rows,
        warnings: counts.warnings,
        ms: Date.now() - started,
      })
    }
    options.onProgress?.(++done, steps.length, step.name)
  }
  return results
}

/** The datasets in the register: name, file(s), SHA-256, rows and when they were loaded. */
export async function publicDataStatus(store: Store) {
  return store.query<{ name: string; file: string; sha256: string; rows: number; loadedAt: string }>(
    `SELECT name, file, sha256, rows, to_char(loaded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "loadedAt" FROM dataset ORDER BY name`,
  )
}

/**
 * Loads whatever public data is missing or changed, for app start: on a second start every file's checksum matches
 * and nothing is read into the store (well under a second). Returns what was loaded.
 */
export async function ensurePublicDataLoaded(
  services: { store: Store },
  options: { dir?: string; log?: (message: string) => void } = {},
) {
  const results = await loadPublicData(services.store, { dir: options.dir })
  const loaded = results.filter((r) => r.status === 'loaded')
  if (loaded.length && options.log)
    options.log(`Loaded public data: ${loaded.map((r) => `${r.dataset} (${r.rows} rows, ${r.ms} ms)`).join(', ')}`)
  return results
}
