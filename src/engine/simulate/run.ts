import type { PublicFigures } from './calibration.ts'
import { isoOf } from './days.ts'
import { annexACsvWriter, annexAXlsxWriter } from './formats/annexa.ts'
import { cinXmlWriter } from './formats/cinXml.ts'
import { dfeApiWriter } from './formats/dfeApi.ts'
import { ssdWriter } from './formats/ssd.ts'
import { ssda903Writer } from './formats/ssda903.ts'
import type { FormatWriter } from './formats/writer.ts'
import type { SimChild } from './model.ts'
import { childrenOf, planLa } from './generate.ts'
import { TextFile, type Output } from './output.ts'
import type { Profiles } from './profiles.ts'
import { Truth } from './truth.ts'

/**
 * Runs the simulator for one or more LAs into an Output: per LA every chosen format and truth.json (one LA: at the
 * top of the output; several: a directory per LA code). Pure apart from the Output it is given.
 */
export const FORMATS = {
  'annexa-xlsx': annexAXlsxWriter,
  'annexa-csv': annexACsvWriter,
  'cin-xml': cinXmlWriter,
  'ssda903-csv': ssda903Writer,
  'dfe-api-json': dfeApiWriter,
  'ssd-csv': ssdWriter,
} as const
export type FormatId = keyof typeof FORMATS
export const FORMAT_IDS = Object.keys(FORMATS) as FormatId[]

export interface SimulateOptions {
  las: string[]
  asAt: string
  years: number
  seed: string
  scale: number
  profiles: Profiles
  formats: FormatId[]
}

export interface SimulateStats {
  las: number
  children: number
  referrals: number
  cinEpisodesAt: number
  /** CIN episodes open at some time in the year (the CIN census's episodes). */
  cinEpisodesInYear: number
  records: number
  seconds: number
}

/** Event records in a child's history (contacts, episodes, assessments, enquiries, plans, reviews, visits, ...). */
export function modelRecords(c: SimChild): number {
  let n = c.contacts.length + c.allocations.length + (c.careLeaver ? 1 : 0) + (c.adoption ? 1 : 0)
  for (const e of c.episodes) {
    n += 1 + e.assessments.length + e.cinPlans.length + e.s47s.length
    for (const p of e.cpPlans) n += 1 + p.reviews.length + p.visits.length
    const care = e.care
    if (care)
      n +=
        care.episodes.length +
        care.reviews.length +
        care.visits.length +
        care.healthChecks.length +
        care.dentalChecks.length +
        care.missing.length +
        care.iroVisits.length
  }
  return n
}

export async function simulate(
  o: SimulateOptions,
  pf: PublicFigures,
  out: Output,
  progress?: (la: string, i: number) => void,
): Promise<SimulateStats> {
  const started = performance.now()
  const stats: SimulateStats = {
    las: 0,
    children: 0,
    referrals: 0,
    cinEpisodesAt: 0,
    cinEpisodesInYear: 0,
    records: 0,
    seconds: 0,
  }
  for (const [i, la] of o.las.entries()) {
    progress?.(la, i)
    await simulateLa(o, la, o.las.length > 1 ? `${la}/` : '', pf, out, stats)
  }
  stats.seconds = (performance.now() - started) / 1000
  return stats
}

async function simulateLa(
  o: SimulateOptions,
  la: string,
  dir: string,
  pf: PublicFigures,
  out: Output,
  stats: SimulateStats,
) {
  const plan = planLa(pf, {
    laCode: la,
    asAt: o.asAt,
    years: o.years,
    seed: o.seed,
    scale: o.scale,
    profiles: o.profiles,
  })
  const writers: FormatWriter[] = o.formats.map((f) => FORMATS[f](out, dir))
  for (const w of writers) await w.begin(plan)
  const truth = new Truth(plan)
  for (const child of childrenOf(plan)) {
    truth.addChild(child)
    stats.records += modelRecords(child)
    for (const w of writers) {
      const p = w.child(child)
      if (p) await p
    }
  }
  for (const w of writers) await w.end()
  const result = truth.result()
  const t = plan.targets
  const rate = (n: number) => Math.round((n / plan.population) * 100_000) / 10
  const file = new TextFile(out.text(`${dir}truth.json`))
  const body = {
    generator: 'sightline simulate',
    la: plan.laCode,
    laName: plan.laName,
    asAt: isoOf(plan.asAt),
    collectionYear: plan.collectionYear,
    seed: o.seed,
    scale: o.scale,
    years: o.years,
    failures: Object.keys(o.profiles).sort(),
    indicators: result.indicators,
    profiles: result.profiles,
    breakdowns: result.breakdowns,
    calibration: {
      population: plan.population,
      published: t.figures,
      simulated: {
        referrals: truth.counts.referrals,
        cin_at_31_march: truth.counts.cinAt,
        cpp_at_31_march: truth.counts.cpAt,
        cla_at_31_march: truth.counts.claAt,
        cpp_starts: truth.counts.cpStarts,
      },
      ratesPer10k: {
        referrals: rate(truth.counts.referrals),
        cin_at_31_march: rate(truth.counts.cinAt),
        cpp_at_31_march: rate(truth.counts.cpAt),
        cla_at_31_march: rate(truth.counts.claAt),
      },
    },
  }
  await file.write(JSON.stringify(body, null, 1) + '\n')
  await file.close()
  stats.las++
  stats.children += truth.counts.children
  stats.referrals += truth.counts.referrals
  stats.cinEpisodesAt += truth.counts.cinAt
  stats.cinEpisodesInYear += truth.counts.cinEpisodesInYear
}
