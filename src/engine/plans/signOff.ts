import { formatDate } from '../dates.ts'

/**
 * Sign-off rules (domain.md §4, issue 10): a plan is submitted, and a submission accepted, only when every
 * recommendation is explained (an analysis agreed by someone other than its author) and every commitment the plan
 * carries is met or not yet due. What is missing is listed, so the page can say exactly what to do.
 */

export interface SignOffGap {
  kind: 'unexplained' | 'commitment'
  itemId: number | null
  commitmentId: number | null
  /** e.g. "Recommendation 43 has no agreed analysis of its underlying issues" */
  text: string
}

export interface SignOffModel {
  items: Array<{ id: number; reference: string; explained: boolean }>
  commitments: Array<{ id: number; title: string; dueDate: string; status: string; summary: string }>
}

/** @example signOffGaps({ items: [{ id: 1, reference: '43', explained: false }], commitments: [] }) // one 'unexplained' gap */
export function signOffGaps(model: SignOffModel): SignOffGap[] {
  const unexplained = model.items
    .filter((i) => !i.explained)
    .map((i) => ({
      kind: 'unexplained' as const,
      itemId: i.id,
      commitmentId: null,
      text: `Recommendation ${i.reference} has no agreed analysis of its underlying issues`,
    }))
  const overdue = model.commitments
    .filter((c) => c.status === 'overdue')
    .map((c) => ({
      kind: 'commitment' as const,
      itemId: null,
      commitmentId: c.id,
      text: `“${c.title}” was due on ${formatDate(c.dueDate)} and is not met (${c.summary})`,
    }))
  return [...unexplained, ...overdue]
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/**
 * One sentence for the error summary, naming what is missing.
 * @example signOffRefusal(gaps, 'submitted') // "The plan cannot be submitted yet: 2 recommendations have no agreed analysis (43, 44) ..."
 */
export function signOffRefusal(model: SignOffModel, gaps: SignOffGap[], verb: 'submitted' | 'accepted'): string {
  const parts: string[] = []
  const refs = model.items.filter((i) => gaps.some((g) => g.itemId === i.id)).map((i) => i.reference)
  if (refs.length) {
    const shown = refs.length > 8 ? `${refs.slice(0, 8).join(', ')} and ${refs.length - 8} more` : refs.join(', ')
    parts.push(
      `${plural(refs.length, 'recommendation has', 'recommendations have')} no agreed analysis of the underlying issues (${shown})`,
    )
  }
  const overdue = gaps.filter((g) => g.kind === 'commitment')
  if (overdue.length)
    parts.push(
      `${plural(overdue.length, 'commitment is', 'commitments are')} overdue and not met: ${overdue.map((g) => g.text).join('; ')}`,
    )
  const who = verb === 'submitted' ? 'The plan cannot be submitted yet' : 'This submission cannot be accepted yet'
  return `${who}: ${parts.join('; and ')}`
}
