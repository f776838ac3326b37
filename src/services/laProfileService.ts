import type { Store } from '../data/store.ts'
import { GRADES } from '../engine/grades.ts'
import { inspectionHistoryOf, latestGrades, overviewOf, profileOf, trendsOf } from './register/laViews.ts'
import { KEY_MEASURES, registerLoader } from './register/registerSnapshot.ts'
import { laRecord } from './register/laRecord.ts'

export { KEY_MEASURES, type KeyMeasure } from './register/registerSnapshot.ts'
export type { Cell, InspectionView } from './register/laViews.ts'

/** Each LA's profile and trends, made once per data version (the LA page and its CSV ask for them on every view). */
function perLaMemo() {
  let held:
    { version: string; profiles: Map<string, ReturnType<typeof profileOf>>; trends: Map<string, Trends> } | undefined
  return (version: string) => {
    if (held?.version !== version) held = { version, profiles: new Map(), trends: new Map() }
    return held
  }
}

/**
 * Read models for the national overview and the LA page, over the register tables (migration 0002_register), from a
 * snapshot read once per data version (register/registerSnapshot.ts): the register changes only when a dataset is
 * loaded, so a page asks the store nothing about it once the snapshot is held.
 */
export function laProfileService(store: Store) {
  const register = registerLoader(store)
  // The overview's rows for the data version and day (years since the last inadequate grade move with the date).
  let overviewCache: { key: string; value: ReturnType<typeof overviewOf> } | undefined
  const heldFor = perLaMemo()
  const service = {
    /** Each LA's overall grade as it stood on a date (a historic ranking shows historic grades). */
    gradesAsAt: async (date: string) => latestGrades(await register(), date),

    async overview(filters: { region?: string; grade?: string } = {}, now = new Date()) {
      const s = await register()
      const key = `${s.version}|${now.toISOString().slice(0, 10)}`
      if (overviewCache?.key !== key) overviewCache = { key, value: overviewOf(s, now) }
      const { year, all, england, regions } = overviewCache.value
      const filtered = all.filter(
        (l) => (!filters.region || l.region === filters.region) && (!filters.grade || l.latestGrade === filters.grade),
      )
      // `version`: what the rows depend on (the data version and the day), for caches of what is made from them.
      return {
        version: key,
        year,
        total: all.length,
        las: filtered,
        england,
        regions,
        grades: GRADES,
        measures: KEY_MEASURES,
      }
    },

    /** The register's data version the views below are made from (what caches of pages made from them key on). */
    version: async () => (await register()).version,

    /** The LA's identity, latest grade, neighbours and inspections (shared: not to be changed by the caller). */
    async profile(laCode: string) {
      const s = await register()
      const { profiles } = heldFor(s.version)
      if (!profiles.has(laCode)) profiles.set(laCode, profileOf(s, laCode))
      return profiles.get(laCode)
    },

    /**
     * The LA's dated inspections as the intervention criteria read them (framework, date, overall grade, judgements),
     * from memory: the interventions dashboard asks this for every LA.
     */
    async inspectionHistory(laCode: string) {
      return inspectionHistoryOf(await register(), laCode)
    },

    /** The LA's 3-digit code for an old 3-digit or ONS code, or undefined. */
    async resolve(code: string): Promise<string | undefined> {
      const s = await register()
      const c = code.trim()
      return (s.byCode.get(c) ?? s.byOns.get(c.toUpperCase()))?.la_code
    },

    /**
     * Everything the register holds on one LA (`sightline la show CODE --json`): identity, neighbours in both models,
     * every inspection with its judgements, every published statistic by year, and key rates beside neighbours.
     */
    async record(code: string) {
      const laCode = await service.resolve(code)
      if (!laCode) return undefined
      return laRecord(store, (await service.profile(laCode))!, await service.trends(laCode, '2021'))
    },

    /**
     * Key rates by year for the LA, England and the mean of its statistical neighbours (suppressed neighbours dropped,
     * n reported), for charts, tables and CSV.
     */
    async trends(laCode: string, model: string): Promise<Trends> {
      const s = await register()
      const { trends } = heldFor(s.version)
      let t = trends.get(`${laCode}|${model}`)
      if (!t) trends.set(`${laCode}|${model}`, (t = trendsOf(s, laCode, model)))
      return t
    },
  }
  return service
}

type Trends = ReturnType<typeof trendsOf>
export type LaRecord = NonNullable<Awaited<ReturnType<LaProfileService['record']>>>
export type LaProfileService = ReturnType<typeof laProfileService>
export type OverviewRow = Awaited<ReturnType<LaProfileService['overview']>>['las'][number]
