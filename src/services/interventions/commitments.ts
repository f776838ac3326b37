import { z } from 'zod'
import {
  commitmentForUpdate,
  insertCommitment,
  letterIsOfLa,
  markCommitmentDone,
} from '../../data/repositories/interventionCorrespondenceRepository.ts'
import { dateInput, optionalDateInput, requiredText } from '../../engine/forms/fields.ts'
import { recordId } from '../../engine/plans/planFields.ts'
import { recordAudit, type Actor } from '../auditService.ts'
import { InputError, defineCommand } from '../commands/command.ts'
import { Problems, insertAudited, type AtLa } from './deps.ts'

export const COMMITMENT_MESSAGES = {
  letter: 'Choose the letter the commitment comes from',
  otherLa: 'Choose a letter to this local authority: that letter is about another one',
  what: 'Enter what has been committed to',
  owner: 'Choose who owns this commitment',
  ownerUnknown: 'Choose an owner who is in the directory',
  dueDate: 'Enter the due date',
  reload: 'Reload the page and try again',
  missing: 'There is no such commitment for this local authority',
  stale: (status: string, version: number) =>
    `Someone else changed this commitment (now ${status}, version ${version}); reload to see their change`,
}

/** A commitment made in a letter to the LA (who owns it, by when). The letter must be one of this LA's. */
export const addCommitmentCommand = defineCommand({
  name: 'intervention.commitment.add',
  permission: 'intervention:edit',
  schema: z
    .object({
      letterId: recordId(COMMITMENT_MESSAGES.letter),
      what: requiredText({ label: 'the commitment', missing: COMMITMENT_MESSAGES.what, max: 2000 }),
      ownerPersonId: recordId(COMMITMENT_MESSAGES.owner),
      dueDate: dateInput({ label: 'the due date', missing: COMMITMENT_MESSAGES.dueDate }),
    })
    .strict(),
  async run(deps: AtLa, input, actor: Actor) {
    const db = deps.store.db
    const problems = new Problems()
    if (!(await letterIsOfLa(db, deps.laCode, input.letterId))) problems.add('letterId', COMMITMENT_MESSAGES.otherLa)
    await problems.person(db, 'ownerPersonId', input.ownerPersonId, COMMITMENT_MESSAGES.ownerUnknown)
    problems.throwIfAny()
    const values = {
      laCode: deps.laCode,
      sourceType: 'letter',
      sourceId: input.letterId,
      what: input.what,
      ownerPersonId: input.ownerPersonId,
      dueDate: input.dueDate,
    }
    return insertAudited(db, (tx) => insertCommitment(tx, values), {
      actor,
      action: 'commitment.add',
      subjectType: 'commitment',
      laCode: deps.laCode,
      after: values,
    })
  },
})

/** Marks a commitment done; refuses a stale version (someone else changed it) without losing either change. */
export const completeCommitmentCommand = defineCommand({
  name: 'intervention.commitment.complete',
  permission: 'intervention:edit',
  schema: z
    .object({
      version: recordId(COMMITMENT_MESSAGES.reload),
      doneOn: optionalDateInput({ label: 'the date it was done' }),
    })
    .strict(),
  async run(deps: AtLa<{ commitmentId: number }>, input, actor: Actor) {
    const doneOn = input.doneOn ?? new Date().toISOString().slice(0, 10)
    return deps.store.db.transaction(async (tx) => {
      const before = await commitmentForUpdate(tx, deps.commitmentId)
      if (!before || before.laCode !== deps.laCode) throw InputError.field('version', COMMITMENT_MESSAGES.missing)
      if (before.version !== input.version)
        throw InputError.field('version', COMMITMENT_MESSAGES.stale(before.status, before.version))
      await markCommitmentDone(tx, deps.commitmentId, doneOn)
      await recordAudit(tx, {
        actor,
        action: 'commitment.complete',
        subjectType: 'commitment',
        subjectId: deps.commitmentId,
        laCode: before.laCode,
        before: { status: before.status },
        after: { status: 'done', doneOn },
      })
    })
  },
})
