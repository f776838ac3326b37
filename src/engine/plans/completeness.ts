/**
 * Completeness of a plan against its commitments ("explanation of the underlying issues for every recommendation, due
 * 22 July 2014"), worked out as at a date so that a report for a past date shows what was true then.
 */
import { formatDate } from '../dates.ts'

export const COMMITMENT_MEASURES = [
  'explained',
  'owned-action',
  'milestones',
  'kpi',
  'actions-complete',
  'manual',
] as const
export type CommitmentMeasure = (typeof COMMITMENT_MEASURES)[number]

/** How each measure reads in a sentence: "12 of 16 recommendations explained". */
export const MEASURE_LABELS: Record<CommitmentMeasure, string> = {
  explained: 'explained (underlying issues agreed)',
  'owned-action': 'have an action with an owner and a due date',
  milestones: 'have milestones on every action',
  kpi: 'have an impact measure (KPI)',
  'actions-complete': 'have every action complete',
  manual: 'met',
}

/** The facts about one plan item that commitments are measured against. */
export interface ItemForCompleteness {
  id: number
  analyses: Array<{ status: 'draft' | 'agreed'; agreedOn: string | null }>
  actions: Array<{
    ownerId: number | null
    dueDate: string | null
    status: string
    completedOn: string | null
    milestoneCount: number
  }>
  kpiCount: number
}

export interface CommitmentForCompleteness {
  id: number
  title: string
  measure: CommitmentMeasure
  dueDate: string
  itemId: number | null
  metOn: string | null
}

export type CommitmentStatus = 'met' | 'overdue' | 'open'

export interface CommitmentProgress {
  id: number
  title: string
  measure: CommitmentMeasure
  dueDate: string
  done: number
  total: number
  status: CommitmentStatus
  /** e.g. "12 of 16 recommendations explained (underlying issues agreed)" */
  summary: string
  /** Items that still fall short, so the page can link to them. */
  outstandingItemIds: number[]
}

/** Whether one item satisfies a measure as at a date. */
export function itemMeets(
  item: ItemForCompleteness,
  measure: Exclude<CommitmentMeasure, 'manual'>,
  asAt: string,
): boolean {
  switch (measure) {
    case 'explained':
      return item.analyses.some((a) => a.status === 'agreed' && (!a.agreedOn || a.agreedOn <= asAt))
    case 'owned-action':
      return item.actions.some((a) => a.ownerId !== null && a.dueDate !== null)
    case 'milestones':
      return item.actions.length > 0 && item.actions.every((a) => a.milestoneCount > 0)
    case 'kpi':
      return item.kpiCount > 0
    case 'actions-complete':
      return (
        item.actions.length > 0 &&
        item.actions.every((a) => a.status === 'complete' && (!a.completedOn || a.completedOn <= asAt))
      )
  }
}

/**
 * @example commitmentProgress({ id: 1, title: 'Explain', measure: 'explained', dueDate: '2014-07-22', itemId: null, metOn: null }, items, '2014-07-23')
 * // { done: 12, total: 16, status: 'overdue', summary: '12 of 16 recommendations explained (underlying issues agreed)', ... }
 */
export function commitmentProgress(
  c: CommitmentForCompleteness,
  items: ItemForCompleteness[],
  asAt: string,
): CommitmentProgress {
  const base = { id: c.id, title: c.title, measure: c.measure, dueDate: c.dueDate }
  if (c.measure === 'manual') {
    const met = Boolean(c.metOn && c.metOn <= asAt)
    const status: CommitmentStatus = met ? 'met' : c.dueDate < asAt ? 'overdue' : 'open'
    return {
      ...base,
      done: met ? 1 : 0,
      total: 1,
      status,
      summary: met ? `Met on ${formatDate(c.metOn)}` : 'Not yet met',
      outstandingItemIds: [],
    }
  }
  const scope = c.itemId === null ? items : items.filter((i) => i.id === c.itemId)
  const measure = c.measure
  const outstanding = scope.filter((i) => !itemMeets(i, measure, asAt))
  const done = scope.length - outstanding.length
  const noun = scope.length === 1 ? 'recommendation' : 'recommendations'
  const met = scope.length > 0 && outstanding.length === 0
  const status: CommitmentStatus = met ? 'met' : c.dueDate < asAt ? 'overdue' : 'open'
  return {
    ...base,
    done,
    total: scope.length,
    status,
    summary: `${done} of ${scope.length} ${noun} ${MEASURE_LABELS[measure]}`,
    outstandingItemIds: outstanding.map((i) => i.id),
  }
}
