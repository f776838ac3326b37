import type { Store } from '../data/store.ts'
import { assess } from '../engine/intervention/assess.ts'
import type { RegisterEvent, RoleHolder } from '../engine/intervention/events.ts'
import { DEFAULT_THRESHOLDS, type Thresholds } from '../engine/intervention/thresholds.ts'
import type { Grade } from '../engine/grades.ts'
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

/**
 * Decision support across all councils: the register's inspection history (and recorded events, when the
 * interventions register has them) in, a recommended rung with its rationale out.
 */
export function interventionService(
  store: Store,
  risk: RiskService,
  options: { register?: (la: string) => Promise<{ events: RegisterEvent[]; people: RoleHolder[] }> } = {},
) {
  async function history(laCode: string) {
    const rows = await store.query<{ id: number; framework: string; d: string; overall_grade: Grade | null }>(
      `SELECT id, framework, coalesce(published, end_date, start_date)::text AS d, overall_grade FROM inspection WHERE la_code = $1`,
      [laCode],
    )
    const judgements = await store.query<{ inspection_id: number; area: string; grade: Grade }>(
      `SELECT j.inspection_id, j.area, j.grade FROM inspection_judgement j JOIN inspection i ON i.id = j.inspection_id WHERE i.la_code = $1`,
      [laCode],
    )
    return rows
      .filter((r) => r.d)
      .map((r) => ({
        framework: r.framework,
        date: r.d,
        overallGrade: r.overall_grade,
        judgements: judgements.filter((j) => j.inspection_id === r.id).map((j) => ({ area: j.area, grade: j.grade })),
      }))
  }

  const cache = new Map<string, Awaited<ReturnType<typeof assessOne>>>()

  async function assessOne(input: { la: string; asAt: string; thresholds?: Thresholds }) {
    return service.assess(input)
  }

  const service = {
    thresholds: DEFAULT_THRESHOLDS,

    /** The LA's inspection history as the criteria read it. */
    history,

    /** As assess, remembered for the day (the national dashboard assesses every LA). */
    async assessCached(input: { la: string; asAt: string }) {
      const [v] = await store.query<{ v: string }>(
        `SELECT coalesce(max(loaded_at)::text, '') || count(*) AS v FROM dataset`,
      )
      const [e] = await store.query<{ v: string }>(
        `SELECT coalesce(max(created_at)::text, '') || count(*) AS v FROM intervention_event`,
      )
      const key = `${input.la}|${input.asAt}|${v.v}|${e.v}`
      if (!cache.has(key)) cache.set(key, await assessOne(input))
      return cache.get(key)!
    },

    async assess(input: { la: string; asAt: string; thresholds?: Thresholds }) {
      const [la] = await store.query<{ la_code: string; name: string }>(
        'SELECT la_code, name FROM local_authority WHERE la_code = $1 OR upper(ons_code) = upper($1)',
        [input.la.trim()],
      )
      if (!la) throw new InterventionInputError('la', `There is no local authority with the code ${input.la}`)
      if (!/^\d{4}-\d{2}-\d{2}$/.test(input.asAt) || Number.isNaN(Date.parse(input.asAt)))
        throw new InterventionInputError(
          'asAt',
          `The date must be written YYYY-MM-DD, like 2014-05-23, not ${input.asAt}`,
        )
      const year = latestPublishedYear(input.asAt)
      let riskGap: { measure: string; year: number; gapPer10k: number; lowerPer10k: number } | null = null
      try {
        const estimate = await risk.estimate({ la: la.la_code, year, comparator: 'sn-mean' })
        const cpp = estimate.measures.find((m) => m.measure === 'cpp_at_31_march')
        if (cpp?.gapPer10k !== null && cpp?.gapPer10k !== undefined && cpp.interval && cpp.population)
          riskGap = {
            measure: cpp.measure,
            year,
            gapPer10k: cpp.gapPer10k,
            lowerPer10k: (cpp.interval[0] / cpp.population) * 10_000,
          }
      } catch {
        riskGap = null // no published statistics for that year (before 2013): the signal is simply absent
      }
      const { events, people } = options.register ? await options.register(la.la_code) : { events: [], people: [] }
      return {
        name: la.name,
        ...assess(
          {
            la: la.la_code,
            asAt: input.asAt,
            inspections: await history(la.la_code),
            events,
            people,
            riskGap,
            unworkedDemand: null,
          },
          input.thresholds ?? DEFAULT_THRESHOLDS,
        ),
      }
    },
  }
  return service
}

export type InterventionService = ReturnType<typeof interventionService>
