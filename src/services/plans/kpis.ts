import { INDICATORS } from '../../engine/casework/indicators/index.ts'
import { formatMonth } from '../../engine/dates.ts'
import { z } from 'zod'
import {
  insertTrajectoryPoint,
  itemIdsOfPlan,
  linkKpiToItem,
  manualKpiValue,
} from '../../data/repositories/planLinkRepository.ts'
import { numberField, oneOf, optionalDateInput, optionalText, requiredText } from '../../engine/forms/fields.ts'
import { idList, monthField, recordId } from '../../engine/plans/planFields.ts'
import { parseTrajectory } from '../../engine/plans/trajectory.ts'
import { InputError, defineCommand } from '../commands/command.ts'
import type { On, PlanDeps } from './deps.ts'
import type { PlanActor } from './versionedRecords.ts'

export const KPI_MESSAGES = {
  name: 'Enter the name of the measure',
  definition: 'Enter how the measure is calculated',
  polarity: 'Select whether higher or lower is better',
  number: 'Enter a number',
  month: 'Enter the month, for example 2014-07',
  kpi: 'Select the measure',
  items: 'Select recommendations from this plan',
  value: 'Enter the value as a number',
  future: (month: string) =>
    `${month} has not started yet: enter values only for this month or earlier months (targets for later months go in the trajectory)`,
  trajectoryTooLong: 'The monthly targets must be 10,000 characters or less',
  indicator: 'Select a casework indicator from the list, or leave it empty',
  linked: (name: string) =>
    `“${name}” fills itself from the council's casework snapshots: its monthly values cannot be typed`,
}

/** The unit a measure linked to a casework indicator takes when none is given. */
const INDICATOR_UNITS = { percent: '%', count: 'children', ratio: 'ratio' } as const
const indicatorById = new Map(INDICATORS.map((d) => [d.id, d]))

const optionalNumber = (label: string) =>
  numberField({ label, missing: KPI_MESSAGES.number, whole: false, required: false })

/** A measure of impact, linked to the recommendations it evidences, with an optional monthly trajectory. */
export const addKpiCommand = defineCommand({
  name: 'plan.kpi.add',
  permission: 'plan:edit',
  schema: z
    .object({
      name: requiredText({ label: 'the name', missing: KPI_MESSAGES.name, max: 300 }),
      definition: requiredText({ label: 'the definition', missing: KPI_MESSAGES.definition, max: 2000 }),
      polarity: oneOf(['higher', 'lower', 'context'], KPI_MESSAGES.polarity),
      unit: optionalText({ label: 'the unit', max: 40 }),
      baselineValue: optionalNumber('the baseline'),
      baselineDate: optionalDateInput({ label: 'the baseline date' }),
      targetValue: optionalNumber('the target'),
      targetDate: optionalDateInput({ label: 'the target date' }),
      amberTolerance: optionalNumber('the amber tolerance'),
      caseworkIndicator: optionalText({ label: 'the casework indicator', max: 100 }),
      itemIds: idList(KPI_MESSAGES.items),
      /** The first month of a trajectory pasted as one column (see engine/plans/trajectory.ts). */
      trajectoryFrom: z.string().max(40, KPI_MESSAGES.month).optional(),
      /** Monthly targets: points from a caller, or the text typed or pasted into the form. */
      trajectory: z
        .union([
          z.array(
            z.object({
              month: monthField({ missing: KPI_MESSAGES.month, invalid: KPI_MESSAGES.month }),
              value: z.number(),
            }),
          ),
          z.string().max(10_000, KPI_MESSAGES.trajectoryTooLong),
        ])
        .optional(),
    })
    .strict()
    .transform(({ trajectoryFrom, trajectory, unit, ...fields }, ctx) => {
      const linked = fields.caseworkIndicator ? indicatorById.get(fields.caseworkIndicator) : undefined
      if (fields.caseworkIndicator && !linked) {
        ctx.addIssue({ code: 'custom', path: ['caseworkIndicator'], message: KPI_MESSAGES.indicator })
        return z.NEVER
      }
      const rest = { ...fields, unit: unit ?? (linked ? INDICATOR_UNITS[linked.unit] : '%') }
      if (typeof trajectory !== 'string') return { ...rest, trajectory: trajectory ?? [] }
      const parsed = parseTrajectory(trajectory, trajectoryFrom ?? '')
      if (parsed.ok) return { ...rest, trajectory: parsed.points }
      ctx.addIssue({ code: 'custom', path: [parsed.field], message: parsed.message })
      return z.NEVER
    }),
  run({ records, on }: On<{ planId: number }>, input, actor: PlanActor) {
    return records.transaction(async (tx) => {
      const sc = await records.scopeFor(tx, 'plan', on.planId, actor)
      const { itemIds, trajectory, ...values } = input
      const row = await records.create(tx, 'kpi', { ...values, planId: on.planId }, sc, actor)
      const planItems = new Set(await itemIdsOfPlan(tx, on.planId))
      for (const itemId of itemIds) {
        if (!planItems.has(itemId)) throw InputError.field('itemIds', KPI_MESSAGES.items)
        await linkKpiToItem(tx, row.id, itemId)
      }
      for (const p of trajectory) await insertTrajectoryPoint(tx, row.id, p.month, p.value)
      return row
    })
  },
})

/**
 * Records a month's value by hand (source 'manual'); a second entry for the month updates it, versioned. A month that
 * has not started yet (by the command's clock) is refused: a value cannot be measured before its month.
 */
export const setKpiValueCommand = defineCommand({
  name: 'plan.kpi.value',
  permission: 'plan:edit',
  schema: z
    .object({
      kpiId: recordId(KPI_MESSAGES.kpi),
      month: monthField({ missing: KPI_MESSAGES.month, invalid: KPI_MESSAGES.month }),
      value: numberField({ label: 'the value', missing: KPI_MESSAGES.value, whole: false }),
      note: optionalText({ label: 'the note', max: 2000 }),
      version: recordId().optional(),
    })
    .strict(),
  run({ records }: PlanDeps, input, actor: PlanActor) {
    return records.transaction(async (tx) => {
      const sc = await records.scopeFor(tx, 'kpi', input.kpiId, actor)
      const kpi = await records.find(tx, 'kpi', input.kpiId)
      if (kpi?.caseworkIndicator) throw InputError.field('kpiId', KPI_MESSAGES.linked(String(kpi.name)))
      if (input.month > `${records.today().slice(0, 7)}-01`)
        throw InputError.field('month', KPI_MESSAGES.future(formatMonth(input.month)))
      const existing = await manualKpiValue(tx, input.kpiId, input.month)
      const entered = { value: input.value, note: input.note, enteredBy: actor.id, enteredAt: records.now() }
      if (existing)
        return records.update(tx, 'kpiValue', existing.id, input.version ?? existing.version, entered, actor)
      return records.create(
        tx,
        'kpiValue',
        { kpiId: input.kpiId, month: input.month, source: 'manual', ...entered },
        sc,
        actor,
      )
    })
  },
})
