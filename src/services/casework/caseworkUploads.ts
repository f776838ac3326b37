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

/**
 * Web uploads read after the answer is sent, one at a time per LA (a store takes one snapshot at a time), so the
 * request returns at once and a status page follows the reading. The readers stream and await between batches, so
 * the event loop keeps serving other requests while a large upload is read. The uploaded files are removed when read.
 */
export function caseworkUploads(ingest: Ingest, o: { log?: (err: unknown, job: UploadJob) => void } = {}) {
  const jobs = new Map<string, UploadJob>()
  const queues = new Map<string, Promise<void>>()

  async function run(job: UploadJob, files: IngestFile[], actor: Actor, cleanup: () => void) {
    job.state = 'reading'
    try {
      job.result = await ingest(job.laCode, files, {
        asAt: job.asAt,
        actor,
        onProgress: (done, total, file) => Object.assign(job, { done, total, file }),
      })
      job.state = job.result.rejected ? 'rejected' : 'complete'
    } catch (err) {
      job.state = 'failed'
      job.failure = 'Sightline could not finish reading this upload. Nothing from it is visible; try it again.'
      o.log?.(err, job)
    } finally {
      job.finishedAt = new Date().toISOString()
      cleanup()
    }
  }

  return {
    /** Queues the upload (the files now belong to the job: `dir` is removed once they are read). */
    start(laCode: string, files: IngestFile[], opts: { asAt?: string; actor: Actor; dir?: string }): UploadJob {
      const job: UploadJob = {
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
      jobs.set(job.id, job)
      for (const id of jobs.keys()) if (jobs.size > KEEP_JOBS && jobs.get(id)!.finishedAt) jobs.delete(id)
      const cleanup = () => {
        if (opts.dir) fs.rmSync(opts.dir, { recursive: true, force: true })
      }
      const previous = queues.get(laCode) ?? Promise.resolve()
      const next = previous.then(() => run(job, files, opts.actor, cleanup))
      queues.set(laCode, next)
      return job
    },

    /** The upload with this id, if it belongs to this LA. */
    get(laCode: string, id: string): UploadJob | undefined {
      const job = jobs.get(id)
      return job && job.laCode === laCode ? job : undefined
    },

    /** Resolves when every upload queued so far has been read (for tests and shutdown). */
    async idle(): Promise<void> {
      await Promise.all([...queues.values()])
    },
  }
}

export type CaseworkUploads = ReturnType<typeof caseworkUploads>
