/**
 * Reads Ofsted reports off the web server's event loop: a worker thread (reportParserThread.ts) with a time limit
 * and a memory limit (resourceLimits), one report at a time, and a short queue. A hostile PDF (45 MB of '%PDF'
 * junk takes pdf.js 20-35 s and 2 GB in-process) costs the server nothing but the worker, which is ended and
 * replaced; the person uploading gets a clear refusal. The CLI reads in-process (engine/inspections).
 */
import { Worker } from 'node:worker_threads'
import { workerBoot } from '../../workerBoot.ts'
import { ReportParseError, type ParsedReport } from '../../engine/inspections/index.ts'

export interface ReportParserOptions {
  /** Longest a report may take to read, once the worker is ready (default 20 s; the longest real report needs < 1 s). */
  timeoutMs?: number
  /** The worker's heap limit (default 512 MB; the largest real report needs < 200 MB). */
  maxHeapMb?: number
  /** Reports waiting behind the one being read before more are refused as busy (default 4). */
  maxQueue?: number
  /** A worker idle this long is ended, giving its memory back (default 60 s). */
  idleMs?: number
}

/** The worker's first line: reportParserThread.ts compiled (npm start), or through the process's loader (workerBoot). */
const boot = () => workerBoot(new URL('./reportParserThread.ts', import.meta.url))

interface Answer {
  id: number
  ok: boolean
  report?: ParsedReport
  code?: string
  message?: string
}

interface Job {
  id: number
  bytes: Uint8Array
  /** This read's time limit, when not the parser's. */
  timeoutMs?: number
  resolve: (r: ParsedReport) => void
  reject: (e: Error) => void
}

const MESSAGES = {
  timeout: (s: number) =>
    `This PDF took longer than ${s} second${s === 1 ? '' : 's'} to read, so Sightline stopped: it may be damaged or built to cause harm. Real Ofsted reports take about a second; download the report again from Ofsted`,
  memory:
    'This PDF needs far more memory to read than any real Ofsted report, so Sightline stopped: it may be damaged or built to cause harm. Download the report again from Ofsted',
  busy: 'Sightline is reading several other reports just now: try again in a minute',
  failed: 'The report could not be read just now: try again, and if it fails again download the report again',
}

export class ReportParser {
  private readonly timeoutMs: number
  private readonly queue: Job[] = []
  private worker: Worker | null = null
  private ready = false
  private current: Job | null = null
  private timer: NodeJS.Timeout | undefined
  private idle: NodeJS.Timeout | undefined
  private nextId = 1

  constructor(private readonly options: ReportParserOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 20_000
  }

  /** Reads a report in the worker: the reader's answer, or a ReportParseError saying why it was refused. */
  parse(bytes: Uint8Array, options: { timeoutMs?: number } = {}): Promise<ParsedReport> {
    if (this.queue.length >= (this.options.maxQueue ?? 4))
      return Promise.reject(new ReportParseError('busy', MESSAGES.busy))
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, bytes, timeoutMs: options.timeoutMs, resolve, reject })
      this.pump()
    })
  }

  /** Ends the worker and refuses what is waiting (server shut-down, tests). */
  async close() {
    clearTimeout(this.idle)
    for (const job of this.queue.splice(0)) job.reject(new ReportParseError('busy', MESSAGES.busy))
    this.current?.reject(new ReportParseError('busy', MESSAGES.busy))
    this.current = null
    const w = this.worker
    this.stop()
    if (w) await w.terminate()
  }

  /** Ends the worker (after a time-out, a crash or idleness): its memory goes with it; the next job starts another. */
  private stop() {
    const w = this.worker
    this.worker = null
    this.ready = false
    clearTimeout(this.timer)
    if (w) void w.terminate()
  }

  /** A worker that dies before it is ready would die again: refuse what waits rather than restart it forever. */
  private failBeforeReady() {
    if (!this.ready)
      for (const job of this.queue.splice(0)) job.reject(new ReportParseError('corrupt', MESSAGES.failed))
  }

  private finish(outcome: { report?: ParsedReport; error?: Error }) {
    const job = this.current
    this.current = null
    clearTimeout(this.timer)
    if (job && outcome.error) job.reject(outcome.error)
    else if (job) job.resolve(outcome.report!)
    this.pump()
  }

  private start(): Worker {
    const w = new Worker(boot(), {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 512, maxYoungGenerationSizeMb: 32 },
    })
    w.on('message', (m: 'ready' | Answer) => {
      if (w !== this.worker) return
      if (m === 'ready') {
        this.ready = true
        return this.pump()
      }
      if (!this.current || m.id !== this.current.id) return
      if (m.ok) this.finish({ report: m.report })
      else this.finish({ error: new ReportParseError(m.code as ReportParseError['code'], m.message!) })
    })
    w.on('error', (err: Error & { code?: string }) => {
      if (w !== this.worker) return
      this.failBeforeReady()
      this.stop()
      const memory = err.code === 'ERR_WORKER_OUT_OF_MEMORY'
      this.finish({
        error: new ReportParseError(memory ? 'too-complex' : 'corrupt', memory ? MESSAGES.memory : MESSAGES.failed),
      })
    })
    w.on('exit', () => {
      if (w !== this.worker) return
      this.failBeforeReady()
      this.stop()
      this.finish({ error: new ReportParseError('corrupt', MESSAGES.failed) })
    })
    return w
  }

  private pump() {
    if (this.current) return
    clearTimeout(this.idle)
    // An idle worker never keeps the server (or a test) from exiting; a worker with a report to read does, so an await
    // on parse() is kept. (An unref() made before the 'message' listener was added was undone by it: the worker's port
    // kept every process that had read a report alive until the idle timer ended the worker, a minute later.)
    if (!this.queue.length) {
      this.worker?.unref()
      if (this.worker) this.idle = setTimeout(() => this.stop(), this.options.idleMs ?? 60_000).unref()
      return
    }
    if (!this.worker) this.worker = this.start()
    this.worker.ref()
    if (!this.ready) return
    const job = this.queue.shift()!
    this.current = job
    const limit = job.timeoutMs ?? this.timeoutMs
    this.timer = setTimeout(() => {
      this.stop()
      this.finish({
        error: new ReportParseError('timeout', MESSAGES.timeout(Math.max(1, Math.round(limit / 1000)))),
      })
    }, limit)
    const copy = job.bytes.slice().buffer
    this.worker.postMessage({ id: job.id, bytes: copy }, [copy])
  }
}

let shared: ReportParser | undefined
/** The web server's one parser (created on first use). */
export const parseReportInWorker = (bytes: Uint8Array) => (shared ??= new ReportParser()).parse(bytes)
