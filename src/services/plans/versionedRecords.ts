import {
  findRow,
  historyOf,
  insertHistory,
  insertRow,
  plain,
  scopeOf,
  SUBJECT_LABELS,
  updateRowIfVersion,
  type Row,
  type SubjectType,
} from '../../data/repositories/planRepository.ts'
import type { DbOrTx, Store, Tx } from '../../data/store.ts'
import { readableDiff } from '../../engine/plans/diff.ts'
import { recordAudit, type Actor } from '../auditService.ts'
import { InputError } from '../commands/command.ts'
import { PlanConflictError, PlanForbiddenError, PlanNotFoundError } from '../planErrors.ts'

/** The person acting. laScope (from the signed-in principal) limits which LAs they may touch; omitted for the system. */
export interface PlanActor extends Actor {
  laScope?: string[] | null
  /** An administrator (from the signed-in principal): only a national administrator may override some refusals. */
  isAdmin?: boolean
}

/** The plan and LA a record belongs to. */
export interface RecordScope {
  planId: number | null
  laCode: string
}

export function assertScope(actor: PlanActor, laCode: string) {
  if (actor.laScope && !actor.laScope.includes(laCode))
    throw new PlanForbiddenError('You do not have access to this local authority')
}

export function requireUser(actor: PlanActor): number {
  if (actor.id === null) throw new PlanForbiddenError('This needs a named user')
  return actor.id
}

/**
 * The versioned-record kernel every plan command writes through: each write stores the row before and after in the
 * plan history and one audit event, in the caller's transaction; an update is refused when someone saved first.
 */
export class VersionedRecords {
  constructor(
    private readonly store: Store,
    readonly now: () => Date,
  ) {}

  get db() {
    return this.store.db
  }

  today() {
    return this.now().toISOString().slice(0, 10)
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>) {
    return this.store.db.transaction(fn)
  }

  find(db: DbOrTx, type: SubjectType, id: number, lock = false) {
    return findRow(db, type, id, lock)
  }

  async log(
    tx: Tx,
    type: SubjectType,
    scope: RecordScope,
    action: string,
    before: Row | null,
    after: Row,
    actor: PlanActor,
    /** Facts for the audit event only, beyond the row (for example which plan a report was added to). */
    auditExtra: Record<string, unknown> = {},
  ) {
    const b = plain(before)
    const a = plain(after)
    await insertHistory(tx, {
      ...scope,
      at: this.now(),
      subjectType: type,
      subjectId: after.id,
      version: after.version,
      action,
      actorId: actor.id,
      actorName: actor.name,
      before: b,
      after: a,
    })
    await recordAudit(tx, {
      actor,
      action: `plan.${type}.${action}`,
      subjectType: type,
      subjectId: after.id,
      laCode: scope.laCode,
      before: b,
      after: { ...a, ...auditExtra },
    })
  }

  async scope(db: DbOrTx, type: SubjectType, id: number) {
    const s = await scopeOf(db, type, id)
    if (!s) throw new PlanNotFoundError(SUBJECT_LABELS[type], id)
    return s
  }

  /** The record's scope after checking the actor may touch it and it is not archived. */
  async scopeFor(db: DbOrTx, type: SubjectType, id: number, actor: PlanActor) {
    const sc = await this.scope(db, type, id)
    assertScope(actor, sc.laCode)
    const row = await findRow(db, type, id)
    if (row?.archivedAt) throw InputError.field('form', `This ${SUBJECT_LABELS[type]} has been archived`)
    return sc
  }

  /** Inserts a record as version 1 and writes its history. */
  async create(
    tx: Tx,
    type: SubjectType,
    values: Record<string, unknown>,
    sc: RecordScope,
    actor: PlanActor,
    action = 'create',
  ) {
    const row = await insertRow(tx, type, values)
    await this.log(tx, type, sc, action, null, row, actor)
    return row
  }

  /** The refusal for a stale version: who changed the record since, and what. */
  async conflict(db: DbOrTx, type: SubjectType, current: Row, yourVersion: number) {
    const history = await historyOf(db, type, current.id)
    const seen = history.find((h) => h.version === yourVersion)?.after as Record<string, unknown> | undefined
    const later = history.filter((h) => h.version > yourVersion)
    const latest = later.at(-1)
    return new PlanConflictError(
      SUBJECT_LABELS[type],
      current.id,
      yourVersion,
      current.version,
      plain(current)!,
      readableDiff(seen ?? {}, plain(current)),
      [...new Set(later.map((h) => h.actorName))],
      latest ? latest.at.toISOString() : null,
    )
  }

  /**
   * Saves a change if the record is still at `version` (optimistic concurrency). A stale version is refused with the
   * other person's change; nothing is written.
   */
  async update(
    tx: Tx,
    type: SubjectType,
    id: number,
    version: number,
    patch: Record<string, unknown>,
    actor: PlanActor,
    action = 'update',
  ) {
    const sc = await this.scope(tx, type, id)
    assertScope(actor, sc.laCode)
    const current = await findRow(tx, type, id, true)
    if (!current) throw new PlanNotFoundError(SUBJECT_LABELS[type], id)
    if (current.archivedAt && action !== 'restore')
      throw InputError.field('form', `This ${SUBJECT_LABELS[type]} has been archived`)
    if (current.version !== version) throw await this.conflict(tx, type, current, version)
    const row = await updateRowIfVersion(tx, type, id, version, patch)
    if (!row) throw await this.conflict(tx, type, (await findRow(tx, type, id))!, version)
    await this.log(tx, type, sc, action, current, row, actor)
    return row
  }

  /** Every version of a record with a readable diff from the one before. */
  async history(type: SubjectType, id: number, actor: PlanActor) {
    const sc = await this.scope(this.store.db, type, id)
    assertScope(actor, sc.laCode)
    return (await historyOf(this.store.db, type, id)).map((h) => ({
      version: h.version,
      action: h.action,
      actorName: h.actorName,
      at: h.at.toISOString(),
      changes: readableDiff(h.before as Record<string, unknown> | null, h.after as Record<string, unknown> | null),
    }))
  }
}

/** The kernel over a store, with the clock its history is written by. */
export function versionedRecords(store: Store, now: () => Date) {
  return new VersionedRecords(store, now)
}
