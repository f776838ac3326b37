/**
 * The risk batch (issue 16): every current LA x every year with published figures, one `risk estimate` each (all
 * measures, statistical neighbours' mean), in process over the published data, after the data is read once. Prints
 * the time, and with `--out FILE` writes every estimate as JSON so two versions of the code can be compared.
 * Usage: npm run bench:risk [-- --comparator deprivation --out /tmp/estimates.json]
 */
import fs from 'node:fs'
import type { ComparatorKind } from '../../src/engine/benchmarking/estimate.ts'
import { riskService } from '../../src/services/riskService.ts'
import { publicDataPglite } from '../../test/support/snapshots.ts'

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : undefined
}
const comparator = (arg('comparator') ?? 'sn-mean') as ComparatorKind
const store = await publicDataPglite()
try {
  const risk = riskService(store)
  const cube = await risk.load()
  const las = [...cube.las.entries()].filter(([, l]) => l.isCurrent).map(([code]) => code)
  const years: number[] = []
  for (let y = cube.years.min; y <= cube.years.max; y++) years.push(y)
  const started = performance.now()
  const cpu0 = process.cpuUsage()
  const out = []
  for (const la of las) for (const year of years) out.push(await risk.estimate({ la, year, comparator }))
  const ms = performance.now() - started
  const cpu = process.cpuUsage(cpu0)
  const cpuMs = (cpu.user + cpu.system) / 1000
  // CPU time beside wall time: on a shared, loaded machine the wall time counts other processes' turns too.
  console.log(
    `risk batch (${comparator}): ${las.length} LAs x ${years.length} years = ${out.length} estimates in ${(ms / 1000).toFixed(2)} s, ${(cpuMs / 1000).toFixed(2)} CPU s (target under 2 s)`,
  )
  const file = arg('out')
  if (file) fs.writeFileSync(file, JSON.stringify(out))
  console.log(
    `bench:risk ${JSON.stringify({ comparator, estimates: out.length, seconds: Math.round(ms) / 1000, cpuSeconds: Math.round(cpuMs) / 1000 })}`,
  )
} finally {
  await store.close()
}
