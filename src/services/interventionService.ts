import type { Store } from '../data/store.ts'
import {
  assessmentInputsVersion,
  inspectionHistory,
  laByCode,
} from '../data/repositories/inspectionHistoryRepository.ts'
import { assess } from '../engine/intervention/assess.ts'
import type { RegisterEvent, RoleHolder } from '../engine/intervention/events.ts'
import { DEFAULT_THRESHOLDS, type Thresholds } from '../engine/intervention/thresholds.ts'
import type { RiskService } from './riskService.ts'

export class InterventionInputError extends Error {
  constructor(
    public field: 'la' | 'asAt',
    message: string,
  ) {
    super(message)
  }
}

/** CIN census figures for the year ending 31 March Y are published in the autumn: treat them as known from 1 November. */
function latestPublishedYear(asAt: string) {
  const y = Number(asAt.slice(0, 4))
  return asAt.slice(5) >= '11-01' ? y : y - 1
}

/** The unidentified-risk gap in child protection plans for the latest year published on the date, or null. */
async function riskGapOn(risk: RiskService, laCode: string, asAt: string) {
  const year = latestPublishedYear(asAt)
  try {
    const estimate = await risk.estimate({ la: laCode, year, comparator: 'sn-mean' })
    const cpp = estimate.measures.find((m) => m.measure === 'cpp_at_31_march')
    if (cpp?.gapPer10k === null || cpp?.gapPer10k === undefined || !cpp.interval || !cpp.population) return null
    return {
      measure: cpp.measure,
      year,
      gapPer10k: cpp.gapPer10k,
      lowerPer10k: (cpp.interval[0] / cpp.population) * 10_000,
    }
  } catch {
    return null // no published statistics for that year (before 2013): the signal is simply absent
  }
}

type Register = (la: string) => Promise<{ events: RegisterEvent[]; people: RoleHolder[] }>

/**
 * Decision support across all councils: the register's inspection history (and recorded events, when the
 * interventions register has them) in, a recommended rung with its rationale out.
 */
export function interventionService(store: Store, risk: RiskService, options: { register?: Register } = {}) {
  const cache = new Map<string, ReturnType<typeof assessOne>>()

  async function assessOne(input: { la: string; asAt: string; thresholds?: Thresholds }) {
    const la = await laByCode(store, input.la)
    if (!la) throw new InterventionInputError('la', `There is no local authority with the code ${input.la}`)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.asAt) || Number.isNaN(Date.parse(input.asAt)))
      throw new InterventionInputError(
        'asAt',
        `The date must be written YYYY-MM-DD, like 2014-05-23, not ${input.asAt}`,
      )
    const { events, people } = options.register ? await options.register(la.la_code) : { events: [], people: [] }
    const inspections = await inspectionHistory(store, la.la_code)
    const riskGap = await riskGapOn(risk, la.la_code, input.asAt)
    const assessment = assess(
      { la: la.la_code, asAt: input.asAt, inspections, events, people, riskGap, unworkedDemand: null },
      input.thresholds ?? DEFAULT_THRESHOLDS,
    )
    return { name: la.name, ...assessment }
  }

  return {
    thresholds: DEFAULT_THRESHOLDS,
    /** The LA's inspection history as the criteria read it. */
    history: (laCode: string) => inspectionHistory(store, laCode),
    assess: assessOne,
    /** As assess, remembered for the day (the national dashboard assesses every LA). */
    async assessCached(input: { la: string; asAt: string }) {
      const key = `${input.la}|${input.asAt}|${await assessmentInputsVersion(store)}`
      if (!cache.has(key)) {
        const pending = assessOne(input)
        cache.set(key, pending)
        pending.catch(() => cache.delete(key)) // a refusal is not remembered
      }
      return cache.get(key)!
    },
  }
}

export type InterventionService = ReturnType<typeof interventionService>
