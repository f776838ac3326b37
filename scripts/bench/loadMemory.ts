/**
 * bench:load's memory verdict. RSS alone cannot tell a leak from memory that is merely held: it mixes the JavaScript
 * heap (where a leak in our code lives), Buffers, PGlite's WebAssembly memory (which can only grow: a WebAssembly.Memory
 * never shrinks, so it shows the largest need so far, not the need now), DuckDB's buffer pool (pages it keeps until
 * its memory limit and may drop), and pages the allocator keeps after a free. So the server is asked (over an IPC
 * channel, src/memoryProbe.ts) for each part after a forced full collection (--expose-gc), every 15 s, and:
 *
 * - heap: the main thread's live JavaScript objects (heapUsed after GC). Its slope (Theil-Sen, see trend) after the warm-up
 *   must be under MAX_HEAP_SLOPE MB/min: any cache, map or list that grows with requests shows here.
 * - held: heap + external (Buffers, native objects) + the PGlite worker's heap + DuckDB's memory: everything the
 *   process holds that can also be given back. Its slope after the warm-up must be under MAX_SLOPE MB/min.
 * - wasm: PGlite's WebAssembly memory, its high-water mark. Its slope would only ever be >= 0, so it is not in `held`;
 *   instead it must have stopped rising: over the last half of the run it may not grow by more than MAX_WASM_LATE_MB.
 *   A steady rise to the end means PostgreSQL's need keeps growing (a query whose result grows with the data, a cache
 *   in the backend), which no restart-free server can afford.
 * - the entries of each in-memory cache (memoryGauges.ts) and the sessions in the store, whose growth is printed.
 * RSS and its slope are printed too, as before, for comparison; they are not the verdict.
 */
import type { ChildProcess } from 'node:child_process'
import type { MemoryFigures } from '../../src/memoryProbe.ts'

/** One sample: the server's figures (src/memoryProbe.ts) and the minute of the run it was taken at. */
export type MemorySample = MemoryFigures & { minute: number }

/** Asks the server (started with an IPC channel) for its memory, part by part; rejects after 60 s without an answer. */
export function memoryProbe(server: ChildProcess) {
  let next = 1
  const waiting = new Map<number, (m: { figures?: Omit<MemorySample, 'minute'>; error?: string }) => void>()
  server.on('message', (m: { type?: string; id?: number; figures?: Omit<MemorySample, 'minute'>; error?: string }) => {
    if (m?.type === 'sightline:memory' && m.id) waiting.get(m.id)?.(m)
  })
  return (minute: number) =>
    new Promise<MemorySample>((resolve, reject) => {
      const id = next++
      const timer = setTimeout(() => {
        waiting.delete(id)
        reject(new Error('the server did not report its memory in 60 s'))
      }, 60_000)
      waiting.set(id, (m) => {
        clearTimeout(timer)
        waiting.delete(id)
        if (m.figures) resolve({ minute, ...m.figures })
        else reject(new Error(`the server could not report its memory: ${m.error}`))
      })
      server.send({ type: 'sightline:memory', id })
    })
}

/**
 * The trend of (minute, MB) points as the Theil-Sen slope: the median of the slopes between every pair of samples. A
 * sample taken while an upload's buffers are in flight (external memory jumps by 100 MB for a moment) moves a
 * least-squares line a lot in a short run; it moves the median hardly at all, while a steady rise moves both alike.
 */
export function trend(points: Array<[number, number]>) {
  const slopes: number[] = []
  for (let i = 0; i < points.length; i++)
    for (let j = i + 1; j < points.length; j++)
      if (points[j][0] !== points[i][0]) slopes.push((points[j][1] - points[i][1]) / (points[j][0] - points[i][0]))
  if (!slopes.length) return 0
  slopes.sort((a, b) => a - b)
  const mid = slopes.length >> 1
  return slopes.length % 2 ? slopes[mid] : (slopes[mid - 1] + slopes[mid]) / 2
}

/** Least-squares slope of (minute, MB) points. */
export function slope(points: Array<[number, number]>) {
  const n = points.length
  if (n < 2) return 0
  const mx = points.reduce((a, p) => a + p[0], 0) / n
  const my = points.reduce((a, p) => a + p[1], 0) / n
  const sxy = points.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0)
  const sxx = points.reduce((a, p) => a + (p[0] - mx) ** 2, 0)
  return sxx ? sxy / sxx : 0
}

export interface MemoryRule {
  /** Warm-up: the first share of the run, left out of the slopes. */
  warmShare: number
  maxHeapSlope: number
  maxSlope: number
  maxWasmLateMB: number
}

