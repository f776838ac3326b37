/**
 * CPU per 100-child DfE CSC API request in the casework store alone (no HTTP, no load generator): the simulator's
 * Birmingham bodies applied one request at a time (`--concurrent N` at once, to show group commit), after a warm-up
 * that fills the day's snapshot. Usage: node --import tsx scripts/bench/caseworkApiStoreCpu.ts [--requests 200]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { caseworkApiStore } from '../../src/engine/returns/dfeApi/caseworkApiStore.ts'
import type { ApiChild } from '../../src/engine/returns/dfeApi/schema.ts'
import { memoryOutput } from '../../src/engine/simulate/output.ts'
import { parseProfiles } from '../../src/engine/simulate/profiles.ts'
import { simulate } from '../../src/engine/simulate/run.ts'
import { publicFigures } from '../../src/services/simulateService.ts'

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}
const out = memoryOutput()
const o = { las: ['330'], asAt: '2014-03-31', years: 1, seed: 'bench', scale: 0.15, formats: ['dfe-api-json' as const] }
await simulate({ ...o, profiles: parseProfiles('birmingham-2014') }, publicFigures(), out)
const bodies = [...out.files.keys()]
  .filter((k) => k.startsWith('dfe-api/'))
  .sort()
  .map((k) => JSON.parse(out.files.get(k)!.toString()) as ApiChild[])
  .filter((b) => b.length === 100)
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-api-store-'))
const store = caseworkApiStore({ dataDir })
const request = (i: number) => ({
  laCode: '330',
  day: '2014-03-31',
  clientId: 'bench',
  requestId: `r${i}`,
  sha256: String(i).padStart(64, '0'),
  bytes: 1,
  children: bodies[i % bodies.length],
})
try {
  for (let i = 0; i < bodies.length; i++) await store.apply(request(i)) // every child held once
  const n = arg('requests', 200)
  const concurrent = arg('concurrent', 1)
  const cpu = process.cpuUsage()
  const t0 = performance.now()
  for (let i = 0; i < n; i += concurrent)
    await Promise.all(Array.from({ length: Math.min(concurrent, n - i) }, (_, k) => store.apply(request(i + k))))
  const used = process.cpuUsage(cpu)
  const ms = (used.user + used.system) / 1000 / n
  console.log(
    `${n} requests of 100 children (${bodies.length} bodies, ${concurrent} at once): ${ms.toFixed(1)} ms CPU and ` +
      `${((performance.now() - t0) / n).toFixed(1)} ms wall a request (load average ${os.loadavg()[0].toFixed(1)})`,
  )
} finally {
  await store.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
}
