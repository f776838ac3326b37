import type ExcelJS from 'exceljs'
import type { BoardReport } from '../../engine/plans/boardReport.ts'

const RAG_FILL: Record<string, string> = {
  red: 'FFF4CDC6',
  amber: 'FFFCD6C3',
  green: 'FFCCE2D8',
  blue: 'FFD2E2F1',
  grey: 'FFE5E6E7',
}

/** The board report as an XLSX workbook: Summary, Recommendations, Overdue actions, Challenges, KPIs, Judgements. */
export async function boardReportXlsx(report: BoardReport): Promise<Buffer> {
  // exceljs takes a third of a second to load: loaded when a workbook is made, not by every start and command.
  const wb = new (await import('exceljs')).default.Workbook()
  wb.creator = 'Sightline'
  wb.created = new Date(`${report.asAt}T12:00:00Z`)

  summarySheet(wb, report)
  recommendationsSheet(wb, report)
  overdueSheet(wb, report)
  challengesSheet(wb, report)
  kpiSheet(wb, report)
  indicatorSheet(wb, report)
  judgementsSheet(wb, report)

  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** The plan in numbers: counts, RAG ratings, categories and commitments. */
function summarySheet(wb: ExcelJS.Workbook, report: BoardReport) {
  const summary = wb.addWorksheet('Summary')
  summary.columns = [
    { width: 48 },
    { width: 16 },
    { width: 16 },
    { width: 14 },
    { width: 14 },
    { width: 14 },
    { width: 14 },
    { width: 14 },
  ]
  summary.addRow([report.title]).font = { bold: true, size: 14 }
  summary.addRow(['Progress report as at', report.asAt])
  summary.addRow(['Plan status', report.planStatus])
  summary.addRow(['Recommendations', report.summary.items])
  summary.addRow(['Explained (underlying issues agreed)', report.summary.explained])
  summary.addRow(['With an action with an owner and a due date', report.summary.withOwnedAction])
  summary.addRow(['Actions', report.summary.actions])
  summary.addRow(['Overdue actions', report.summary.overdueActions.length])
  summary.addRow(['Open challenges', report.summary.openChallenges.length])
  summary.addRow([])
  header(summary.addRow(['RAG rating', 'Delivery', 'Impact']))
  report.summary.delivery.forEach((d, i) => {
    const row = summary.addRow([d.label, d.count, report.summary.impact[i].count])
    fill(row.getCell(1), d.rag)
  })
  summary.addRow([])
  header(
    summary.addRow(['Category', 'Addressee', 'Total', 'Explained', 'Red', 'Amber', 'Green', 'Complete', 'Not rated']),
  )
  for (const c of report.summary.categories)
    summary.addRow([c.category, c.addressee, c.total, c.explained, c.red, c.amber, c.green, c.blue, c.grey])
  summary.addRow([])
  header(summary.addRow(['Commitment', 'Due', 'Progress', 'Status']))
  for (const c of report.summary.commitments) summary.addRow([c.title, c.due, c.summary, c.status])
}

/** One row per recommendation, RAG cells filled in their colour. */
function recommendationsSheet(wb: ExcelJS.Workbook, report: BoardReport) {
  const recs = wb.addWorksheet('Recommendations', { views: [{ state: 'frozen', ySplit: 1 }] })
  recs.columns = [
    { header: 'Ref', key: 'reference', width: 8 },
    { header: 'Category', key: 'category', width: 26 },
    { header: 'Addressee', key: 'addressee', width: 18 },
    { header: 'Recommendation', key: 'text', width: 70 },
    { header: 'Explained', key: 'explained', width: 10 },
    { header: 'Actions', key: 'actions', width: 9 },
    { header: 'Owners', key: 'owners', width: 24 },
    { header: 'Overdue actions', key: 'overdueActions', width: 10 },
    { header: 'Next milestone', key: 'nextMilestone', width: 30 },
    { header: 'Delivery RAG', key: 'deliveryLabel', width: 12 },
    { header: 'Delivery rule', key: 'deliveryRule', width: 20 },
    { header: 'Delivery reason', key: 'deliveryReason', width: 36 },
    { header: 'Overridden', key: 'overridden', width: 11 },
    { header: 'Impact RAG', key: 'impactLabel', width: 12 },
    { header: 'Impact reason', key: 'impactReason', width: 36 },
    { header: 'Open challenges', key: 'openChallenges', width: 10 },
  ]
  header(recs.getRow(1))
  for (const r of report.rows) {
    const row = recs.addRow({ ...r, explained: r.explained ? 'Yes' : 'No', overridden: r.overridden ? 'Yes' : 'No' })
    row.getCell('text').alignment = { wrapText: true, vertical: 'top' }
    fill(row.getCell('deliveryLabel'), r.delivery)
    fill(row.getCell('impactLabel'), r.impact)
  }
  recs.autoFilter = { from: 'A1', to: 'P1' }
}

/** Actions past their due date. */
function overdueSheet(wb: ExcelJS.Workbook, report: BoardReport) {
  const overdue = wb.addWorksheet('Overdue actions', { views: [{ state: 'frozen', ySplit: 1 }] })
  overdue.columns = [
    { header: 'Ref', key: 'reference', width: 8 },
    { header: 'Action', key: 'title', width: 50 },
    { header: 'Owner', key: 'owner', width: 24 },
    { header: 'Due', key: 'dueDate', width: 12 },
    { header: 'Status', key: 'status', width: 14 },
  ]
  header(overdue.getRow(1))
  for (const a of report.summary.overdueActions) overdue.addRow(a)
}

/** Challenges not yet answered. */
function challengesSheet(wb: ExcelJS.Workbook, report: BoardReport) {
  const challenges = wb.addWorksheet('Challenges', { views: [{ state: 'frozen', ySplit: 1 }] })
  challenges.columns = [
    { header: 'Ref', key: 'reference', width: 12 },
    { header: 'Challenge', key: 'text', width: 70 },
    { header: 'Raised by', key: 'author', width: 24 },
    { header: 'Raised', key: 'raised', width: 12 },
  ]
  header(challenges.getRow(1))
  for (const c of report.summary.openChallenges) challenges.addRow(c)
}

/** Each KPI month by month: actual beside trajectory and target. */
function kpiSheet(wb: ExcelJS.Workbook, report: BoardReport) {
  const kpis = wb.addWorksheet('KPIs', { views: [{ state: 'frozen', ySplit: 1 }] })
  kpis.columns = [
    { header: 'KPI', key: 'name', width: 40 },
    { header: 'Month', key: 'month', width: 12 },
    { header: 'Actual', key: 'actual', width: 10 },
    { header: 'Trajectory', key: 'trajectory', width: 10 },
    { header: 'Target', key: 'target', width: 10 },
    { header: 'Unit', key: 'unit', width: 8 },
    { header: 'Polarity', key: 'polarity', width: 10 },
    { header: 'Impact RAG (latest)', key: 'ragLabel', width: 16 },
  ]
  header(kpis.getRow(1))
  for (const k of report.kpis)
    for (const v of k.values)
      kpis.addRow({
        name: k.name,
        month: v.month.slice(0, 7),
        actual: v.actual,
        trajectory: v.trajectory,
        target: k.target,
        unit: k.unit,
        polarity: k.polarity,
        ragLabel: k.ragLabel,
      })
}

/** The LA's casework indicators, one row per indicator and snapshot, with the latest RAG against the local target. */
function indicatorSheet(wb: ExcelJS.Workbook, report: BoardReport) {
  const sheet = wb.addWorksheet('Casework indicators', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = [
    { header: 'Indicator', key: 'title', width: 50 },
    { header: 'Id', key: 'id', width: 30 },
    { header: 'Snapshot as at', key: 'asAt', width: 14 },
    { header: 'Value', key: 'value', width: 10 },
    { header: 'Unit', key: 'unit', width: 10 },
    { header: 'Target', key: 'target', width: 10 },
    { header: 'RAG (latest)', key: 'ragLabel', width: 14 },
    { header: 'Why no value', key: 'note', width: 40 },
  ]
  header(sheet.getRow(1))
  for (const d of report.indicators.indicators)
    for (const p of d.points) sheet.addRow({ ...d, asAt: p.asAt, value: p.value, note: p.note ?? '', target: d.target })
}

/** The inspection judgements the plan answers. */
function judgementsSheet(wb: ExcelJS.Workbook, report: BoardReport) {
  const judgements = wb.addWorksheet('Judgements')
  judgements.columns = [
    { header: 'Inspection', key: 'title', width: 50 },
    { header: 'Judgement', key: 'area', width: 60 },
    { header: 'Grade', key: 'grade', width: 22 },
  ]
  header(judgements.getRow(1))
  for (const j of report.judgements) for (const g of j.judgements) judgements.addRow({ title: j.title, ...g })
}

function header(row: ExcelJS.Row) {
  row.font = { bold: true }
}

function fill(cell: ExcelJS.Cell, rag: string) {
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: RAG_FILL[rag] ?? RAG_FILL.grey } }
}
