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
 * Plan read models built once per plan version: each request asks one cheap query whether anything the model is built
 * from has moved (planStamp) and rebuilds it (about ten queries and the RAG rules) only then. Requests arriving while a
 * model is built wait for that one build. Models are kept per (plan, as-at date), the least recently used going first.
 */
export function planModelCache(db: DbOrTx, cfg: RagConfig) {
  const held = new BoundedCache<string, { stamp: string; view: Promise<PlanView> }>('plans.models', PLAN_MODELS_KEPT)

  async function build(planId: number, asAt: string, stamp: string): Promise<PlanView> {
    const inputs = await planInputsAsAt(db, planId, asAt)
    if (!inputs) throw new PlanNotFoundError(`plan on ${asAt}`, planId)
    return { model: deepFreeze(buildPlanModel(inputs, asAt, cfg)), version: `${planId}:${stamp}:${asAt}` }
  }

  return {
    /** The plan as at `asAt`; `checkScope` is given the plan's LA before anything else of the plan is read. */
    async view(planId: number, asAt: string, checkScope: (laCode: string) => void): Promise<PlanView> {
      const at = await planStamp(db, planId)
      if (!at) throw new PlanNotFoundError('plan', planId)
      checkScope(at.laCode)
      const key = `${planId}|${asAt}`
      const kept = held.get(key)
      if (kept?.stamp === at.stamp) return kept.view
      const view = build(planId, asAt, at.stamp)
      held.set(key, { stamp: at.stamp, view })
      // A failed build is not kept: the next request tries again.
      view.catch(() => {
        if (held.get(key)?.view === view) held.delete(key)
      })
      return view
    },
  }
}
