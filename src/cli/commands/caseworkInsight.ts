import type { Command } from 'commander'
import { CaseworkInputError } from '../../services/casework/caseworkService.ts'
import { insightService } from '../../services/casework/insightService.ts'
import { withServices } from '../context.ts'
import { UsageError } from '../errors.ts'

type Services = Parameters<Parameters<typeof withServices>[0]>[0]

/** Runs one insight query on the services, turning a casework input error into a one-line usage error. */
async function run(o: { snapshot?: string }, f: (s: Services, snapshotId?: number) => Promise<void>) {
  if (o.snapshot !== undefined && !/^\d+$/.test(o.snapshot))
    throw new UsageError(`--snapshot must be a snapshot number, not "${o.snapshot}"`)
  await withServices(async (s) => {
    try {
      await f(s, o.snapshot ? Number(o.snapshot) : undefined)
    } catch (err) {
      if (err instanceof CaseworkInputError) throw new UsageError(err.message)
      throw err
    } finally {
      await s.casework.close()
    }
  })
}

/** `sightline casework indicators|unworked --la CODE [--snapshot ID] [--json]`, on the `casework` command. */
export function registerCaseworkInsight(casework: Command) {
  casework
    .command('indicators')
    .description('The casework indicators of an LA snapshot (docs/indicators.md)')
    .requiredOption('--la <code>', 'LA 3-digit code')
    .option('--snapshot <id>', 'snapshot id (default the current snapshot)')
    .option('--json', 'print { snapshotId, asAt, indicators } as JSON')
    .action(async (o: { la: string; snapshot?: string; json?: boolean }) =>
      run(o, async (s, id) => {
        const r = await insightService(s.casework).indicators(o.la, id)
        if (o.json) return console.log(JSON.stringify(r))
        console.log(`Snapshot ${r.snapshotId}, as at ${r.asAt}`)
        for (const i of r.indicators) console.log(`${i.title}: ${i.value ?? i.note ?? 'no value'}`)
      }),
    )
  casework
    .command('unworked')
    .description('Children whose risk has not been assessed or acted on in time, most urgent first (child-level)')
    .requiredOption('--la <code>', 'LA 3-digit code')
    .option('--snapshot <id>', 'snapshot id (default the current snapshot)')
    .option('--json', 'print { snapshotId, asAt, children, counts, unavailable } as JSON')
    .action(async (o: { la: string; snapshot?: string; json?: boolean }) =>
      run(o, async (s, id) => {
        const r = await insightService(s.casework).unworked(o.la, id)
        if (o.json) return console.log(JSON.stringify(r))
        console.log(`Snapshot ${r.snapshotId}, as at ${r.asAt}: ${r.children.length} children`)
        for (const c of r.children)
          console.log(
            `${c.priority}. ${c.childId}: ${c.reasons.map((x) => `${x.reason} (${x.daysOverdue})`).join(', ')}`,
          )
        for (const u of r.unavailable) console.log(`Not checked: ${u.reason}: ${u.note}`)
      }),
    )
}
