import { gauge } from '../memoryGauges.ts'
import path from 'node:path'
import { ingestUpload, type IngestFile, type IngestResult } from '../../engine/casework/ingest.ts'
import { openCaseworkStore, type CaseworkStore, type SnapshotInfo } from '../../engine/casework/store.ts'
import { SYSTEM_ACTOR, type Actor } from '../auditService.ts'
import type { DbOrTx } from '../../data/store.ts'
import {
  failUnfinishedCaseworkUploads,
  findCaseworkUpload,
  saveCaseworkUpload,
} from '../../data/repositories/caseworkUploadRepository.ts'
import { caseworkUploads, type UploadJob, type UploadRecords } from './caseworkUploads.ts'
import {
  qualityCsv,
  qualityIssues,
  qualitySheets,
  qualitySources,
  qualityXlsx,
  type QualityFilter,
} from './qualityReport.ts'

export interface AuditSink {
  record(input: {
    actor: Actor
    action: string
    subjectType?: string
    subjectId?: string | number
    laCode?: string
    after?: unknown
  }): Promise<void>
}

export class CaseworkInputError extends Error {}

const ISO = /^\d{4}-\d{2}-\d{2}$/

/**
 * A filter as the audit trail keeps it: the words searched for may be a child's ID, and administrators of national
 * roles read the trail, so only that there were words is kept.
 */
const auditedFilter = (f: QualityFilter) => ({ ...f, q: f.q ? '(words)' : undefined })

/** One upload into the LA's store, audited (what was read, never the records). */
function ingestWithAudit(
  storeFor: (laCode: string) => Promise<CaseworkStore>,
  audit: (actor: Actor, action: string, laCode: string, subjectId: number | undefined, after?: unknown) => unknown,
  today: () => string,
  onCurrent?: (laCode: string, snapshotId: number) => Promise<unknown>,
) {
  return async function ingest(
    laCode: string,
    files: IngestFile[],
    opts: { asAt?: string; actor?: Actor; onProgress?: (done: number, total: number, file: string) => void } = {},
  ): Promise<IngestResult> {
    const asAt = opts.asAt ?? today()
    if (!ISO.test(asAt) || Number.isNaN(Date.parse(asAt)))
      throw new CaseworkInputError('The as-at date must be a real date, YYYY-MM-DD')
    if (!files.length) throw new CaseworkInputError('Choose at least one file to upload')
    const store = await storeFor(laCode)
    const named = files.map((f) => ({ ...f, fileName: path.basename(f.fileName) }))
    const actor = opts.actor ?? SYSTEM_ACTOR
    const result = await ingestUpload(store, named, { asAt, createdBy: actor.name, onProgress: opts.onProgress })
    await store.checkpoint().catch(() => undefined)
    await audit(actor, result.rejected ? 'casework.upload.reject' : 'casework.upload', laCode, result.snapshotId, {
      files: named.map((f) => f.fileName),
      records: result.records,
      issues: result.issues,
      rejected: result.rejected,
    })
    // The new snapshot's indicators go to the operational store (KPIs linked to an indicator fill themselves from
    // them). A failure there leaves the upload as it is: the indicators page records the snapshot when next shown.
    if (!result.rejected && onCurrent)
      await onCurrent(laCode, result.snapshotId).catch((err) =>
        console.error(`casework indicators of LA ${laCode} snapshot ${result.snapshotId} not recorded:`, err),
      )
    return result
  }
}

/** Upload status in the operational store (migration 0052), so the status page survives a restart. */
export function uploadRecords(db: DbOrTx): UploadRecords {
  return {
    save: (job) => saveCaseworkUpload(db, job),
    find: async (id) => (await findCaseworkUpload(db, id)) as UploadJob | undefined,
    failUnfinished: async (message) =>
      void (await failUnfinishedCaseworkUploads(db, message, new Date().toISOString())),
  }
}

/**
 * The casework store for the application: one DuckDB file per LA under the data directory (opened once per process),
 * uploads ingested into snapshots, the snapshot list and the data-quality report. Child-level views and changes are
 * audited; callers check that the user may see the LA's child-level data (LA roles of that LA only).
 */
export function caseworkService(o: {
  dataDir: string
  audit?: AuditSink
  today?: () => string
  /** Upload records (status survives a restart) go to the operational store when given. */
  db?: DbOrTx
  /** Called when an upload's snapshot becomes current (the insight service records its indicators). */
  onCurrent?: (laCode: string, snapshotId: number) => Promise<unknown>
}) {
  const stores = gauge('casework.stores', new Map<string, Promise<CaseworkStore>>(), (m) => m.size)
  const storeFor = (laCode: string) => {
    if (!/^\d{3}$/.test(laCode)) throw new CaseworkInputError(`"${laCode}" is not a 3-digit LA code`)
    let s = stores.get(laCode)
    if (!s) {
      s = openCaseworkStore({ dataDir: o.dataDir, laCode })
      stores.set(laCode, s)
    }
    return s
  }
  const audit = (actor: Actor, action: string, laCode: string, subjectId: number | undefined, after?: unknown) =>
    o.audit?.record({ actor, action, subjectType: 'casework_snapshot', subjectId, laCode, after })
  const today = o.today ?? (() => new Date().toISOString().slice(0, 10))

  const ingest = ingestWithAudit(storeFor, audit, today, o.onCurrent)
  const uploads = caseworkUploads(ingest, {
    log: (err, job) =>
      console.error(job ? `casework upload ${job.id} for LA ${job.laCode} failed:` : 'casework uploads:', err),
    records: o.db ? uploadRecords(o.db) : undefined,
  })

  return {
    storeFor,
    ingest,
    /** Web uploads read in the background, one at a time per LA, with their progress. */
    uploads,

    async snapshots(laCode: string): Promise<SnapshotInfo[]> {
      return (await storeFor(laCode)).snapshots()
    },

    async snapshot(laCode: string, snapshotId: number) {
      const store = await storeFor(laCode)
      const info = await store.snapshot(snapshotId)
      return info ? { ...info, sources: await store.sources(snapshotId) } : undefined
    },

    async quality(
      laCode: string,
      snapshotId: number,
      f: QualityFilter,
      page: { offset: number; limit: number },
      actor: Actor,
    ) {
      const store = await storeFor(laCode)
      await audit(actor, 'casework.quality.view', laCode, snapshotId, { filter: auditedFilter(f), page })
      return {
        ...(await qualityIssues(store, snapshotId, f, page)),
        sources: await qualitySources(store, snapshotId),
        sheets: await qualitySheets(store, snapshotId),
      }
    },

    async qualityExport(laCode: string, snapshotId: number, f: QualityFilter, kind: 'csv' | 'xlsx', actor: Actor) {
      const store = await storeFor(laCode)
      await audit(actor, 'casework.quality.export', laCode, snapshotId, { filter: auditedFilter(f), kind })
      const { issues } = await qualityIssues(store, snapshotId, f)
      return kind === 'csv' ? Buffer.from(qualityCsv(issues), 'utf8') : qualityXlsx(issues)
    },

    /** The casework stores open now and what DuckDB holds in memory for them, in bytes (the memory probe). */
    memory: () => storesMemory(stores),

    async close() {
      await uploads.idle()
      for (const s of stores.values()) (await s).close()
      stores.clear()
    },
  }
}

async function storesMemory(stores: Map<string, Promise<CaseworkStore>>) {
  let bytes = 0
  for (const s of stores.values()) bytes += await (await s).memoryBytes()
  return { stores: stores.size, bytes }
}

export type CaseworkService = ReturnType<typeof caseworkService>
