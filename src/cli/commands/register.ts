import type { Command } from 'commander'
import { loadPublicData, PUBLIC_DATA_DIR } from '../../services/registerService.ts'
import { printJson, withServices } from '../context.ts'
import { UsageError } from '../index.ts'
import { progressBar } from '../progress.ts'

export function registerRegister(program: Command) {
  const data = program.command('data').description('Open data in the national register')
  data
    .command('load')
    .description('Load the open data (unchanged files are skipped; each dataset loads in one transaction)')
    .option('--dir <dir>', 'folder holding the files', PUBLIC_DATA_DIR)
    .option('--force', 'reload even when a file is unchanged')
    .option('--json', 'print the result as JSON')
    .action(async (o) => {
      await withServices(async (s) => {
        const bar = progressBar('Loading')
        const results = await loadPublicData(s.store, { dir: o.dir, force: o.force, onProgress: (d, t, n) => bar.update(d, t, n) }).finally(() => bar.done())
        if (o.json) return printJson(results)
        for (const r of results)
          console.log(`${r.dataset.padEnd(24)} ${r.status.padEnd(9)} ${String(r.rows).padStart(6)} rows${r.warnings ? `, ${r.warnings} warnings` : ''}  ${r.ms} ms`)
      })
    })

  const la = program.command('la').description('Local authorities in the national register')
  la.command('list')
    .description('List local authorities with their latest Ofsted grade')
    .option('--region <region>', 'only this region')
    .option('--grade <grade>', 'only this latest overall grade')
    .option('--json', 'print as JSON')
    .action(async (o) => {
      await withServices(async (s) => {
        const overview = await s.laProfiles.overview({ region: o.region, grade: o.grade })
        const rows = overview.las.map((l) => ({ laCode: l.laCode, name: l.name, region: l.region, latestGrade: l.latestGrade, latestDate: l.latestDate }))
        if (o.json) return printJson(rows)
        for (const r of rows) console.log(`${r.laCode}  ${r.name.padEnd(36)} ${r.region.padEnd(26)} ${r.latestGrade ?? '-'} ${r.latestDate ?? ''}`)
      })
    })
  la.command('show <code>')
    .description('Identity, neighbours (both models), every inspection with its judgements, and statistics by year; CODE is the old 3-digit or ONS code')
    .option('--json', 'print as JSON')
    .action(async (code: string, o) => {
      await withServices(async (s) => {
        const record = await s.laProfiles.record(code)
        if (!record) throw new UsageError(`There is no local authority with the code ${code}. Use an old 3-digit code (330) or an ONS code (E08000025); \`sightline la list\` lists them.`)
        if (o.json) return printJson(record)
        console.log(`${record.name} (${record.laCode}, ${record.onsCode}), ${record.region}, ${record.laType}`)
        for (const m of record.neighbours) console.log(`Neighbours ${m.model}: ${m.neighbours.map((n) => `${n.name} (${n.band})`).join(', ')}`)
        console.log('Inspections:')
        for (const i of record.inspections)
          console.log(`  ${i.published ?? i.start ?? ''}  ${i.framework}${i.judgements.length ? ': ' + i.judgements.map((j) => `${j.area}: ${j.grade}`).join('; ') : ''}`)
        console.log(`Statistics: ${record.statistics.length} values; use --json to see them`)
      })
    })
}
