/**
 * Casework insight speed (issue 15): every indicator and the unworked-demand list for a Birmingham-sized LA (330,
 * scale 1, every format) from a loaded snapshot; target under 2 s. Times the first run on a freshly opened store
 * (which also builds the working-day table) and a second run. Run alone:
 * `node --import tsx scripts/bench/caseworkInsight.ts`, or as part of `npm run bench:casework`.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { ingestUpload } from '../../src/engine/casework/ingest.ts'
import { computeIndicators } from '../../src/engine/casework/indicators/index.ts'
import { openCaseworkStore } from '../../src/engine/casework/store.ts'
import { computeUnworked } from '../../src/engine/casework/unworked/index.ts'
import { runSimulation, simulateOptions } from '../../src/services/simulateService.ts'

const seconds = (t0: number) => Math.round((performance.now() - t0) / 10) / 100

export async function benchInsight(tmp: string) {
  const out = path.join(tmp, 'insight-birmingham')
  await runSimulation(
    simulateOptions({ la: '330', asAt: '2014-03-31', scale: 1, seed: 'bench', failures: 'birmingham-2014' }),
    out,
  )
  const files = [
    'cin-census.xml',
    'annex-a.xlsx',
    ...['dfe-api', 'ssda903', 'ssd'].flatMap((d) => fs.readdirSync(path.join(out, d)).map((f) => path.join(d, f))),
  ]
  const dataDir = path.join(tmp, 'insight-store')
  let store = await openCaseworkStore({ dataDir, laCode: '330' })
  const up = await ingestUpload(
    store,
    files.map((f) => ({ fileName: path.basename(f), path: path.join(out, f) })),
    { asAt: '2014-03-31' },
  )
  if (up.rejected) throw new Error(up.rejected)
  store.close()
  store = await openCaseworkStore({ dataDir, laCode: '330' })
  const runs = []
  for (const run of ['first (fresh store)', 'second']) {
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    const values = await computeIndicators(store, up.snapshotId, '2014-03-31')
    const indicators = seconds(t0)
    const t1 = performance.now()
    const u = await computeUnworked(store, up.snapshotId, '2014-03-31')
    const unworked = seconds(t1)
    const used = process.cpuUsage(cpu0)
    // CPU seconds of every thread (DuckDB's too): the figure that does not grow when the machine is shared.
    const cpuSeconds = Math.round((used.user + used.system) / 1e4) / 100
    runs.push({ run, indicators, unworked, total: Math.round((indicators + unworked) * 100) / 100, cpuSeconds })
    console.log(
      `  insight ${run}: ${values.length} indicators in ${indicators} s, unworked list (${u.children.length} children) in ${unworked} s, ${cpuSeconds} CPU s (load average ${os.loadavg()[0].toFixed(1)})`,
    )
  }
  store.close()
  const records = Object.values(up.records).reduce((a, b) => a + (b ?? 0), 0)
  return { records, runs, targetSeconds: 2 }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-insight-'))
  try {
    console.log(`bench:casework-insight ${JSON.stringify(await benchInsight(tmp))}`)
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}
