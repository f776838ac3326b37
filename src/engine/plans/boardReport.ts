import { lineChart, type Series } from '../charts/svg.ts'
import type { BoardIndicators } from './boardIndicators.ts'
import { displayValue } from './diff.ts'
import type { KpiModel, PlanModel } from './planModel.ts'
import { RAG_LABELS, type Rag } from './rag.ts'

/**
 * The board and ministerial progress report as at a date: one model, rendered as a web page, a PDF and an XLSX workbook.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const monthIndex = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1
const monthLabel = (i: number) => `${MONTHS[((i % 12) + 12) % 12]} ${Math.floor(i / 12)}`

export const RAG_ORDER: Rag[] = ['red', 'amber', 'green', 'blue', 'grey']

export interface BoardRow {
  reference: string
  category: string
  addressee: string
  text: string
  explained: boolean
  actions: number
  owners: string
  nextMilestone: string
  overdueActions: number
  delivery: Rag
  deliveryLabel: string
  deliveryRule: string
  deliveryReason: string
  overridden: boolean
  impact: Rag
  impactLabel: string
  impactReason: string
  openChallenges: number
}

type PlanItem = PlanModel['items'][number]

/** One recommendation's row: its actions, owners, next milestone and both RAG ratings. */
function boardRow(i: PlanItem, asAt: string): BoardRow {
  const upcoming = i.actions
    .flatMap((a) => a.milestones)
    .filter((m) => !m.completedOn || m.completedOn > asAt)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0]
  return {
    reference: i.reference,
    category: i.category,
    addressee: i.addressee,
    text: i.text,
    explained: i.explained,
    actions: i.actions.length,
    owners: [...new Set(i.actions.map((a) => a.ownerName).filter(Boolean))].join(', '),
    nextMilestone: upcoming ? `${upcoming.title} (${displayValue(upcoming.dueDate)})` : '',
    overdueActions: i.actions.filter((a) => a.overdue).length,
    delivery: i.delivery.rag,
    deliveryLabel: RAG_LABELS[i.delivery.rag],
    deliveryRule: i.delivery.rule,
    deliveryReason: i.delivery.reason,
    overridden: i.actions.some((a) => a.rag.override),
    impact: i.impact.rag,
    impactLabel: RAG_LABELS[i.impact.rag],
    impactReason: i.impact.reason,
    openChallenges: i.openChallenges,
  }
}

/** The inspection judgements the plan answers, one block per report. */
function inspectionJudgements(model: PlanModel) {
  return model.reports.map((r) => ({
    title: `${r.framework} inspection${r.inspectionStart ? ` ${displayValue(r.inspectionStart)}` : ''}${r.inspectionEnd ? ` to ${displayValue(r.inspectionEnd)}` : ''}`,
    published: r.published,
    judgements: [
      ...r.judgements.map((j) => ({ area: j.area, grade: j.grade })),
      ...(r.lscbJudgement ? [{ area: 'Local Safeguarding Children Board', grade: r.lscbJudgement }] : []),
    ],
  }))
}

const ragCounts = (counts: Record<Rag, number>) =>
  RAG_ORDER.map((rag) => ({ rag, label: RAG_LABELS[rag], count: counts[rag] }))

function lastSubmission(model: PlanModel) {
  const last = model.submissions[0]
  if (!last) return null
  return { kind: last.kind, status: last.status, submittedAt: last.submittedAt.slice(0, 10), by: last.submittedByName }
}

/** The summary at the top of the report: counts, overdue actions, open challenges, commitments, last submission. */
function boardSummary(model: PlanModel) {
  return {
    items: model.summary.items,
    explained: model.summary.explained,
    withOwnedAction: model.summary.withOwnedAction,
    actions: model.summary.actions,
    delivery: ragCounts(model.summary.delivery),
    impact: ragCounts(model.summary.impact),
    categories: model.summary.categories,
    overdueActions: model.summary.overdueActions.map((a) => ({
      reference: a.itemReference,
      title: a.title,
      owner: a.ownerName ?? 'No owner',
      dueDate: a.dueDate!,
      dueLabel: displayValue(a.dueDate),
      status: a.status,
    })),
    openChallenges: model.summary.openChallenges.map((c) => ({
      text: c.text,
      author: c.authorName,
      raised: c.createdAt.slice(0, 10),
      reference: model.items.find((i) => i.id === c.itemId)?.reference ?? 'Whole plan',
    })),
    commitments: model.commitments.map((c) => ({
      title: c.title,
      due: c.dueDate,
      dueLabel: displayValue(c.dueDate),
      summary: c.summary,
      status: c.status,
    })),
    lastSubmission: lastSubmission(model),
  }
}

