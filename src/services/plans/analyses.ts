import { z } from 'zod'
import { optionalDateInput, requiredText } from '../../engine/forms/fields.ts'
import { recordId } from '../../engine/plans/planFields.ts'
import { InputError, defineCommand } from '../commands/command.ts'
import type { On, PlanDeps } from './deps.ts'
import { requireUser, type PlanActor } from './versionedRecords.ts'

export const ANALYSIS_MESSAGES = {
  text: 'Enter the issues underlying this recommendation',
  agreedCannotChange: 'An agreed analysis cannot be changed: write a new one',
}

const text = requiredText({ label: 'the underlying issues', missing: ANALYSIS_MESSAGES.text, max: 20_000 })

/** Writes the issues underlying a recommendation, as a draft. */
export const addAnalysisCommand = defineCommand({
  name: 'plan.analysis.add',
  permission: 'plan:edit',
  schema: z.object({ text, writtenOn: optionalDateInput({ label: 'the date written' }) }).strict(),
  run({ records, on }: On<{ itemId: number }>, input, actor: PlanActor) {
    return records.transaction(async (tx) => {
      const sc = await records.scopeFor(tx, 'item', on.itemId, actor)
      const values = {
        itemId: on.itemId,
        text: input.text,
        authorId: requireUser(actor),
        writtenOn: input.writtenOn ?? records.today(),
      }
      return records.create(tx, 'analysis', values, sc, actor)
    })
  },
})

/** Rewrites a draft analysis; an agreed one stays as agreed. */
export const updateAnalysisCommand = defineCommand({
  name: 'plan.analysis.update',
  permission: 'plan:edit',
  schema: z.object({ analysisId: recordId(), version: recordId(), text }).strict(),
  run({ records }: PlanDeps, input, actor: PlanActor) {
    return records.transaction(async (tx) => {
      const current = await records.find(tx, 'analysis', input.analysisId)
      if (current?.status === 'agreed') throw InputError.field('text', ANALYSIS_MESSAGES.agreedCannotChange)
      return records.update(tx, 'analysis', input.analysisId, input.version, { text: input.text }, actor)
    })
  },
})

/** Marks an analysis agreed; from then the item counts as explained. */
export const agreeAnalysisCommand = defineCommand({
  name: 'plan.analysis.agree',
  permission: 'plan:edit',
  schema: z
    .object({ analysisId: recordId(), version: recordId(), agreedOn: optionalDateInput({ label: 'the date agreed' }) })
    .strict(),
  run({ records }: PlanDeps, input, actor: PlanActor) {
    return records.transaction(async (tx) => {
      const patch = { status: 'agreed', agreedBy: requireUser(actor), agreedOn: input.agreedOn ?? records.today() }
      return records.update(tx, 'analysis', input.analysisId, input.version, patch, actor, 'agree')
    })
  },
})