const unaccounted = (s: MemorySample) =>
  s.rssMB - s.heapTotalMB - s.externalMB - (s.pgliteWasmMB ?? 0) - (s.pgliteHeapMB ?? 0) - s.duckdbMB
const held = (s: MemorySample) => s.heapUsedMB + s.externalMB + (s.pgliteHeapMB ?? 0) + s.duckdbMB

/** The verdict and the lines that explain it. */
export function memoryVerdict(samples: MemorySample[], minutes: number, rule: MemoryRule) {
  const warm = samples.filter((s) => s.minute >= rule.warmShare * minutes)
  const of = (f: (s: MemorySample) => number) => trend(warm.map((s) => [s.minute, f(s)]))
  const heapSlope = of((s) => s.heapUsedMB)
  const heldSlope = of(held)
  const rssSlope = slope(warm.map((s) => [s.minute, s.rssMB]))
  const wasm = samples.filter((s) => s.pgliteWasmMB !== null)
  const late = wasm.filter((s) => s.minute >= minutes / 2)
  const atHalf = wasm.filter((s) => s.minute < minutes / 2).at(-1) ?? late[0]
  const wasmLate = late.length && atHalf ? late.at(-1)!.pgliteWasmMB! - atHalf.pgliteWasmMB! : 0
  const checks = {
    heap: heapSlope < rule.maxHeapSlope,
    held: heldSlope < rule.maxSlope,
    wasm: wasmLate <= rule.maxWasmLateMB,
  }
  const flat = checks.heap && checks.held && checks.wasm
  const first = samples[0]
  const last = samples.at(-1)!
  const series = (f: (s: MemorySample) => number | null) =>
    samples.map((s) => (f(s) === null ? '-' : f(s)!.toFixed(0))).join(' ')
  const caches = [...new Set([...Object.keys(first.caches), ...Object.keys(last.caches)])]
    .map((k) => `${k} ${first.caches[k] ?? 0} -> ${last.caches[k] ?? 0}`)
    .join(', ')
  const warmMin = (rule.warmShare * minutes).toFixed(1)
  const lines = [
    `memory every 15 s${last.gcForced ? ', each after a forced full GC' : ' (NO forced GC: start node with --expose-gc)'}:`,
    `  RSS MB:            ${series((s) => s.rssMB)}`,
    `  heap used MB:      ${series((s) => s.heapUsedMB)}`,
    `  external MB:       ${series((s) => s.externalMB)} (of it ArrayBuffers ${first.arrayBuffersMB.toFixed(0)} -> ${last.arrayBuffersMB.toFixed(0)})`,
    `  PGlite wasm MB:    ${series((s) => s.pgliteWasmMB)}`,
    `  PGlite worker heap MB: ${series((s) => s.pgliteHeapMB)}`,
    `  DuckDB MB:         ${series((s) => s.duckdbMB)} (${last.duckdbStores} casework stores open)`,
    `  RSS not in the parts (heap reserved, code, thread stacks, allocator free pages) MB: ${series(unaccounted)}`,
    `  sessions in store: ${first.sessions} -> ${last.sessions}; cache entries: ${caches}`,
    `memory rule (after the first ${warmMin} min, warm-up; slopes are Theil-Sen, the median of every pair of samples' slopes, so one sample caught mid-upload does not decide): the heap's slope under ${rule.maxHeapSlope} MB/min (a leak in our code grows the heap); heap + external + PGlite worker heap + DuckDB ("held") under ${rule.maxSlope} MB/min; PGlite's WebAssembly memory can only grow (its high-water mark), so it must have stopped: at most ${rule.maxWasmLateMB} MB more over the last half of the run. RSS (also allocator free pages and WebAssembly memory) is shown, not judged.`,
    `memory: heap slope ${heapSlope.toFixed(2)} MB/min (${checks.heap ? 'ok' : 'GROWING'}), held slope ${heldSlope.toFixed(2)} MB/min (${checks.held ? 'ok' : 'GROWING'}), WebAssembly ${atHalf?.pgliteWasmMB ?? '-'} -> ${last.pgliteWasmMB ?? '-'} MB over the last half (${checks.wasm ? 'ok' : 'STILL RISING'}); RSS ${first.rssMB.toFixed(0)} -> ${last.rssMB.toFixed(0)} MB, least-squares slope ${rssSlope.toFixed(2)} MB/min: ${flat ? 'flat' : 'GROWING'}`,
  ]
  return {
    flat,
    lines,
    figures: {
      heapSlopeMBPerMin: Number(heapSlope.toFixed(2)),
      heldSlopeMBPerMin: Number(heldSlope.toFixed(2)),
      wasmLateGrowthMB: Number(wasmLate.toFixed(1)),
      rssSlopeMBPerMin: Number(rssSlope.toFixed(2)),
    },
  }
}
