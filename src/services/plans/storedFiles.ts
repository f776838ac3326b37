import crypto from 'node:crypto'
import { evidenceFileOf, insertStoredFile } from '../../data/repositories/storedFileRepository.ts'
import type { DbOrTx, Tx } from '../../data/store.ts'
import { nameMismatch, sniffUpload, type UploadKind } from '../../engine/uploads/sniff.ts'
import { InputError } from '../commands/command.ts'
import { PlanNotFoundError } from '../planErrors.ts'
import { assertScope, type PlanActor, type VersionedRecords } from './versionedRecords.ts'

export interface UploadedFile {
  bytes: Buffer
  fileName: string
}

/** A file name safe to keep and to send back in Content-Disposition. */
export function safeName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file'
  return base.replace(/[\u0000-\u001f"<>|:*?]/g, '_').slice(0, 200) || 'file'
}

/** Keeps an upload whose content (not its name) is one of the allowed kinds; bad files are refused on `field`. */
export async function storeFile(
  tx: Tx,
  file: UploadedFile,
  actor: PlanActor,
  allowed: UploadKind[],
  maxBytes: number,
  field = 'file',
) {
  const sniffed = sniffUpload(file.bytes, maxBytes)
  if (!sniffed.ok) throw InputError.field(field, sniffed.message)
  if (!allowed.includes(sniffed.kind))
    throw InputError.field(field, `The selected file must be a ${allowed.map((k) => k.toUpperCase()).join(' or ')}`)
  const mismatch = nameMismatch(sniffed.kind, safeName(file.fileName))
  if (mismatch) throw InputError.field(field, mismatch)
  return insertStoredFile(tx, {
    sha256: crypto.createHash('sha256').update(file.bytes).digest('hex'),
    mediaType: sniffed.mediaType,
    sizeBytes: file.bytes.length,
    fileName: safeName(file.fileName),
    bytes: file.bytes,
    createdBy: actor.id,
  })
}

/** The stored bytes of an evidence file, after a scope check. */
export async function evidenceFile(records: VersionedRecords, db: DbOrTx, evidenceId: number, actor: PlanActor) {
  const sc = await records.scope(db, 'evidence', evidenceId)
  assertScope(actor, sc.laCode)
  const row = await evidenceFileOf(db, evidenceId)
  if (!row) throw new PlanNotFoundError('evidence file', evidenceId)
  return row
}
