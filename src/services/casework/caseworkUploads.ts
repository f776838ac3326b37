import { gauge } from '../memoryGauges.ts'
import crypto from 'node:crypto'
import fs from 'node:fs'
import type { IngestFile, IngestResult } from '../../engine/casework/ingest.ts'
import type { Actor } from '../auditService.ts'

export type UploadState = 'queued' | 'reading' | 'complete' | 'rejected' | 'failed'

/** One web upload being read in the background: what the status page shows. */
export interface UploadJob {
  id: string
  laCode: string
  /** Who uploaded it: only they (and the LA's other users) see it, through the LA-scoped page. */
  createdBy: string
  fileNames: string[]
  asAt: string | undefined
  state: UploadState
  /** Files read so far, of `total`, and the one being read. */
  done: number
  total: number
  file: string
  result?: IngestResult
  /** Why the reading failed for a reason of ours (never a stack trace, SQL or path). */
  failure?: string
  startedAt: string
  finishedAt?: string
}

type Ingest = (
  laCode: string,
  files: IngestFile[],
  opts: { asAt?: string; actor?: Actor; onProgress?: (done: number, total: number, file: string) => void },
) => Promise<IngestResult>

const KEEP_JOBS = 500

/** What the status page says of an upload that was queued or being read when the process stopped. */
export const INTERRUPTED_MESSAGE =
  'This upload was interrupted by a restart of Sightline before it was read: upload the files again. Nothing from it is visible; the previous snapshot stays current.'

/** Where upload status is kept so that it survives a restart (the operational store; caseworkService). */
export interface UploadRecords {
  save(job: UploadJob): Promise<void>
  find(id: string): Promise<UploadJob | undefined>
  /** Marks every upload still queued or being read as failed with this message. */
  failUnfinished(message: string): Promise<void>
}

/** A queued upload's status, before any file is read. */
function newJob(laCode: string, files: IngestFile[], opts: { asAt?: string; actor: Actor }): UploadJob {
  return {
    id: crypto.randomUUID(),
    laCode,
    createdBy: opts.actor.name,
    fileNames: files.map((f) => f.fileName),
    asAt: opts.asAt,
    state: 'queued',
    done: 0,
    total: files.length,
    file: '',
    startedAt: new Date().toISOString(),
  }
}

/**
 * Web uploads read after the answer is sent, one at a time per LA (a store takes one snapshot at a time), so the
 * request returns at once and a status page follows the reading. The readers stream and await between batches, so
 * the event loop keeps serving other requests while a large upload is read. The uploaded files are removed when read.
 * With `records`, each upload's status is saved as it changes (queued, reading, each file, the outcome), so the status
 * page survives a restart; on start, uploads the last process left unfinished are marked failed (INTERRUPTED_MESSAGE).
 */
export function caseworkUploads(
  ingest: Ingest,
  o: { log?: (err: unknown, job?: UploadJob) => void; records?: UploadRecords } = {},
) {
  const jobs = gauge('casework.uploadJobs', new Map<string, UploadJob>(), (m) => m.size)
  const queues = new Map<string, Promise<void>>()
  const records = o.records
  // Saves wait for the start-up sweep, so a new upload is never taken for one the last process left unfinished.
  let saving: Promise<void> = records
    ? records.failUnfinished(INTERRUPTED_MESSAGE).catch((err: unknown) => o.log?.(err))
    : Promise.resolve()
  /** Saves the job's status as it is now, in order; a failed save is logged (the page still has memory). */
  const save = (job: UploadJob) => {
    if (!records) return
    const copy = { ...job, fileNames: [...job.fileNames] }
    saving = saving.then(() => records.save(copy)).catch((err: unknown) => o.log?.(err, job))
  }

  async function run(job: UploadJob, files: IngestFile[], actor: Actor, cleanup: () => void) {
    job.state = 'reading'
    save(job)
    try {
      job.result = await ingest(job.laCode, files, {
        asAt: job.asAt,
        actor,
        onProgress: (done, total, file) => {
          Object.assign(job, { done, total, file })
          save(job)
        },
      })
      job.state = job.result.rejected ? 'rejected' : 'complete'
    } catch (err) {
      job.state = 'failed'
      job.failure = 'Sightline could not finish reading this upload. Nothing from it is visible; try it again.'
      o.log?.(err, job)
    } finally {
      job.finishedAt = new Date().toISOString()
      save(job)
      cleanup()
    }
  }

  return {
    /** Queues the upload (the files now belong to the job: `dir` is removed once they are read). */
    start(laCode: string, files: IngestFile[], opts: { asAt?: string; actor: Actor; dir?: string }): UploadJob {
      const job = newJob(laCode, files, opts)
      jobs.set(job.id, job)
      save(job)
      for (const id of jobs.keys()) if (jobs.size > KEEP_JOBS && jobs.get(id)!.finishedAt) jobs.delete(id)
      const cleanup = () => {
        if (opts.dir) fs.rmSync(opts.dir, { recursive: true, force: true })
      }
      const previous = queues.get(laCode) ?? Promise.resolve()
      const next = previous.then(() => run(job, files, opts.actor, cleanup))
      queues.set(laCode, next)
      return job
    },

    /** The upload with this id, if it belongs to this LA (from memory, or as saved before a restart). */
    async get(laCode: string, id: string): Promise<UploadJob | undefined> {
      let job = jobs.get(id)
      if (!job && records) {
        await saving
        job = await records.find(id)
      }
      return job && job.laCode === laCode ? job : undefined
    },

    /** Resolves when every upload queued so far has been read and its status saved (for tests and shutdown). */
    async idle(): Promise<void> {
      await Promise.all([...queues.values()])
      await saving
    },
  }
}

export type CaseworkUploads = ReturnType<typeof caseworkUploads>
