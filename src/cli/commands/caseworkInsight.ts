import type { Command } from 'commander'
import { CaseworkInputError } from '../../services/casework/caseworkService.ts'
import { insightService } from '../../services/casework/insightService.ts'
import { withServices } from '../context.ts'
import { UsageError } from '../errors.ts'

/** `sightline casework indicators --la CODE [--snapshot ID] [--json]`, on the `casework` command. */
export function registerCaseworkInsight(casework: Command) {
  casework
    .command('indicators')
    .description('The casework indicators of an LA snapshot (docs/indicators.md)')
    .requiredOption('--la <code>', 'LA 3-digit code')
    .option('--snapshot <id>', 'snapshot id (default the current snapshot)')
    .option('--json', 'print { snapshotId, asAt, indicators } as JSON')
    .action(async (o: { la: string; snapshot?: string; json?: boolean }) => {
      if (o.snapshot !== undefined && !/^\d+$/.test(o.snapshot))
        throw new UsageError(`--snapshot must be a snapshot number, not "${o.snapshot}"`)
      await withServices(async (s) => {
        try {
          const r = await insightService(s.casework).indicators(o.la, o.snapshot ? Number(o.snapshot) : undefined)
          if (o.json) console.log(JSON.stringify(r))
          else {
            console.log(`Snapshot ${r.snapshotId}, as at ${r.asAt}`)
            for (const i of r.indicators) console.log(`${i.title}: ${i.value ?? i.note ?? 'no value'}`)
          }
        } catch (err) {
          if (err instanceof CaseworkInputError) throw new UsageError(err.message)
          throw err
        } finally {
          await s.casework.close()
        }
      })
    })
}
