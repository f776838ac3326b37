/**
 * One ingest of the given files into a fresh store, printing wall-clock and CPU seconds (for profiling with
 * `node --cpu-prof --import tsx scripts/bench/caseworkIngestOnce.ts FILE...`).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ingestUpload } from '../../src/engine/casework/ingest.ts'
import { openCaseworkStore } from '../../src/engine/casework/store.ts'

const files = process.argv.slice(2)
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-once-'))
try {
  const store = await openCaseworkStore({ dataDir: tmp, laCode: '330' })
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const r = await ingestUpload(
    store,
    files.map((f) => ({ fileName: path.basename(f), path: f })),
    { asAt: '2014-03-31' },
  )
  const used = process.cpuUsage(cpu0)
  store.close()
  console.log(
    JSON.stringify({
      seconds: Math.round(performance.now() - t0) / 1000,
      cpuSeconds: Math.round((used.user + used.system) / 1e3) / 1000,
      records: r.records,
      issues: r.issues,
      rejected: r.rejected,
    }),
  )
} finally {
  fs.rmSync(tmp, { recursive: true, force: true })
}
