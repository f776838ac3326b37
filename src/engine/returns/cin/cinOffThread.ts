import fs from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type { OffThreadRows } from '../../casework/csvRows.ts'
import type { DataIssue } from '../../publicData/issues.ts'
import { workerBoot } from '../../../workerBoot.ts'
import type { CinThreadAnswer, CinThreadData } from './cinThread.ts'

/** Token batches sent but not yet answered before the parser waits (each is about one 1 MB chunk of the file). */
const MAX_IN_FLIGHT = 4

/**
 * The main thread's side of a CIN census read on two threads: `send` each batch of the parser's tokens, then
 * `finish()`; the thread (cinThread.ts) maps and writes the rows while the parser reads on. Chunk files it writes
 * are loaded through `target`, its issues passed to `issue` in order. `stop()` ends it early (a rejected file) and
 * removes what it wrote and no one loaded.
 */
export class CinOffThread {
  private worker: Worker
  private inFlight = 0
  private waiting: Array<{ resolve: () => void; reject: (e: unknown) => void }> = []
  private failure: Error | undefined
  private done = false
  /** Chunk files handed to the loader, which loads and removes them. */
  private handed = new Set<string>()

  constructor(
    private target: OffThreadRows,
    data: Omit<CinThreadData, 'spec'>,
    private issue: (i: DataIssue) => void,
  ) {
    const workerData: CinThreadData = { ...data, spec: target.spec }
    this.worker = new Worker(workerBoot(new URL('./cinThread.ts', import.meta.url)), { eval: true, workerData })
    this.worker.on('message', (m: CinThreadAnswer) => this.answer(m))
    this.worker.on('error', (err) => this.fail(err))
    this.worker.on('exit', (code) => this.fail(new Error(`the CIN census thread stopped (exit code ${code})`)))
  }

  private answer(m: CinThreadAnswer) {
    if ('error' in m) return this.fail(new Error(`the CIN census thread failed: ${m.error}`))
    for (const i of m.issues) this.issue(i)
    for (const [entity, file] of m.files) {
      this.handed.add(file)
      this.target.load(entity, file)
    }
    if (m.done) {
      this.target.count(m.counts ?? {})
      this.done = true
    }
    this.inFlight--
    for (const w of this.waiting.splice(0)) w.resolve()
  }

  private fail(err: Error) {
    if (this.done || this.failure) return
    this.failure = err
    for (const w of this.waiting.splice(0)) w.reject(err)
  }

  private settled(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure)
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }))
  }

  /** Sends one batch of tokens; waits while the thread is more than a few batches behind. */
  async send(tokens: Uint8Array): Promise<void> {
    if (this.failure) throw this.failure
    if (!tokens.length) return
    this.inFlight++
    this.worker.postMessage(tokens, [tokens.buffer as ArrayBuffer])
    while (this.inFlight > MAX_IN_FLIGHT) await this.settled()
  }

  /** Ends the input and waits for every row to be written, its files handed on and its issues passed on. */
  async finish(): Promise<void> {
    this.inFlight++
    this.worker.postMessage(null)
    while (!this.done) await this.settled()
    await this.worker.terminate()
  }

  /** Ends the thread at once and removes chunk files it wrote that were not handed on. */
  async stop(): Promise<void> {
    this.done = true
    await this.worker.terminate()
    const { dir, stem } = this.target.spec
    for (const f of fs.readdirSync(dir)) {
      const file = path.join(dir, f)
      if (f.startsWith(`${stem}-`) && !this.handed.has(file)) fs.rmSync(file, { force: true })
    }
  }
}
