import { planInputsAsAt } from '../../data/repositories/planInputsRepository.ts'
import type { Tx } from '../../data/store.ts'
import { buildPlanModel } from '../../engine/plans/planModel.ts'
import { signOffGaps, signOffRefusal } from '../../engine/plans/signOff.ts'
import { InputError } from '../commands/command.ts'
import { PlanForbiddenError, PlanNotFoundError } from '../planErrors.ts'
import type { PlanActor, VersionedRecords } from './versionedRecords.ts'

/**
 * Refuses a submission or an acceptance while the plan is incomplete as at today (the command's clock): a
 * recommendation without an agreed analysis, or a commitment overdue and not met. The message names each one.
 */
export async function assertComplete(
  records: VersionedRecords,
  tx: Tx,
  planId: number,
  verb: 'submitted' | 'accepted',
  field: string,
) {
  const asAt = records.today()
  const inputs = await planInputsAsAt(tx, planId, asAt)
  if (!inputs) throw new PlanNotFoundError('plan', planId)
  const model = buildPlanModel(inputs, asAt)
  const gaps = signOffGaps(model)
  if (gaps.length) throw InputError.field(field, signOffRefusal(model, gaps, verb))
}

/** Only a reviewer of the oversight or national role accepts a plan (the system, with no role, replays the demo). */
export function assertReviewer(actor: PlanActor) {
  if (actor.role && actor.role !== 'oversight' && actor.role !== 'national')
    throw new PlanForbiddenError('Only a commissioner, an expert panel member or a national reviewer can accept a plan')
}
