/**
 * The CIN census reader's second thread (cinOffThread.ts): the main thread parses the XML and sends the parser's
 * tokens here (cinParser.ts); this thread turns them into children (cinTokens.ts) and canonical rows (cinRecords.ts),
 * writes the rows as CSV chunk files (csvRows.ts) and says which files are ready to load, with the issues found.
 *
 * Messages in: the tokens of each batch (bytes, transferred), then `null` (the end). Out: `{ files, issues }` per batch, `{ done, files,
 * issues, counts }` at the end, `{ error }` if a row could not be written (a reader bug, never bad input).
 */
import fs from 'node:fs'
import path from 'node:path'
import { parentPort, workerData } from 'node:worker_threads'
import { CHUNK_BYTES, newChunk } from '../../casework/bulkLoader.ts'
import { CsvRows, type EntityChunk } from '../../casework/csvRows.ts'
import { tableName, type EntityName, type RecordCounts } from '../../casework/model.ts'
import type { DataIssue } from '../../publicData/issues.ts'
import { FieldChecks } from '../checks.ts'
import { CinChildMapper } from './cinRecords.ts'
import { CinChildren } from './cinTokens.ts'
import { CIN_FIRST_YEAR, CIN_LAST_YEAR, CIN_YEARS } from './versions.ts'

export interface CinThreadData {
  spec: { prefix: string; keepDayOfBirth: boolean; dir: string; stem: string }
  fileName: string
  laCode: string
  asAt: string
  year: number
}
export type CinThreadAnswer =
  { files: Array<[EntityName, string]>; issues: DataIssue[]; done?: true; counts?: RecordCounts } | { error: string }

const d = workerData as CinThreadData
const port = parentPort!
let issues: DataIssue[] = []
let files: Array<[EntityName, string]> = []
const counts: RecordCounts = {}
const chunks = new Map<EntityName, EntityChunk>()

function write(c: EntityChunk) {
  if (!c.used) return
  const file = path.join(d.spec.dir, `${d.spec.stem}-${tableName(c.entity)}-${c.files++}.csv`)
  fs.writeFileSync(file, c.buffer.subarray(0, c.used))
  c.used = 0
  files.push([c.entity, file])
}

const rows = new CsvRows(
  {
    chunk(entity) {
      let c = chunks.get(entity)
      if (!c) chunks.set(entity, (c = newChunk(entity, d.spec.keepDayOfBirth)))
      return c
    },
  },
  d.spec.prefix,
  (c) => {
    counts[c.entity] = (counts[c.entity] ?? 0) + 1
    if (c.used >= CHUNK_BYTES) write(c)
  },
)
const checks = new FieldChecks({ laCode: d.laCode, asAt: d.asAt, issue: (i) => issues.push(i), rows }, d.fileName)
const year = CIN_YEARS.get(Math.min(CIN_LAST_YEAR, Math.max(CIN_FIRST_YEAR, d.year)))
const mapper = new CinChildMapper(checks, year, d.year, rows)
const children = new CinChildren((c) => mapper.map(c))

port.on('message', (tokens: Uint8Array | null) => {
  try {
    if (tokens !== null) children.feed(tokens)
    else for (const c of chunks.values()) write(c)
    const answer: CinThreadAnswer = { files, issues, ...(tokens === null ? { done: true, counts } : {}) }
    files = []
    issues = []
    port.postMessage(answer)
  } catch (err) {
    port.postMessage({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) })
  }
})
