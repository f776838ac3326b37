import type { Command } from 'commander'
import { FORMAT_IDS } from '../../engine/simulate/run.ts'
import { PROFILE_NAMES } from '../../engine/simulate/profiles.ts'
import { runSimulation, simulateOptions, SimulateInputError } from '../../services/simulateService.ts'
import { UsageError } from '../errors.ts'

export function registerSimulate(program: Command) {
  program
    .command('simulate')
    .description(
      "Write a synthetic local authority's children's social care case data in the real exchange formats, with truth.json",
    )
    .requiredOption('--la <code>', 'LA 3-digit code, or all (a directory per LA)')
    .requiredOption('--as-at <date>', 'extract date, YYYY-MM-DD (e.g. 2014-03-31)')
    .option('--years <n>', 'years of history (1-3)', '1')
    .option('--seed <s>', 'random seed: the same seed gives byte-identical output', '1')
    .option('--scale <x>', 'multiply the child population (and every count) by x', '1')
    .option(
      '--failures <list>',
      `failure profiles, comma-separated, each optionally name:param=value;... (${PROFILE_NAMES.join(', ')})`,
    )
    .option('--formats <list>', `formats, comma-separated (default all: ${FORMAT_IDS.join(', ')})`)
    .requiredOption('--out <dir>', 'output directory (new or empty)')
    .option('--json', 'print the run summary as JSON')
    .action(async (o) => {
      try {
        const opts = simulateOptions({
          la: o.la,
          asAt: o.asAt,
          years: o.years,
          seed: o.seed,
          scale: o.scale,
          failures: o.failures,
          formats: o.formats,
        })
        const tty = process.stderr.isTTY && opts.las.length > 1
        const stats = await runSimulation(
          opts,
          o.out,
          tty ? (la, i) => process.stderr.write(`\r${i + 1}/${opts.las.length} LA ${la}`) : undefined,
        )
        if (tty) process.stderr.write('\n')
        if (o.json) console.log(JSON.stringify(stats))
        else
          console.log(
            `Wrote ${stats.las} LA(s), ${stats.children} children, ${stats.referrals} referrals in the year to ${o.out} in ${stats.seconds.toFixed(1)} s`,
          )
      } catch (err) {
        if (err instanceof SimulateInputError) throw new UsageError(`--${err.option}: ${err.message}`)
        throw err
      }
    })
}
