import type { Command } from 'commander'
import { InterventionInputError } from '../../services/interventionService.ts'
import { printJson, withServices } from '../context.ts'
import { UsageError } from '../errors.ts'

export function registerIntervention(program: Command) {
  const intervention = program.command('intervention').description('Intervention decision support and oversight')
  intervention
    .command('assess')
    .description(
      'Assess an LA at a date against the documented criteria and recommend a rung of the intervention ladder',
    )
    .requiredOption('--la <code>', 'LA code (old 3-digit or ONS)')
    .requiredOption('--as-at <date>', 'date of the assessment, YYYY-MM-DD')
    .option('--json', 'print as JSON')
    .action(async (o) => {
      await withServices(async (s) => {
        const a = await s.intervention.assess({ la: o.la, asAt: o.asAt }).catch((err) => {
          if (err instanceof InterventionInputError)
            throw new UsageError(`--${err.field === 'asAt' ? 'as-at' : 'la'}: ${err.message}`)
          throw err
        })
        if (o.json) return printJson(a)
        console.log(
          `${a.name} (${a.la}) as at ${a.asAt}: recommend ${a.recommendation} (thresholds ${a.thresholdsVersion})`,
        )
        for (const r of a.rationale) console.log(`  - ${r.criterion}: ${r.value ?? 'n/a'} -> ${r.effect}`)
      })
    })
}
