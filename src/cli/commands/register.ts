import type { Command } from 'commander'
import type { Services } from '../../services/index.ts'
import { PUBLIC_DATA_DIR } from '../../services/registerService.ts'
import { printJson, withServices } from '../context.ts'
import { UsageError } from '../errors.ts'
import { progressBar } from '../progress.ts'

const fmt = (v: number | null, symbol?: string | null) => (v === null ? (symbol ?? '-') : v.toFixed(1))

export function registerRegister(program: Command) {
  registerDataCommands(program)
  registerLaCommands(program)
}

/** `sightline data load|status`: the open data files behind the register. */
function registerDataCommands(program: Command) {
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
        const results = await s.publicData
          .load({
            dir: o.dir,
            force: o.force,
            onProgress: (d, t, n) => bar.update(d, t, n),
          })
          .finally(() => bar.done())
        // So that `sightline risk estimate` answers from the new data without opening the store.
        await s.risk.keepForCommandLine()
        if (o.json) return printJson(results)
        for (const r of results)
          console.log(
            `${r.dataset.padEnd(24)} ${r.status.padEnd(9)} ${String(r.rows).padStart(6)} rows${r.warnings ? `, ${r.warnings} warnings` : ''}  ${r.ms} ms`,
          )
      })
    })

  data
    .command('status')
    .description('The datasets loaded, with file, checksum, rows and load time')
    .option('--json', 'print as JSON')
    .action(async (o) => {
      await withServices(async (s) => {
        const rows = await s.publicData.status()
        if (o.json) return printJson(rows)
        if (!rows.length) console.log('No public data loaded: run `sightline data load`.')
        for (const r of rows)
          console.log(
            `${r.name.padEnd(24)} ${String(r.rows).padStart(7)} rows  ${r.loadedAt}  ${r.sha256.slice(0, 12)}  ${r.file}`,
          )
      })
    })
}

/** `sightline la list|show`: local authorities in the register. */
function registerLaCommands(program: Command) {
  const la = program.command('la').description('Local authorities in the national register')
  la.command('list')
    .description('List local authorities with their latest Ofsted grade')
    .option('--region <region>', 'only this region')
    .option('--grade <grade>', 'only this latest overall grade')
    .option('--json', 'print as JSON')
    .action(async (o) => {
      await withServices(async (s) => {
        const overview = await s.laProfiles.overview({ region: o.region, grade: o.grade })
        const rows = overview.las.map((l) => ({
          laCode: l.laCode,
          name: l.name,
          region: l.region,
          latestGrade: l.latestGrade,
          latestDate: l.latestDate,
        }))
        if (o.json) return printJson(rows)
        for (const r of rows)
          console.log(
            `${r.laCode}  ${r.name.padEnd(36)} ${r.region.padEnd(26)} ${r.latestGrade ?? '-'} ${r.latestDate ?? ''}`,
          )
      })
    })
  la.command('show <code>')
    .description(
      'Identity, neighbours (both models), every inspection with its judgements, and statistics by year; CODE is the old 3-digit or ONS code',
    )
    .option('--json', 'print as JSON')
    .action(async (code: string, o) => {
      await withServices(async (s) => {
        const record = await s.laProfiles.record(code)
        if (!record && (await s.publicData.status()).length === 0)
          throw new Error('The national register is empty: run `sightline data load` first.')
        if (!record)
          throw new UsageError(
            `There is no local authority with the code ${code}. Use an old 3-digit code (330) or an ONS code (E08000025); \`sightline la list\` lists them.`,
          )
        if (o.json) return printJson(record)
        printLaRecord(record)
      })
    })
}

type LaRecord = NonNullable<Awaited<ReturnType<Services['laProfiles']['record']>>>

/** The LA's record as plain text: identity, neighbours, inspections, rates per 10,000 against neighbours and England. */
function printLaRecord(record: LaRecord) {
  console.log(`${record.name} (${record.laCode}, ${record.onsCode}), ${record.region}, ${record.laType}`)
  for (const m of record.neighbours)
    console.log(`Neighbours ${m.model}: ${m.neighbours.map((n) => `${n.name} (${n.band})`).join(', ')}`)
  console.log('Inspections:')
  for (const i of record.inspections)
    console.log(
      `  ${i.published ?? i.start ?? ''}  ${i.framework}${i.judgements.length ? ': ' + i.judgements.map((j) => `${j.area}: ${j.grade}`).join('; ') : ''}`,
    )
  console.log('Rates per 10,000 children (LA / mean of 2021 neighbours / England):')
  for (const t of record.ratesPer10k)
    console.log(
      `  ${t.measure.padEnd(16)} ` +
        t.years.map((y) => `${y.year}: ${fmt(y.la, y.laSymbol)}/${fmt(y.neighbourMean)}/${fmt(y.england)}`).join('  '),
    )
  console.log(
    `Statistics: ${record.statistics.length} published values (b1, c1, c3, d3, d5, cla, csww, LAIT); use --json to see them by year`,
  )
}
