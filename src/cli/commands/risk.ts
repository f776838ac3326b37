import type { Command } from 'commander'
import type { ComparatorKind } from '../../engine/benchmarking/estimate.ts'
import fs from 'node:fs'
import path from 'node:path'
import { estimateOf, RiskInputError, type RiskOptions } from '../../services/riskService.ts'
import { commandLabel, printJson, withServices } from '../context.ts'
import { UsageError } from '../errors.ts'

const fmt = (n: number | null | undefined, d = 1) => (n === null || n === undefined ? '-' : n.toFixed(d))

export function registerRisk(program: Command) {
  const risk = program
    .command('risk')
    .description('Unidentified risk: expected minus actual children, against comparators')
  risk
    .command('estimate')
    .description('Estimate, for each measure, how many children an LA is not seeing compared with its comparator')
    .requiredOption('--la <code>', 'LA code (old 3-digit or ONS)')
    .requiredOption('--year <yyyy>', 'year ending 31 March')
    .option('--model <model>', 'statistical neighbour model: 2021 or 2025', '2021')
    .option('--comparator <kind>', 'sn-mean, sn-median, england, region or deprivation', 'sn-mean')
    .option('--json', 'print as JSON')
    .action(async (o) => {
      if (!/^\d{4}$/.test(o.year)) throw new UsageError(`--year must be a year like 2014, not ${o.year}`)
      const options = { la: o.la, year: Number(o.year), model: o.model, comparator: o.comparator as ComparatorKind }
      const usage = (err: unknown) => {
        if (err instanceof RiskInputError) throw new UsageError(`--${err.field}: ${err.message}`)
        throw err
      }
      const kept = await fromKeptFigures(options).catch(usage)
      if (kept) return print(kept, o.json)
      await withServices(async (s) => print(await s.risk.estimate(options).catch(usage), o.json))
    })
}

/**
 * One LA's estimate from the risk figures kept beside a PGlite store for its current data version (cubeFile.ts), under
 * the store's lock, without opening the store; undefined when there are none (the store is then opened and keeps them).
 */
async function fromKeptFigures(options: RiskOptions) {
  const [{ loadConfig }, { pgliteDirFor }, { lockDataDir }, { cubeFilePath, readCubeFile }, { cubeOf, CUBE_READER }] =
    await Promise.all([
      import('../../config.ts'),
      import('../../data/paths.ts'),
      import('../../data/dataDirLock.ts'),
      import('../../services/risk/cubeFile.ts'),
      import('../../services/risk/cube.ts'),
    ])
  const config = loadConfig()
  const dir = path.resolve(pgliteDirFor(config.dataDir))
  if (config.databaseUrl || !fs.existsSync(cubeFilePath(dir))) return undefined
  const release = lockDataDir(dir, commandLabel())
  try {
    const kept = readCubeFile(dir, CUBE_READER)
    return kept && estimateOf(cubeOf(kept.inputs, kept.version), options)
  } finally {
    release()
  }
}

function print(result: ReturnType<typeof estimateOf>, json: boolean | undefined) {
  if (json) return printJson(result)
  console.log(
    `${result.name} (${result.la}), year ending 31 March ${result.year}; comparator ${result.comparator}, neighbour model ${result.model}`,
  )
  for (const m of result.measures) {
    if (m.problem) console.log(`  ${m.measure.padEnd(26)} ${m.problem}`)
    else
      console.log(
        `  ${m.measure.padEnd(26)} count ${fmt(m.count, 0)}, rate ${fmt(m.rate)} vs ${fmt(m.comparatorRate)} per 10,000: expected ${fmt(m.expected, 0)}, gap ${fmt(m.gap, 0)} (95% interval ${fmt(m.interval![0], 0)} to ${fmt(m.interval![1], 0)})${m.belowPoissonLimit ? ' BELOW 99.8% LIMIT' : ''}`,
      )
  }
}
