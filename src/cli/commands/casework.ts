import fs from 'node:fs'
import type { Command } from 'commander'
import { CaseworkInputError } from '../../services/casework/caseworkService.ts'
import { withServices } from '../context.ts'
import { UsageError } from '../errors.ts'
import { progressBar } from '../progress.ts'

/** `sightline casework ingest --la CODE [--as-at DATE] FILE... [--json]`: one upload into the LA's casework store. */
export function registerCasework(program: Command) {
  const casework = program.command('casework').description("Children's case data (returns) in each LA's own store")
  casework
    .command('ingest')
    .description('Read Annex A, CIN census and SSDA903 files into a new snapshot of the LA casework store')
    .requiredOption('--la <code>', 'LA 3-digit code')
    .option('--as-at <date>', 'as-at date of the data, YYYY-MM-DD (default today)')
    .option('--json', 'print { snapshotId, records, issues, rejected } as JSON')
    .argument('<files...>', 'the files of the upload')
    .action(async (files: string[], o: { la: string; asAt?: string; json?: boolean }) => {
      for (const f of files)
        if (!fs.existsSync(f) || !fs.statSync(f).isFile()) throw new UsageError(`${f}: no such file`)
      await withServices(async (s) => {
        const bar = progressBar('Reading')
        try {
          const r = await s.casework.ingest(
            o.la,
            files.map((f) => ({ fileName: f, path: f })),
            { asAt: o.asAt, onProgress: (done, total, file) => bar.update(done, total, file) },
          )
          bar.done()
          const out = { snapshotId: r.snapshotId, records: r.records, issues: r.issues, rejected: r.rejected }
          if (o.json) console.log(JSON.stringify(out))
          else if (r.rejected) console.log(`Rejected: ${r.rejected}`)
          else
            console.log(
              `Snapshot ${r.snapshotId} is current: ${Object.values(r.records).reduce((a, b) => a + (b ?? 0), 0)} records, ${r.issues.errors} errors, ${r.issues.warnings} warnings`,
            )
          if (r.rejected) process.exitCode = 1
        } catch (err) {
          bar.done()
          if (err instanceof CaseworkInputError) throw new UsageError(err.message)
          throw err
        } finally {
          await s.casework.close()
        }
      })
    })
}
