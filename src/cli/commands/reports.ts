import type { Command } from 'commander'
import { registerReportBoard, registerReportImport } from './plans.ts'

/**
 * `sightline reports ...`: Ofsted reports and progress reports. `reports import` and `reports board` live with the plan
 * commands (plans.ts); `reports parse` (print the extraction without saving) belongs with the report reader
 * (src/engine/inspections) and is added here by it.
 */
export function registerReports(program: Command) {
  const reports = program.command('reports').description('Ofsted reports (import) and board progress reports')
  registerReportImport(reports)
  registerReportBoard(reports)
  return reports
}
