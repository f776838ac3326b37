import { z } from 'zod'
import type { Tx } from '../../data/store.ts'
import { dateInput, requiredText } from '../../engine/forms/fields.ts'
import { recordId } from '../../engine/plans/planFields.ts'
import { defineCommand } from '../commands/command.ts'
import type { On, PlanDeps } from './deps.ts'
import type { PlanActor, RecordScope } from './versionedRecords.ts'

export const MILESTONE_MESSAGES = {
  objective: 'Enter what this recommendation’s actions should achieve',
  milestone: 'Enter the milestone',
  metOn: 'Enter the date the milestone was met',
}

/** Adds a milestone to an action, in the caller's transaction. */
export function addMilestoneTo(
  records: PlanDeps['records'],
  tx: Tx,
  sc: RecordScope,
  actionId: number,
  m: { title: string; dueDate: string },
  actor: PlanActor,
) {
  return records.create(tx, 'milestone', { actionId, title: m.title, dueDate: m.dueDate }, sc, actor)
}

/** Objectives: what the actions for one recommendation are meant to achieve. */
export const addObjectiveCommand = defineCommand({
  name: 'plan.objective.add',
  permission: 'plan:edit',
  schema: z
    .object({ objective: requiredText({ label: 'the objective', missing: MILESTONE_MESSAGES.objective, max: 2000 }) })
    .strict(),
  run({ records, on }: On<{ itemId: number }>, input, actor: PlanActor) {
    return records.transaction(async (tx) => {
      const sc = await records.scopeFor(tx, 'item', on.itemId, actor)
      return records.create(tx, 'objective', { itemId: on.itemId, text: input.objective }, sc, actor)
    })
  },
})

/** A dated milestone on an action: delivery RAG turns amber when one is missed. */
export const addMilestoneCommand = defineCommand({
  name: 'plan.milestone.add',
  permission: 'plan:edit',
  schema: z
    .object({
      milestoneTitle: requiredText({ label: 'the milestone', missing: MILESTONE_MESSAGES.milestone, max: 300 }),
      milestoneDate: dateInput({ label: 'the date of the milestone' }),
    })
    .strict(),
  run({ records, on }: On<{ actionId: number }>, input, actor: PlanActor) {
    return records.transaction(async (tx) => {
      const sc = await records.scopeFor(tx, 'action', on.actionId, actor)
      const m = { title: input.milestoneTitle, dueDate: input.milestoneDate }
      return addMilestoneTo(records, tx, sc, on.actionId, m, actor)
    })
  },
})

/** Records the day a milestone was met. */
export const completeMilestoneCommand = defineCommand({
  name: 'plan.milestone.complete',
  permission: 'plan:edit',
  schema: z
    .object({
      milestoneId: recordId(),
      version: recordId(),
      metOn: dateInput({ label: 'the date the milestone was met', missing: MILESTONE_MESSAGES.metOn }),
    })
    .strict(),
  run({ records }: PlanDeps, input, actor: PlanActor) {
    return records.transaction((tx) =>
      records.update(
        tx,
        'milestone',
        input.milestoneId,
        input.version,
        { completedOn: input.metOn },
        actor,
        'complete',
      ),
    )
  },
})
