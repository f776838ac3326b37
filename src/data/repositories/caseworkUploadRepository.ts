import { eq, inArray } from 'drizzle-orm'
import { caseworkUpload } from '../schema/caseworkUploads.ts'
import type { DbOrTx } from '../store.ts'

/** One web upload's status as stored (what the status page shows; no child-level data). */
export interface CaseworkUploadRow {
  id: string
  laCode: string
  createdBy: string
  fileNames: string[]
  asAt: string | undefined
  state: string
  done: number
  total: number
  file: string
  result?: unknown
  failure?: string
  startedAt: string
  finishedAt?: string
}

/** Writes the upload's status (inserted on first save, replaced after). */
export async function saveCaseworkUpload(db: DbOrTx, u: CaseworkUploadRow): Promise<void> {
  const row = {
    id: u.id,
    laCode: u.laCode,
    createdBy: u.createdBy,
    fileNames: u.fileNames,
    asAt: u.asAt ?? null,
    state: u.state,
    done: u.done,
    total: u.total,
    file: u.file,
    result: u.result ?? null,
    failure: u.failure ?? null,
    startedAt: u.startedAt,
    finishedAt: u.finishedAt ?? null,
  }
  const { id: _id, ...changes } = row
  await db.insert(caseworkUpload).values(row).onConflictDoUpdate({ target: caseworkUpload.id, set: changes })
}

export async function findCaseworkUpload(db: DbOrTx, id: string): Promise<CaseworkUploadRow | undefined> {
  const [r] = await db.select().from(caseworkUpload).where(eq(caseworkUpload.id, id))
  if (!r) return undefined
  return {
    ...r,
    asAt: r.asAt ?? undefined,
    result: r.result ?? undefined,
    failure: r.failure ?? undefined,
    startedAt: new Date(r.startedAt).toISOString(),
    finishedAt: r.finishedAt ? new Date(r.finishedAt).toISOString() : undefined,
  }
}

/** Marks every upload still queued or being read as failed with this message; returns their ids. */
export async function failUnfinishedCaseworkUploads(db: DbOrTx, failure: string, at: string): Promise<string[]> {
  const rows = await db
    .update(caseworkUpload)
    .set({ state: 'failed', failure, finishedAt: at })
    .where(inArray(caseworkUpload.state, ['queued', 'reading']))
    .returning({ id: caseworkUpload.id })
  return rows.map((r) => r.id)
}
