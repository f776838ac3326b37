import type { Store } from '../data/store.ts'
import { inspectionHistory, registerVersion } from '../data/repositories/inspectionHistoryRepository.ts'
import { assess, type UnworkedSignal } from '../engine/intervention/assess.ts'
import type { RegisterEvent, RoleHolder } from '../engine/intervention/events.ts'
import { DEFAULT_THRESHOLDS, type Thresholds } from '../engine/intervention/thresholds.ts'
import type { RiskService } from './riskService.ts'
import { laProfileService, type LaProfileService } from './laProfileService.ts'
import { dataVersion } from './register/dataVersion.ts'

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

interface UnworkedCounts {
  asAt: string
  snapshotId: number
  children: number
  byReason: Array<{ label: string; children: number }>
}

/** The counts the decision support cites, and nothing else the casework read returned; null when there are none. */
async function unworkedSignal(read: InterventionOptions['unworked'], laCode: string): Promise<UnworkedSignal | null> {
  const c = read ? await read(laCode) : undefined
  if (!c) return null
  return {
    asAt: c.asAt,
    snapshotId: c.snapshotId,
    children: c.children,
    byReason: c.byReason.map((r) => ({ label: r.label, children: r.children })),
  }
}

type Facts = { events: RegisterEvent[]; people: RoleHolder[] }
type Register = (la: string) => Promise<Facts>
const NO_FACTS: Facts = { events: [], people: [] }

export interface InterventionOptions {
  /** One LA's register facts. */
  register?: Register
  /** Every LA's register facts at once (the dashboard): one events query and one people query. */
  registerForAll?: () => Promise<Map<string, Facts>>
  /**
   * The LA's current casework snapshot's unworked-demand counts (counts only, never a child id), or undefined when it
   * has none. Recommendations do not turn on it, so the dashboard's remembered assessments may lag a new upload.
   */
  unworked?: (laCode: string) => Promise<UnworkedCounts | undefined>
  /** The register snapshot (codes, names, inspection histories) shared with the pages; made here when not given. */
  laProfiles?: LaProfileService
}

/**
 * Decision support across all councils: the register's inspection history (and recorded events, when the
 * interventions register has them) in, a recommended rung with its rationale out. The LA and its inspections come from
 * the register snapshot held per data version (no query); the dashboard's assessments are remembered per data
 * version, register version and date, so a dashboard request makes the same few queries whatever the number of LAs.
 */
export function interventionService(store: Store, risk: RiskService, options: InterventionOptions = {}) {
  const laProfiles = options.laProfiles ?? laProfileService(store)
  let cacheVersion = ''
  const cache = new Map<string, ReturnType<typeof assessOne>>()

  async function assessOne(
    input: { la: string; asAt: string; thresholds?: Thresholds },
    factsOf: (laCode: string) => Promise<Facts> = options.register ?? (async () => NO_FACTS),
  ) {
    const laCode = await laProfiles.resolve(input.la)
    if (!laCode) throw new InterventionInputError('la', `There is no local authority with the code ${input.la}`)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.asAt) || Number.isNaN(Date.parse(input.asAt)))
      throw new InterventionInputError(
        'asAt',
        `The date must be written YYYY-MM-DD, like 2014-05-23, not ${input.asAt}`,
      )
    const [{ events, people }, inspections, riskGap, name, unworkedDemand] = await Promise.all([
      factsOf(laCode),
      laProfiles.inspectionHistory(laCode),
      riskGapOn(risk, laCode, input.asAt),
      laProfiles.profile(laCode).then((p) => p!.la.name),
      unworkedSignal(options.unworked, laCode),
    ])
    const assessment = assess(
      { la: laCode, asAt: input.asAt, inspections, events, people, riskGap, unworkedDemand },
      input.thresholds ?? DEFAULT_THRESHOLDS,
    )
    return { name, ...assessment }
  }

  /** The version the day's assessments hang on, read once per call; a new version drops the old ones. */
  async function currentVersion() {
    const [d, r] = await Promise.all([dataVersion(store), registerVersion(store)])
    const version = `${d}|${r}`
    if (version !== cacheVersion) {
      cache.clear()
      cacheVersion = version
    }
    return version
  }

  function remembered(key: string, make: () => ReturnType<typeof assessOne>) {
    if (!cache.has(key)) {
      const pending = make()
      cache.set(key, pending)
      pending.catch(() => cache.delete(key)) // a refusal is not remembered
    }
    return cache.get(key)!
  }

  return {
    thresholds: DEFAULT_THRESHOLDS,
    /** The LA's inspection history as the criteria read it, straight from the store. */
    history: (laCode: string) => inspectionHistory(store, laCode),
    assess: (input: { la: string; asAt: string; thresholds?: Thresholds }) => assessOne(input),
    /** As assess, remembered for the data version, register version and day. */
    async assessCached(input: { la: string; asAt: string }) {
      const version = await currentVersion()
      return remembered(`${input.la}|${input.asAt}|${version}`, () => assessOne(input))
    },
    /**
     * Every listed LA's assessment on a date (the national dashboard): the versions read once, the register's facts
     * for all LAs read once (two queries) when any assessment is not yet remembered.
     */
    async assessAllCached(input: { las: string[]; asAt: string }) {
      const version = await currentVersion()
      let all: Promise<Map<string, Facts>> | undefined
      const factsOf = options.registerForAll
        ? async (laCode: string) => (await (all ??= options.registerForAll!())).get(laCode) ?? NO_FACTS
        : undefined
      const result = new Map<string, Awaited<ReturnType<typeof assessOne>>>()
      for (const la of input.las)
        result.set(
          la,
          await remembered(`${la}|${input.asAt}|${version}`, () => assessOne({ la, asAt: input.asAt }, factsOf)),
        )
      return result
    },
  }
}

export type InterventionService = ReturnType<typeof interventionService>
