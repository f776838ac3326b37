import type { FieldChange } from '../engine/plans/diff.ts'

export class PlanNotFoundError extends Error {
  constructor(what: string, id: number | string) {
    super(`No ${what} with id ${id}`)
  }
}

export class PlanForbiddenError extends Error {
  constructor(message = 'You do not have permission to do that') {
    super(message)
  }
}

/**
 * Someone else saved the record after you opened it. Nothing was written; `changes` shows what they changed (from the
 * version you saw to the current one) so you can merge by hand.
 */
export class PlanConflictError extends Error {
  constructor(
    public subjectType: string,
    public subjectId: number,
    public yourVersion: number,
    public currentVersion: number,
    public current: Record<string, unknown>,
    public changes: FieldChange[],
    public changedBy: string[],
    public changedAt: string | null,
  ) {
    super(
      `${changedBy.join(' and ') || 'Someone else'} changed this ${subjectType} since you opened it` +
        (changes.length ? `: ${changes.map((c) => c.text).join('; ')}` : '') +
        '. Your changes have not been saved.',
    )
  }
}
