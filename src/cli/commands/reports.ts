import type { Command } from 'commander'
import fs from 'node:fs'
import { parseOfstedReport, ReportParseError } from '../../engine/inspections/index.ts'
import { printJson } from '../context.ts'
import { UsageError } from '../errors.ts'
import { registerReportBoard, registerReportImport } from './plans.ts'

/**
 * `sightline reports ...`: Ofsted reports and progress reports. `reports import` and `reports board` live with the plan
 * commands (plans.ts); `reports parse` (print the extraction without saving) belongs with the report reader
 * (src/engine/inspections) and is added here by it.
 */
export function registerReports(program: Command) {
  const reports = program.command('reports').description('Ofsted reports (import) and board progress reports')
  reports
    .command('parse <file>')
    .description('Read an Ofsted report PDF and print what was extracted, without saving anything')
    .option('--json', 'print as JSON')
    .action(async (file: string, o: { json?: boolean }) => {
      if (!fs.existsSync(file)) throw new UsageError(`No such file: ${file}`)
      try {
        const { flags, ...report } = await parseOfstedReport(new Uint8Array(fs.readFileSync(file)))
        if (o.json) return printJson({ ...report, flags })
        console.log(
          `${report.la || '(LA not found)'}: ${report.framework}, ${report.inspectionStart ?? '?'} to ${report.inspectionEnd ?? '?'}, published ${report.published ?? '(not printed)'}`,
        )
        for (const j of report.judgements) console.log(`  ${j.area}: ${j.grade}`)
        if (report.lscbJudgement) console.log(`  LSCB: ${report.lscbJudgement}`)
        console.log(`${report.recommendations.length} recommendations`)
        for (const r of report.recommendations)
          console.log(`  [${r.category}]${r.number ? ` ${r.number}.` : ''} ${r.text}`)
        for (const f of flags) console.log(`  CHECK ${f.field}: ${f.message}`)
      } catch (err) {
        if (err instanceof ReportParseError) throw new Error(`${file}: ${err.message}`)
        throw err
      }
    })
  registerReportImport(reports)
  registerReportBoard(reports)
  return reports
}
