import type { ReturnFormat } from '../returns/format.ts'
import type { CaseworkRecord } from './model.ts'

/**
 * Holds the rows a format repeats (ReturnFormat.mergeBy) until the upload's files are read, merging rows with the
 * same key: the first non-blank value of each field wins. Other rows pass straight through.
 */
export class RecordMerger {
  private held = new Map<string, { record: CaseworkRecord; source: string }>()

  /** The record to write now, or null when it is held for merging. */
  offer(record: CaseworkRecord, format: ReturnFormat): CaseworkRecord | null {
    const keyOf = format.mergeBy?.[record.entity] as ((row: unknown) => string) | undefined
    if (!keyOf) return record
    const key = `${format.id}|${record.entity}|${keyOf(record.row)}`
    const held = this.held.get(key)
    if (!held) {
      this.held.set(key, {
        record: { entity: record.entity, row: { ...record.row } } as CaseworkRecord,
        source: format.id,
      })
      return null
    }
    const into = held.record.row as Record<string, unknown>
    for (const [k, v] of Object.entries(record.row))
      if ((into[k] === null || into[k] === undefined) && v !== null) into[k] = v
    return null
  }

  /** The records of a batch to write now (the rest are held). */
  offerAll(batch: CaseworkRecord[], format: ReturnFormat): CaseworkRecord[] {
    const now: CaseworkRecord[] = []
    for (const r of batch) {
      const kept = this.offer(r, format)
      if (kept) now.push(kept)
    }
    return now
  }

  /** Every held record, once, with the format it came from. */
  *drain(): Iterable<{ record: CaseworkRecord; source: string }> {
    yield* this.held.values()
    this.held.clear()
  }
}
