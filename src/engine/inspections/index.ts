export { parseOfstedReport, parseDateRange, type ParsedReport } from './parseReport.ts'
export { ReportParseError, MAX_REPORT_BYTES } from './pdfText.ts'
