import { collectionYearOf, targetsFor, type PublicFigures } from './calibration.ts'
import { newChild, type Ctx } from './base.ts'
import { claChild, leaverChild } from './care.ts'
import { assessChild, closedChild, contactChild, pastChild } from './frontDoor.ts'
import type { SimChild } from './model.ts'
import { finishPlan, GROUPS, makePlan, type GroupKind, type LaPlan, type PlanOptions } from './plan.ts'
import { cinChild, cpChild, longPlanChild } from './protection.ts'
import { Random } from './random.ts'

/**
 * Generates an LA's children one at a time (a generator, so writers stream them and memory stays bounded). Each child
 * draws from its own random stream keyed by seed, LA and position, so output is the same for the same seed.
 */
const MAKERS: Record<GroupKind, { ages: [number, number]; make: (ctx: Ctx, k: number, n: number) => void }> = {
  cla: { ages: [0, 17], make: claChild },
  cp: { ages: [0, 15], make: cpChild },
  cin: { ages: [0, 17], make: cinChild },
  assess: { ages: [0, 17], make: assessChild },
  closed: { ages: [0, 17], make: closedChild },
  longPlan: { ages: [3, 17], make: longPlanChild },
  contact: { ages: [0, 17], make: contactChild },
  leaver: { ages: [18, 20], make: leaverChild },
  past: { ages: [1, 17], make: pastChild },
}

function makeOne(plan: LaPlan, kind: GroupKind, index: number, k: number, n: number): SimChild {
  const rng = new Random(`${plan.seed}:${plan.laCode}:${index}`)
  const m = MAKERS[kind]
  const child = newChild(plan, index, rng, m.ages[0], m.ages[1])
  m.make({ plan, rng, child }, k, n)
  child.episodes.sort((a, b) => a.referral - b.referral)
  child.contacts.sort((a, b) => a.date - b.date)
  return child
}

export function* childrenOf(plan: LaPlan, only?: GroupKind[]): Generator<SimChild> {
  let index = 0
  for (const kind of GROUPS) {
    const n = plan.counts[kind]
    if (!only || only.includes(kind)) for (let k = 0; k < n; k++) yield makeOne(plan, kind, index + k, k, n)
    index += n
  }
}

export interface LaOptions extends PlanOptions {
  laCode: string
}

/**
 * The LA's plan: targets from its published figures, stage children counted at the as-at date, then (a pre-pass over
 * the stage children) the referrals and plan starts they already account for in the year, so the children referred
 * and closed in the year make up the rest exactly.
 */
export function planLa(pf: PublicFigures, o: LaOptions): LaPlan {
  const targets = targetsFor(pf, o.laCode, collectionYearOf(o.asAt))
  const base = makePlan(targets, o)
  const provisional = finishPlan(base, 0, 0)
  let referrals = 0
  let cpStarts = 0
  for (const child of childrenOf(provisional, ['cla', 'cp', 'cin', 'assess'])) {
    for (const ep of child.episodes) {
      if (ep.referral > provisional.yearStart && ep.referral <= provisional.asAt) referrals++
      for (const p of ep.cpPlans) if (p.start > provisional.yearStart && p.start <= provisional.asAt) cpStarts++
    }
  }
  return finishPlan(base, referrals, cpStarts)
}
