import {
  laNames,
  linkReportToPlan,
  plansAnswering,
  recommendationsOf,
} from '../../data/repositories/reportRepository.ts'
import { updateRowIfVersion } from '../../data/repositories/planRepository.ts'
import type { Tx } from '../../data/store.ts'
import { reportName } from '../../engine/plans/reports.ts'
import { InputError } from '../commands/command.ts'
import type { PlanActor, RecordScope, VersionedRecords } from './versionedRecords.ts'

/**
 * Links a report to a plan, in the caller's transaction: the link is a versioned write on the report (history row
 * 'add-to-plan' in the plan's history, so the plan as at an earlier date does not list it, and an audit event naming
 * the plan), then one new item per recommendation. Refused on `field` for a report of another LA, an archived report,
 * one the plan already answers, and (with onlyUnplanned) one another plan answers.
 */
export async function linkReport(
  records: VersionedRecords,
  tx: Tx,
  sc: RecordScope & { planId: number },
  reportId: number,
  actor: PlanActor,
  opts: { field: string; onlyUnplanned: boolean },
) {
  const { planId } = sc
  // Locked, so two people adding the same report at once cannot both pass the checks below.
  const report = await records.find(tx, 'report', reportId, true)
  if (!report) throw InputError.field(opts.field, `There is no Ofsted report ${reportId}`)
  const what = reportName(report)
  if (report.archivedAt)
    throw InputError.field(opts.field, `The ${what} has been archived, so it cannot be added to a plan`)
  if (report.laCode !== sc.laCode) {
    const names = await laNames(tx, [String(report.laCode), sc.laCode])
    const name = (code: string) => names.get(code) ?? `LA ${code}`
    throw InputError.field(
      opts.field,
      `The ${what} is about ${name(String(report.laCode))}, not ${name(sc.laCode)}: a plan can only answer reports about its own local authority`,
    )
  }
  const plansOfReport = await plansAnswering(tx, reportId)
  if (plansOfReport.some((p) => p.id === planId))
    throw InputError.field(opts.field, `The plan already answers the ${what}`)
  const other = plansOfReport[0]
  if (opts.onlyUnplanned && other)
    throw InputError.field(
      opts.field,
      `The ${what} is already in another plan, “${other.title}”: its recommendations are answered there`,
    )
  await linkReportToPlan(tx, planId, reportId)
  const linked = await updateRowIfVersion(tx, 'report', reportId, report.version, {})
  if (!linked) throw await records.conflict(tx, 'report', (await records.find(tx, 'report', reportId))!, report.version)
  const recs = await recommendationsOf(tx, reportId)
  await records.log(tx, 'report', sc, 'add-to-plan', report, linked, actor, { planId, recommendations: recs.length })
  const itemIds: number[] = []
  for (const r of recs)
    itemIds.push((await records.create(tx, 'item', { planId, recommendationId: r.id, theme: r.theme }, sc, actor)).id)
  return { itemIds, reportName: what }
}
