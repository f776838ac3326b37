import { planInputsAsAt, planStamp } from '../../data/repositories/planInputsRepository.ts'
import type { DbOrTx } from '../../data/store.ts'
import { buildPlanModel, type PlanModel } from '../../engine/plans/planModel.ts'
import type { RagConfig } from '../../engine/plans/rag.ts'
import { BoundedCache } from '../boundedCache.ts'
import { PlanNotFoundError } from '../planErrors.ts'

/** How many (plan, date) models are kept: the plans being worked on today, each as at today and a few other dates. */
export const PLAN_MODELS_KEPT = 48

/** A plan's read model and the version it was built at (`version` names the plan, its stamp and the date). */
export interface PlanView {
  model: Readonly<PlanModel>
  version: string
}

/** Freezes a model all the way down: it is shared by every request until the plan changes, so no page may edit it. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

/**
 * Plan read models built once per plan version: a request asks one cheap query whether anything the model is built from
 * has moved (planStamp) and rebuilds it (about ten queries and the RAG rules) only then. Requests arriving while a model
 * is built wait for that one build. Models are kept per (plan, as-at date), the least recently used going first.
 *
 * A request may also give the store's change count its session lookup read (`change`, migration 0053: every table
 * planStamp reads bumps it in the same transaction as the write). A model checked against its stamp at that count, by
 * this request or an earlier one, is still current, since nothing the stamp covers can have been written without
 * moving the count: it is returned without asking. When the count has moved, the stamp is asked as before, so a model is
 * never trusted on the count alone.
 */
export function planModelCache(db: DbOrTx, cfg: RagConfig) {
  const held = new BoundedCache<string, Kept>('plans.models', PLAN_MODELS_KEPT)

  async function build(planId: number, asAt: string, stamp: string): Promise<PlanView> {
    const inputs = await planInputsAsAt(db, planId, asAt)
    if (!inputs) throw new PlanNotFoundError(`plan on ${asAt}`, planId)
    return { model: deepFreeze(buildPlanModel(inputs, asAt, cfg)), version: `${planId}:${stamp}:${asAt}` }
  }

  return {
    /**
     * The plan as at `asAt`; `checkScope` is given the plan's LA before anything else of the plan is read. `change`: the
     * store's change count as read at the start of the request (before anything else it reads), if the caller has it.
     */
    async view(planId: number, asAt: string, checkScope: (laCode: string) => void, change?: string): Promise<PlanView> {
      const key = `${planId}|${asAt}`
      const kept = held.get(key)
      if (change !== undefined && kept?.checkedAt === change) {
        checkScope(kept.laCode)
        return kept.view
      }
      const at = await planStamp(db, planId)
      if (!at) throw new PlanNotFoundError('plan', planId)
      checkScope(at.laCode)
      if (kept?.stamp === at.stamp) {
        // Read after `change` was: current at that count.
        if (change !== undefined) kept.checkedAt = change
        return kept.view
      }
      const view = build(planId, asAt, at.stamp)
      held.set(key, { stamp: at.stamp, laCode: at.laCode, view, checkedAt: change })
      // A failed build is not kept: the next request tries again.
      view.catch(() => {
        if (held.get(key)?.view === view) held.delete(key)
      })
      return view
    },
  }
}

/** A kept model: the stamp it was built at, and the change count at which that stamp was last found current. */
interface Kept {
  stamp: string
  laCode: string
  view: Promise<PlanView>
  checkedAt: string | undefined
}
