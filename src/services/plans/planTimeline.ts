import { planTimeline, SUBJECT_LABELS, type SubjectType } from '../../data/repositories/planRepository.ts'
import type { DbOrTx } from '../../data/store.ts'
import { readableDiff } from '../../engine/plans/diff.ts'
import { reportName } from '../../engine/plans/reports.ts'

type Json = Record<string, unknown>

/** Every event on the plan, oldest first, each with a title and a readable diff; bulk steps merged into one. */
export async function timelineEvents(db: DbOrTx, planId: number) {
  const events = (await planTimeline(db, planId)).map((h) => {
    const after = (h.after ?? {}) as Json
    const label =
      h.subjectType === 'comment'
        ? String(after.kind ?? 'comment')
        : (SUBJECT_LABELS[h.subjectType as SubjectType] ?? h.subjectType)
    const name = String(
      after.title ?? after.name ?? after.summary ?? after.text ?? (h.subjectType === 'report' ? reportName(after) : ''),
    ).slice(0, 80)
    return {
      id: h.id,
      at: h.at.toISOString(),
      actorName: h.actorName,
      subjectType: h.subjectType,
      subjectId: h.subjectId,
      action: h.action,
      title: `${capitalise(label)} ${pastTense(h.action)}${name ? `: ${name}` : ''}`,
      changes: h.before === null ? [] : readableDiff(h.before as Json | null, after),
      count: 1,
    }
  })
  // Bulk steps (one item per recommendation) read as one event: "Plan item added (27)".
  const merged: typeof events = []
  for (const e of events) {
    const last = merged.at(-1)
    if (
      last &&
      !e.changes.length &&
      last.title === e.title &&
      last.actorName === e.actorName &&
      last.at.slice(0, 19) === e.at.slice(0, 19)
    ) {
      last.count++
      continue
    }
    merged.push({ ...e })
  }
  return merged.map((e) => (e.count > 1 ? { ...e, title: `${e.title} (${e.count})` } : e))
}

function capitalise(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

const PAST: Record<string, string> = {
  create: 'added',
  update: 'changed',
  archive: 'archived',
  restore: 'restored',
  agree: 'agreed',
  submit: 'submitted',
  accept: 'accepted',
  return: 'returned',
  challenge: 'raised',
  comment: 'added',
  answer: 'added',
  answered: 'answered',
  close: 'closed',
  complete: 'completed',
  import: 'imported',
  'add-to-plan': 'added to the plan',
  'override-rag': 'RAG overridden',
  'clear-rag-override': 'RAG override removed',
}
function pastTense(action: string) {
  return PAST[action] ?? action
}
