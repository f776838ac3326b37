import { z } from 'zod'
import { optionalDateInput, requiredText } from '../../engine/forms/fields.ts'
import { recordId } from '../../engine/plans/planFields.ts'
import { historyOf } from '../../data/repositories/planRepository.ts'
import type { DbOrTx } from '../../data/store.ts'
import { InputError, defineCommand } from '../commands/command.ts'
import type { On, PlanDeps } from './deps.ts'
import { requireUser, type PlanActor } from './versionedRecords.ts'

export const ANALYSIS_MESSAGES = {
  text: 'Enter the issues underlying this recommendation',
  agreedCannotChange: 'An agreed analysis cannot be changed: write a new one',
  ownAnalysis:
    'You wrote this analysis, so someone else must agree it: ask the director of children\u2019s services or the commissioner',
  alreadyAgreed: 'This analysis has already been agreed',
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

/**
 * Marks an analysis agreed; from then the item counts as explained. Duties are separate: the author cannot agree their
 * own analysis, and only a role with 'plan:agree' (a director, a commissioner, a national reviewer) may agree one.
 */
export const agreeAnalysisCommand = defineCommand({
  name: 'plan.analysis.agree',
  permission: 'plan:agree',
  schema: z
    .object({ analysisId: recordId(), version: recordId(), agreedOn: optionalDateInput({ label: 'the date agreed' }) })
    .strict(),
  run({ records }: PlanDeps, input, actor: PlanActor) {
    return records.transaction(async (tx) => {
      await records.scopeFor(tx, 'analysis', input.analysisId, actor)
      const current = await records.find(tx, 'analysis', input.analysisId, true)
      if (current?.status === 'agreed') throw InputError.field('form', ANALYSIS_MESSAGES.alreadyAgreed)
      if (current && (await writersOf(tx, input.analysisId)).has(requireUser(actor)))
        throw InputError.field('form', ANALYSIS_MESSAGES.ownAnalysis)
      const patch = { status: 'agreed', agreedBy: requireUser(actor), agreedOn: input.agreedOn ?? records.today() }
      return records.update(tx, 'analysis', input.analysisId, input.version, patch, actor, 'agree')
    })
  },
})

/** Everyone who wrote a version of the analysis's text: none of them may agree it. */
async function writersOf(db: DbOrTx, analysisId: number) {
  const history = await historyOf(db, 'analysis', analysisId)
  return new Set(
    history.filter((h) => h.action === 'create' || h.action === 'update').map((h) => h.actorId ?? undefined),
  )
}
