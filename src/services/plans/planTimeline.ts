import { and, eq, isNull } from 'drizzle-orm'
import {
  planTimeline,
  planTimelinePage,
  SUBJECT_LABELS,
  type HistoryCursor,
  type SubjectType,
} from '../../data/repositories/planRepository.ts'
import { plan } from '../../data/schema/plans.ts'
import { localAuthority } from '../../data/schema/register.ts'
import type { DbOrTx } from '../../data/store.ts'
import { PlanNotFoundError } from '../planErrors.ts'
import { readableDiff } from '../../engine/plans/diff.ts'
import { reportName } from '../../engine/plans/reports.ts'

type Json = Record<string, unknown>

/** Every event on the plan, oldest first, each with a title and a readable diff; bulk steps merged into one. */
export async function timelineEvents(db: DbOrTx, planId: number) {
  return describeHistory(await planTimeline(db, planId))
}

export const TIMELINE_PAGE_SIZE = 50

/** ?before= / ?after= of the timeline page: a history id, else undefined (the newest page). */
export function timelineCursor(query: Record<string, unknown>): HistoryCursor {
  const id = (v: unknown) => (typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : undefined)
  const before = id(query.before)
  return before !== undefined ? { before } : { after: id(query.after) }
}

/**
 * One page of the plan's timeline, newest first: 50 history rows (bulk steps merged within the page), and the history
 * ids the newer and older pages start from. Reads one page of rows however long the history is; the heading's title and
 * LA name come from the plan itself, not the whole plan rebuilt from its history. `checkScope` throws for an LA the
 * actor may not see.
 */
export async function timelinePage(
  db: DbOrTx,
  planId: number,
  cursor: HistoryCursor,
  checkScope: (laCode: string) => void,
) {
  const [header] = await db
    .select({ id: plan.id, laCode: plan.laCode, title: plan.title, laName: localAuthority.name })
    .from(plan)
    .leftJoin(localAuthority, eq(localAuthority.laCode, plan.laCode))
    .where(and(eq(plan.id, planId), isNull(plan.archivedAt)))
  if (!header) throw new PlanNotFoundError('plan', planId)
  checkScope(header.laCode)
  const page = await planTimelinePage(db, planId, cursor, TIMELINE_PAGE_SIZE)
  const { laName, ...model } = header
  return {
    model: { plan: model, laName: laName ?? model.laCode },
    events: describeHistory([...page.rows].reverse()).reverse(),
    newerFrom: page.newerFrom,
    olderFrom: page.olderFrom,
  }
}

type HistoryRow = Awaited<ReturnType<typeof planTimeline>>[number]

/** History rows (oldest first) as timeline events with titles and readable diffs; bulk steps merged into one. */
function describeHistory(rows: HistoryRow[]) {
  const events = rows.map((h) => {
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
