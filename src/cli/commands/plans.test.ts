import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { Command } from 'commander'
import ExcelJS from 'exceljs'
import { openStore, pgliteDirFor } from '../../data/store.ts'
import { registerReportBoard, registerReportImport } from './plans.ts'
import { cliInProcess, cliRunner } from '../../../test/support/cli.ts'
import { schemaPgliteDir } from '../../../test/support/snapshots.ts'

/** A real process where its exit code is the point; the CLI's main() in this process for the rest. */
const sightlineProcess = cliRunner(120_000)
const sightline = cliInProcess()

describe('sightline plans and reports board commands', () => {
  let dir: string

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-plans-cli-'))
    const store = await schemaPgliteDir(dir)
    await store.query(`INSERT INTO local_authority (la_code, ons_code, name, region, la_type, is_current) VALUES
      ('330', 'E08000025', 'Birmingham', 'West Midlands', 'Metropolitan District', true),
      ('331', 'E08000026', 'Coventry', 'West Midlands', 'Metropolitan District', true)`)
    await store.close()
  })
  after(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('seeds the demo plan once and shows it as at a date', async () => {
    const seed = await sightline(dir, 'plans', 'seed-demo')
    assert.equal(seed.code, 0, seed.stderr)
    assert.match(seed.stdout, /Demo plan 1 is in place/)
    assert.equal((await sightline(dir, 'plans', 'seed-demo')).stdout, seed.stdout)
    const show = await sightline(dir, 'plans', 'show', '1', '--as-at', '2014-07-31')
    assert.equal(show.code, 0, show.stderr)
    assert.match(show.stdout, /27 recommendations; 26 explained; 27 with an owned, dated action; 28 actions, 4 overdue/)
    assert.match(show.stdout, /Delivery RAG: red 5, amber 19, green 2, blue 1, grey 0/)
  })

  it('refuses a bad date and an unknown plan with exit code 2', async () => {
    const bad = sightlineProcess(dir, 'plans', 'show', '1', '--as-at', '31/07/2014')
    assert.equal(bad.code, 2)
    assert.match(bad.stderr, /--as-at must be a date like 2014-07-31/)
    const missing = await sightline(dir, 'plans', 'show', '99')
    assert.equal(missing.code, 2)
    assert.match(missing.stderr, /No plan with id 99/)
  })

  it('writes the board report as XLSX through `reports board`', async () => {
    const program = new Command('sightline').exitOverride()
    registerReportBoard(program.command('reports'))
    const out = path.join(dir, 'board.xlsx')
    const saved = process.env.DATA_DIR
    const savedUrl = process.env.DATABASE_URL
    process.env.DATA_DIR = dir
    delete process.env.DATABASE_URL
    try {
      await program.parseAsync(
        ['reports', 'board', '--la', '331', '--as-at', '2014-07-31', '--format', 'xlsx', '--out', out],
        { from: 'user' },
      )
    } finally {
      process.env.DATA_DIR = saved
      if (savedUrl) process.env.DATABASE_URL = savedUrl
    }
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(out)
    assert.equal(wb.getWorksheet('Recommendations')!.rowCount, 28)
    assert.equal(wb.getWorksheet('Summary')!.getCell('B2').value, '2014-07-31')
  })

  it('`reports import` refuses a file that is not a PDF and saves nothing', async () => {
    const program = new Command('sightline').exitOverride()
    registerReportImport(program.command('reports'))
    const notPdf = path.join(dir, 'report.pdf')
    fs.writeFileSync(notPdf, 'month,value\n2014-07,1\n')
    const saved = process.env.DATA_DIR
    const savedUrl = process.env.DATABASE_URL
    process.env.DATA_DIR = dir
    delete process.env.DATABASE_URL
    try {
      await assert.rejects(
        program.parseAsync(['reports', 'import', notPdf, '--la', '331'], { from: 'user' }),
        /The selected file must be a PDF/,
      )
      await assert.rejects(
        program.parseAsync(['reports', 'import', notPdf, '--la', 'Nowhere'], { from: 'user' }),
        /No local authority with code or name "Nowhere"/,
      )
    } finally {
      process.env.DATA_DIR = saved
      if (savedUrl) process.env.DATABASE_URL = savedUrl
    }
    const store = await openStore({ pgliteDir: pgliteDirFor(dir) })
    assert.equal(
      (await store.query<{ n: number }>('SELECT count(*) AS n FROM imported_report'))[0].n,
      1,
      'only the demo plan report',
    )
    await store.close()
  })
})
