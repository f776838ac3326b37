import { addMonthsDay, ageOn, ukOf, type Day } from '../days.ts'
import type { SimCarePeriod, SimChild } from '../model.ts'
import { csvLine, TextFile, type Output } from '../output.ts'
import type { LaPlan } from '../plan.ts'
import type { FormatWriter } from './writer.ts'
import { CURRENT_903 } from '../../returns/ssda903/tables.ts'

/**
 * SSDA903 CSVs, one per table (ssda903/<table>.csv), with the current return's tables and columns as the 903 reader
 * declares them (engine/returns/ssda903/tables.ts: one declaration for writing and recognising files).
 * Children looked after at some time in the year; SEX is 1/2 before 2025 and M/F/U from 2025. Reviews carry every
 * review of the period of care (docs/indicators.md); sw_episodes the allocations overlapping the year.
 */
const SSDA903_TABLES: Readonly<Record<string, readonly string[]>> = CURRENT_903.tables

const uk = (d: Day | null | undefined) => (d === null || d === undefined ? '' : ukOf(d))
type Rows = Record<string, Array<Array<string | number>>>

function periodRows(c: SimChild, p: SimCarePeriod, plan: LaPlan, rows: Rows) {
  const A = plan.asAt
  const dob = uk(c.dob)
  for (const e of p.episodes) {
    if (e.start > A || (e.end !== null && e.end <= plan.yearStart)) continue
    rows.episodes.push([
      c.id,
      uk(e.start),
      e.rne,
      e.legalStatus,
      p.needCode,
      e.place,
      e.provider,
      uk(e.end),
      e.end === null ? '' : (e.reasonEnded ?? ''),
      e.reasonPlaceChange ?? '',
      'B1 1AA',
      e.postcode,
      '',
    ])
  }
  for (const r of p.reviews) if (r <= A) rows.reviews.push([c.id, dob, uk(r), 'PN1'])
  if (p.uasc)
    rows.uasc.push([
      c.id,
      dob,
      plan.collectionYear >= 2025 ? c.sex : { M: 1, F: 2, U: 1 }[c.sex],
      uk(addMonthsDay(c.dob, 216)),
    ])
  if (p.start <= addMonthsDay(A, -12) && (p.end === null || p.end > A)) {
    const health = p.healthChecks.some((d) => d > addMonthsDay(A, -12) && d <= A) ? 1 : 0
    const teeth = p.dentalChecks.some((d) => d > addMonthsDay(A, -12) && d <= A) ? 1 : 0
    const old = ageOn(c.dob, A) >= 4 && ageOn(c.dob, A) <= 16
    rows.oc2.push([c.id, dob, old ? 12 : '', old ? '' : 'SDQ1', 0, health, 1, teeth, health, 0, '', ''])
  }
  for (const m of p.missing)
    if (m.start > plan.yearStart && m.start <= A) rows.missing.push([c.id, dob, m.kind, uk(m.start), uk(m.end)])
  if (p.start > plan.yearStart) rows.prev_perm.push([c.id, dob, 'Z1', '', ''])
}

export function ssda903Rows(c: SimChild, plan: LaPlan): Rows | null {
  const A = plan.asAt
  const periods = c.episodes
    .map((e) => e.care)
    .filter((p): p is SimCarePeriod => !!p && p.start <= A && (p.end === null || p.end > plan.yearStart))
  const leaver = c.careLeaver
  if (!periods.length && !leaver) return null
  const rows: Rows = Object.fromEntries(Object.keys(SSDA903_TABLES).map((t) => [t, []]))
  const dob = uk(c.dob)
  rows.header.push([
    c.id,
    plan.collectionYear >= 2025 ? c.sex : { M: 1, F: 2, U: 1 }[c.sex],
    dob,
    c.ethnicity,
    c.upn ?? '',
    '',
    '',
  ])
  for (const p of periods) periodRows(c, p, plan, rows)
  if (leaver) rows.oc3.push([c.id, dob, leaver.inTouch, leaver.activity, leaver.accommodation])
  const ad = c.adoption
  if (ad?.matched) rows.ad1.push([c.id, dob, uk(ad.decision), uk(ad.matched), 0, 2, 'MF', 'L0'])
  if (ad?.placed) rows.placed_for_adoption.push([c.id, dob, uk(ad.placed), '', ''])
  if (periods.length)
    for (const a of c.allocations)
      if (!a.workerId.startsWith('PA') && a.start <= A && (a.end === null || a.end > plan.yearStart))
        rows.sw_episodes.push([
          c.id,
          dob,
          a.workerId,
          uk(a.start),
          a.end !== null && a.end <= A ? uk(a.end) : '',
          a.end !== null && a.end <= A ? (a.reason ?? 'OTHER') : '',
        ])
  return rows
}

export function ssda903Writer(out: Output, dir: string): FormatWriter {
  const files = Object.fromEntries(
    Object.entries(SSDA903_TABLES).map(([t, cols]) => {
      const f = new TextFile(out.text(`${dir}ssda903/${t}.csv`))
      f.write(csvLine(cols))
      return [t, f]
    }),
  )
  let plan: LaPlan
  return {
    begin: (p) => void (plan = p),
    async child(c) {
      const rows = ssda903Rows(c, plan)
      if (!rows) return
      for (const [t, list] of Object.entries(rows)) for (const r of list) await files[t].write(csvLine(r))
    },
    async end() {
      for (const f of Object.values(files)) await f.close()
    },
  }
}
