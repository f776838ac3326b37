import { z } from 'zod'
import { itemIdsOfPlan } from '../../data/repositories/planLinkRepository.ts'
import { dateInput, oneOf, requiredText } from '../../engine/forms/fields.ts'
import { COMMITMENT_MEASURES } from '../../engine/plans/completeness.ts'
import { optionalRecordId, recordId } from '../../engine/plans/planFields.ts'
import { InputError, defineCommand } from '../commands/command.ts'
import type { On, PlanDeps } from './deps.ts'
import type { PlanActor } from './versionedRecords.ts'

export const COMMITMENT_MESSAGES = {
  title: 'Enter what has been committed to',
  measure: 'Select how the commitment is measured',
  item: 'Select a recommendation from this plan',
  metOn: 'Enter the date the commitment was met',
  notManual: 'This commitment is measured from the plan itself, so it cannot be recorded by hand',
}

/** A commitment with a due date, set by those overseeing the plan (commissioner, DfE) or the system. */
export const addCommitmentCommand = defineCommand({
  name: 'plan.commitment.add',
  permission: 'plan:review',
  schema: z
    .object({
      title: requiredText({ label: 'the commitment', missing: COMMITMENT_MESSAGES.title, max: 500 }),
      measure: oneOf(COMMITMENT_MEASURES, COMMITMENT_MESSAGES.measure),
      dueDate: dateInput({ label: 'the due date' }),
      itemId: optionalRecordId(COMMITMENT_MESSAGES.item),
    })
    .strict(),
  run({ records, on }: On<{ planId: number }>, input, actor: PlanActor) {
    return records.transaction(async (tx) => {
      const sc = await records.scopeFor(tx, 'plan', on.planId, actor)
      if (input.itemId && !(await itemIdsOfPlan(tx, on.planId)).includes(input.itemId))
        throw InputError.field('itemId', COMMITMENT_MESSAGES.item)
      const values = { ...input, planId: on.planId, createdBy: actor.id }
      return records.create(tx, 'commitment', values, sc, actor)
    })
  },
})

/** Records the day a commitment measured by hand ("Met when someone records it") was met. */
export const meetCommitmentCommand = defineCommand({
  name: 'plan.commitment.met',
  permission: 'plan:review',
  schema: z
    .object({
      commitmentId: recordId(),
      version: recordId(),
      metOn: dateInput({ label: 'the date the commitment was met', missing: COMMITMENT_MESSAGES.metOn }),
    })
    .strict(),
  run({ records }: PlanDeps, input, actor: PlanActor) {
    return records.transaction(async (tx) => {
      const current = await records.find(tx, 'commitment', input.commitmentId)
      if (current && current.measure !== 'manual') throw InputError.field('metOn', COMMITMENT_MESSAGES.notManual)
      return records.update(tx, 'commitment', input.commitmentId, input.version, { metOn: input.metOn }, actor)
    })
  },
})