/** One KPI: its latest value against the expected, the month-by-month table and the chart. */
function boardKpi(k: KpiModel, asAt: string) {
  return {
    name: k.name,
    definition: k.definition,
    polarity: k.polarity,
    unit: k.unit,
    baseline: k.baselineValue,
    target: k.targetValue,
    targetDate: k.targetDate,
    latest: k.rag.value ?? null,
    expected: k.rag.expected ?? null,
    rag: k.rag.rag,
    ragLabel: RAG_LABELS[k.rag.rag],
    reason: k.rag.reason,
    values: kpiTable(k, asAt),
    svg: kpiChart(k, asAt),
  }
}

/** The report model; `indicators` are the LA's casework indicators (boardIndicators), none when not given. */
export function buildBoardReport(model: PlanModel, indicators: BoardIndicators = { snapshots: [], indicators: [] }) {
  const asAt = model.asAt
  return {
    title: `${model.laName}: ${model.plan.title}`,
    laName: model.laName,
    laCode: model.plan.laCode,
    planStatus: model.plan.status,
    asAt,
    asAtLabel: displayValue(asAt),
    judgements: inspectionJudgements(model),
    summary: boardSummary(model),
    rows: model.items.map((i) => boardRow(i, asAt)),
    kpis: model.kpis.map((k) => boardKpi(k, asAt)),
    indicators,
  }
}

export type BoardReport = ReturnType<typeof buildBoardReport>

/** Month by month: actual (on or before the report date) beside the trajectory. */
export function kpiTable(k: KpiModel, asAt: string) {
  const months = [
    ...new Set([...k.trajectory.map((t) => t.month), ...k.values.filter((v) => v.month <= asAt).map((v) => v.month)]),
  ].sort()
  return months.map((month) => {
    const v = k.values.find((x) => x.month === month && x.month <= asAt)
    return {
      month,
      label: monthLabel(monthIndex(month)),
      actual: v?.value ?? null,
      trajectory: k.trajectory.find((t) => t.month === month)?.value ?? null,
      /** Where the actual came from: a casework snapshot (with its as-at date) or a value typed by hand. */
      source: v
        ? v.source === 'casework' && v.asAt
          ? `Casework snapshot as at ${displayValue(v.asAt)}`
          : 'Entered'
        : null,
    }
  })
}

export function kpiChart(k: KpiModel, asAt: string): string {
  const table = kpiTable(k, asAt)
  const series: Series[] = [
    {
      name: 'Actual',
      highlight: true,
      points: table.filter((r) => r.actual !== null).map((r) => ({ x: monthIndex(r.month), y: r.actual })),
    },
    {
      name: 'Trajectory',
      points: table.filter((r) => r.trajectory !== null).map((r) => ({ x: monthIndex(r.month), y: r.trajectory })),
    },
  ]
  if (k.targetValue !== null && table.length) {
    const xs = table.map((r) => monthIndex(r.month))
    series.push({
      name: `Target (${k.targetValue})`,
      points: [
        { x: Math.min(...xs), y: k.targetValue },
        { x: Math.max(...xs), y: k.targetValue },
      ],
    })
  }
  const better =
    k.polarity === 'higher' ? 'higher is better' : k.polarity === 'lower' ? 'lower is better' : 'context measure'
  return lineChart(
    series.filter((s) => s.points.length),
    {
      title: k.name,
      description: `${k.name} by month to ${displayValue(asAt)} against its trajectory and target (${better}). The same numbers are in the table below the chart.`,
      yLabel: k.unit,
      formatX: monthLabel,
      width: 640,
      height: 260,
    },
  )
}
