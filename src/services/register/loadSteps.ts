import type { RawQueries } from '../../data/store.ts'
import { toCopyCsv } from '../../engine/csv.ts'
import { DATASET_FILES } from '../../engine/publicData/catalogue.ts'
import {
  laIndex,
  mergeInspections,
  readIlacsOutcomes,
  readInspectionHistory,
} from '../../engine/publicData/inspections.ts'
import type { DataIssue } from '../../engine/publicData/issues.ts'
import { LAIT_TOPICS, readLaitDictionary, readLaitValues } from '../../engine/publicData/lait.ts'
import { readLocalAuthorities, type LocalAuthorityRow } from '../../engine/publicData/localAuthorities.ts'
import { readNeighbours2021, readNeighbours2025, type NeighbourRow } from '../../engine/publicData/neighbours.ts'
import { readPopulation } from '../../engine/publicData/population.ts'
import { readStatistics, STAT_DATASETS } from '../../engine/publicData/statistics.ts'
import { check, insertMeasures, readFiles, replaceStatistics, upsertInspections } from './loadHelpers.ts'

/** One dataset of the public data: its files, and how its rows replace the register's in one transaction. */
export interface LoadStep {
  name: string
  files: readonly string[]
  load: (texts: string[], q: RawQueries, buffers: Buffer[]) => Promise<{ rows: number; warnings: number }>
}

type LaRead = ReturnType<typeof laReader>

function registerSteps(las: LaRead): LoadStep[] {
  return [
    {
      name: 'local-authorities',
      files: DATASET_FILES.localAuthorities,
      load: async (_t, q) => {
        const { laRead } = las()
        for (const la of laRead.rows)
          await q.query(
            `INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (la_code) DO UPDATE SET ons_code = EXCLUDED.ons_code, name = EXCLUDED.name, region = EXCLUDED.region,
               la_type = EXCLUDED.la_type, is_current = EXCLUDED.is_current`,
            [la.laCode, la.onsCode, la.name, la.region, la.laType, la.isCurrent],
          )
        return { rows: laRead.rows.length, warnings: 0 }
      },
    },
    {
      name: 'statistical-neighbours',
      files: DATASET_FILES.neighbours,
      load: async (texts, q) => {
        const { laRead, sn2025 } = las()
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
    },
  ]
}

function populationStep(): LoadStep {
  return {
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
  }
}

function statisticsSteps(): LoadStep[] {
  return STAT_DATASETS.map((ds) => ({
    name: `statistics-${ds.name}`,
    files: [ds.file],
    load: async (texts, q) => {
      const r = readStatistics(ds, texts[0], ds.file)
      const warnings = check(r.issues)
      await replaceStatistics(q, ds.name, r.rows, r.measures)
      return { rows: r.rows.length, warnings }
    },
  }))
}

function laitSteps(): LoadStep[] {
  return [
    {
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
    },
    {
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
    },
  ]
}

function inspectionsStep(las: LaRead): LoadStep {
  return {
    name: 'ofsted-outcomes',
    files: DATASET_FILES.inspections,
    load: async (texts, q) => {
      const { index } = las()
      const [historyFile, ilacsFile, inYearFile] = DATASET_FILES.inspections
      const history = readInspectionHistory(texts[0], historyFile, index)
      const ilacs = readIlacsOutcomes(texts[1], ilacsFile, index, 'history')
      const inYear = readIlacsOutcomes(texts[2], inYearFile, index, 'in-year')
      const warnings = check([...history.issues, ...ilacs.issues, ...inYear.issues])
      const rows = mergeInspections(ilacs.rows, inYear.rows, history.rows)
      await upsertInspections(q, rows)
      return { rows: rows.length, warnings }
    },
  }
}

/** The LA files read once, when a step first needs them (a start whose files are all unchanged never does). */
function laReader(dir: string) {
  let read: {
    laRead: { rows: LocalAuthorityRow[] }
    sn2025: { rows: NeighbourRow[] }
    index: ReturnType<typeof laIndex>
  }
  return () => {
    if (read) return read
    const laFiles = readFiles(dir, DATASET_FILES.localAuthorities)
    const sn2025 = readNeighbours2025(laFiles.texts[1], DATASET_FILES.localAuthorities[1])
    check(sn2025.issues)
    const laRead = readLocalAuthorities(
      laFiles.texts[0],
      DATASET_FILES.localAuthorities[0],
      new Set(sn2025.rows.map((r) => r.laCode)),
    )
    check(laRead.issues)
    read = { laRead, sn2025, index: laIndex(laRead.rows) }
    return read
  }
}

/** The datasets in load order: LAs first, as every other dataset is keyed on them. */
export function loadSteps(dir: string): LoadStep[] {
  // LAs first: every other dataset is keyed on them. The index is needed even when the LA file is unchanged.
  const las = laReader(dir)
  return [...registerSteps(las), populationStep(), ...statisticsSteps(), ...laitSteps(), inspectionsStep(las)]
}
