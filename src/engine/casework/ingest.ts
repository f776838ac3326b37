import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { DataIssue } from '../publicData/issues.ts'
import { UnreadableFileError, type ReturnFile } from '../returns/format.ts'
import { detectReturn } from '../returns/registry.ts'
import { readHead } from '../returns/text.ts'
import { CROSS_CHECKS } from './crossChecks.ts'
import { RecordMerger } from './merge.ts'
import type { RecordCounts } from './model.ts'
import type { CaseworkStore, SourceFile } from './store.ts'

export interface IngestFile {
  /** The name the user knows the file by (shown in messages); never a server path. */
  fileName: string
  path: string
}

export interface IngestResult {
  snapshotId: number
  records: RecordCounts
  issues: { errors: number; warnings: number }
  /** Why the upload was rejected (nothing from it is visible), or null when it is current. */
  rejected: string | null
}

export const INGEST_LIMITS = { maxFileBytes: 2 * 1024 ** 3 }

async function sha256(file: string): Promise<string> {
  const hash = crypto.createHash('sha256')
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

interface Prepared {
  file: ReturnFile
  source: SourceFile
  match: ReturnType<typeof detectReturn>
  duplicateOf?: string
}

async function prepare(files: IngestFile[]): Promise<Prepared[]> {
  const seen = new Map<string, string>()
  const out: Prepared[] = []
  for (const f of files) {
    const bytes = fs.statSync(f.path).size
    const file: ReturnFile = { fileName: path.basename(f.fileName), path: f.path, head: readHead(f.path), bytes }
    const match = bytes > 0 ? detectReturn(file) : null
    const sha = await sha256(f.path)
    const source: SourceFile = {
      fileName: file.fileName,
      sha256: sha,
      bytes,
      format: match?.format.id ?? '',
      readerVersion: match ? `${match.format.id}@${match.detected.version}` : '',
    }
    out.push({ file, source, match, duplicateOf: seen.get(sha) })
    if (!seen.has(sha)) seen.set(sha, file.fileName)
  }
  return out
}

/** Why a file cannot be read at all, before reading it (empty, too big, not a format we know), or null. */
function refusal(p: Prepared): string | null {
  if (p.file.bytes === 0) return `${p.file.fileName} is empty`
  if (p.file.bytes > INGEST_LIMITS.maxFileBytes)
    return `${p.file.fileName} is larger than ${INGEST_LIMITS.maxFileBytes / 1024 ** 3} GB`
  if (!p.match)
    return `${p.file.fileName} is not a return Sightline reads (Annex A workbook or CSV, CIN census XML, SSDA903 CSV or XML, DfE CSC API JSON, SSD CSV)`
  return null
}

/**
 * Why one file could not be read at all, from its first bytes only (empty, too big, not a format Sightline reads), or
 * null: for a form to refuse it at once, before the upload is queued. The full read can still reject it later.
 */
export function refuseAtOnce(f: IngestFile): string | null {
  const bytes = fs.statSync(f.path).size
  const file: ReturnFile = { fileName: path.basename(f.fileName), path: f.path, head: readHead(f.path), bytes }
  const p = { file, source: {} as SourceFile, match: bytes > 0 ? detectReturn(file) : null }
  return refusal(p)
}

/**
 * Lets the event loop serve other requests during a long read: awaits between batches are microtasks only, so every
 * 20 ms of reading gives way to the macrotask queue (timers, sockets) once.
 */
function breather() {
  let last = performance.now()
  return async () => {
    if (performance.now() - last < 20) return
    await new Promise((resolve) => setImmediate(resolve))
    last = performance.now()
  }
}

const total = (c: RecordCounts) => Object.values(c).reduce((a, b) => a + (b ?? 0), 0)

/**
 * Reads every file of one upload into a new snapshot of the LA's store. Issues are kept row by row; a file that
 * cannot be read at all (unknown type, DTD, truncated, another LA's header) rejects the whole upload with a plain
 * message, and the previous snapshot stays current.
 *
 * @example await ingestUpload(store, [{ fileName: 'cin.xml', path: '/tmp/upload-1' }], { asAt: '2014-03-31' })
 */
export async function ingestUpload(
  store: CaseworkStore,
  files: IngestFile[],
  o: { asAt: string; createdBy?: string; onProgress?: (done: number, total: number, fileName: string) => void },
): Promise<IngestResult> {
  const prepared = await prepare(files)
  const currentId = await store.currentSnapshotId()
  const earlier = new Map((currentId === null ? [] : await store.sources(currentId)).map((s) => [s.sha256, s.fileName]))
  const writer = await store.beginSnapshot({
    asAt: o.asAt,
    createdBy: o.createdBy,
    sources: prepared.map((p) => p.source),
  })
  const ctx = { laCode: store.laCode, asAt: o.asAt, issue: (i: DataIssue) => writer.addIssue(i) }
  const reject = async (fileName: string, message: string): Promise<IngestResult> => {
    writer.addIssue({ severity: 'error', source: fileName, message })
    return { ...(await writer.reject(message)), rejected: message }
  }
  const merger = new RecordMerger()
  const breathe = breather()
  let current = ''
  try {
    for (const [i, p] of prepared.entries()) {
      current = p.file.fileName
      o.onProgress?.(i, prepared.length, current)
      const refused = refusal(p)
      if (refused) return await reject(current, refused)
      if (p.duplicateOf) {
        ctx.issue({ severity: 'warning', source: current, message: `is the same file as ${p.duplicateOf}; read once` })
        continue
      }
      const was = earlier.get(p.source.sha256)
      if (was)
        ctx.issue({
          severity: 'warning',
          source: current,
          message: `is the same file as ${was} in the current snapshot (${currentId}); read again`,
        })
      const before = total(writer.counts)
      const { format, detected } = p.match!
      for await (const batch of format.read(p.file, detected, { ...ctx, rows: writer.rows(format.id) })) {
        await writer.append(format.mergeBy ? merger.offerAll(batch, format) : batch, format.id)
        await breathe()
      }
      await writer.sourceOutcome(current, total(writer.counts) - before, false)
    }
    for (const { record, source } of merger.drain()) {
      await writer.append([record], source)
      await breathe()
    }
    await writer.runCrossChecks(o.asAt, CROSS_CHECKS)
    o.onProgress?.(prepared.length, prepared.length, '')
    return { ...(await writer.commit()), rejected: null }
  } catch (err) {
    if (err instanceof UnreadableFileError) return reject(current, `${current} ${err.message}`)
    await writer.abandon().catch(() => undefined)
    throw err
  }
}
