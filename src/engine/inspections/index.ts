export { parseOfstedReport, parseDateRange, type ParsedReport, type Framework } from './parseReport.ts'
export type { Flag, Judgement, Recommendation } from './model.ts'
export { ReportParseError, MAX_REPORT_BYTES, refuseNotPdf } from './pdfText.ts'
