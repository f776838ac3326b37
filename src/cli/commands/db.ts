import type { Command } from 'commander'
import { loadConfig } from '../../config.ts'
import { dataAccess } from '../../dataAccess.ts'
import { migrate, migrationStatus } from '../../data/migrate.ts'
import { commandLabel, printJson } from '../context.ts'

export function registerDb(program: Command) {
  const db = program.command('db').description('Operational store: migrations and status')
  db.command('migrate')
    .description('Apply pending SQL migrations')
    .action(async () => {
      const da = await dataAccess(loadConfig(), { migrate: false, holder: commandLabel() })
      try {
        const applied = await migrate(da.store)
        console.log(
          applied.length ? `Applied ${applied.length}: ${applied.join(', ')}` : 'Nothing to apply: up to date',
        )
      } finally {
        await da.store.close()
      }
    })
  db.command('status')
    .description('Show which migrations are applied')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      const da = await dataAccess(loadConfig(), { migrate: false, holder: commandLabel() })
      try {
        const status = await migrationStatus(da.store)
        if (opts.json) return printJson({ store: da.store.kind, migrations: status })
        console.log(`Store: ${da.store.kind}`)
        for (const s of status)
          console.log(
            `${s.applied ? 'applied' : 'pending'}  ${s.id}${s.appliedAt ? `  ${s.appliedAt}` : ''}${s.checksumMismatch ? '  CHANGED SINCE APPLIED' : ''}`,
          )
      } finally {
        await da.store.close()
      }
    })
}
