import type { RowSink } from '../casework/csvRows.ts'
import type { CaseworkRecord, EntityName, EntityRow } from '../casework/model.ts'
import type { DataIssue } from '../publicData/issues.ts'

/** A file offered to the readers: its name (for messages), where it is on disk, and its first bytes. */
export interface ReturnFile {
  fileName: string
  path: string
  head: Buffer
  bytes: number
}

export interface ReadContext {
  /** The LA the upload is for: a header for another LA rejects the file. */
  laCode: string
  /** The as-at date of the snapshot (ISO): dates after it are in the future. */
  asAt: string
  issue(i: DataIssue): void
  /**
   * Where a reader may write rows straight into the store, without an object per row (the CIN census reader does,
   * for speed); rows written here are counted with the file's. Other readers yield records.
   */
  rows: RowSink
}

/** What `detect` says about a file it recognises: which version (year or layout) and what it is, in words. */
export interface Detected {
  version: string
  description: string
  /** Reader-specific detail found while detecting (e.g. which SSDA903 table or Annex A list). */
  part?: string
}

/**
 * One exchange format, declared once (`defineReturnFormat`): `detect` looks at a file's first bytes and name and
 * says whether (and which version) it is; `read` streams the file into canonical records (in batches, as parsed), reporting issues through
 * the context and throwing `UnreadableFileError` only when the file cannot be read at all.
 */
export interface ReturnFormat {
  id: string
  title: string
  /** The versions this reader knows (collection years or layouts), oldest first. */
  versions: readonly string[]
  /**
   * Entities whose rows this format repeats (a child on several Annex A lists): rows with the same key, across all
   * the format's files in one upload, are merged (the first non-blank value of each field wins) and written once.
   */
  mergeBy?: { [E in EntityName]?: (row: EntityRow<E>) => string }
  detect(file: ReturnFile): Detected | null
  read(file: ReturnFile, detected: Detected, ctx: ReadContext): AsyncIterable<CaseworkRecord[]>
}

/** The file cannot be read at all: the whole upload is rejected with this plain-English message. */
export class UnreadableFileError extends Error {}

export const defineReturnFormat = (f: ReturnFormat): ReturnFormat => f
