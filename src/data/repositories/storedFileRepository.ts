import { eq } from 'drizzle-orm'
import * as t from '../schema/plans.ts'
import type { DbOrTx } from '../store.ts'

export interface NewStoredFile {
  sha256: string
  mediaType: string
  sizeBytes: number
  fileName: string
  bytes: Buffer
  createdBy: number | null
}

/** Keeps an uploaded file's bytes; returns its id, hash and type. */
export async function insertStoredFile(db: DbOrTx, file: NewStoredFile) {
  const [row] = await db
    .insert(t.storedFile)
    .values(file)
    .returning({ id: t.storedFile.id, sha256: t.storedFile.sha256, mediaType: t.storedFile.mediaType })
  return row
}

/** The stored file of an evidence record, or undefined when it has none. */
export async function evidenceFileOf(db: DbOrTx, evidenceId: number) {
  const [row] = await db
    .select({
      bytes: t.storedFile.bytes,
      mediaType: t.storedFile.mediaType,
      fileName: t.storedFile.fileName,
      sha256: t.storedFile.sha256,
    })
    .from(t.evidence)
    .innerJoin(t.storedFile, eq(t.storedFile.id, t.evidence.fileId))
    .where(eq(t.evidence.id, evidenceId))
  return row
}
