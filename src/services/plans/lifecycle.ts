import { z } from 'zod'
import { claimPlanHistory } from '../../data/repositories/planLinkRepository.ts'
import type { SubjectType } from '../../data/repositories/planRepository.ts'
import { requiredText } from '../../engine/forms/fields.ts'
import { idList, recordId } from '../../engine/plans/planFields.ts'
import { can, type Role } from '../../engine/access/permissions.ts'
import { InputError, defineCommand } from '../commands/command.ts'
import { PlanForbiddenError } from '../planErrors.ts'
import type { On, PlanDeps } from './deps.ts'
import { linkReport } from './planReports.ts'
import { assertScope, requireUser, type PlanActor } from './versionedRecords.ts'

export const PLAN_MESSAGES = {
  title: 'Enter a title for the plan',
  reports: 'Select at least one Ofsted report for the plan to answer',
  reportId: 'Select the Ofsted report to add',
  planId: 'Select the plan to add the report to',
  archivedPlan: (title: string) => `The plan “${title}” has been archived: choose an open plan`,
  archiveReason: 'Enter why you are archiving this',
  noArchiveSubmission: 'Submissions cannot be archived',
}

const planSchema = (reportsRequired: boolean) =>
  z
    .object({
      title: requiredText({ label: 'the title', missing: PLAN_MESSAGES.title, max: 200 }),
      reportIds: idList(PLAN_MESSAGES.reports, reportsRequired ? PLAN_MESSAGES.reports : undefined),
    })
    .strict()

function createPlan(
  { records, on }: On<{ laCode: string }>,
  input: z.output<ReturnType<typeof planSchema>>,
  actor: PlanActor,
) {
  return records.transaction(async (tx) => {
    assertScope(actor, on.laCode)
    const plan = await records.create(
      tx,
      'plan',
      { laCode: on.laCode, title: input.title, createdBy: actor.id, createdAt: records.now() },
      { planId: null, laCode: on.laCode },
      actor,
    )
    await claimPlanHistory(tx, plan.id)
    for (const reportId of input.reportIds)
      await linkReport(records, tx, { planId: plan.id, laCode: on.laCode }, reportId, actor, {
        field: 'reportIds',
        onlyUnplanned: false,
      })
    return { planId: plan.id }
  })
}

/** Creates a plan answering one or more imported reports of the LA: one item per recommendation. */
export const createPlanCommand = defineCommand({
  name: 'plan.create',
  permission: 'plan:edit',
  schema: planSchema(true),
  run: createPlan,
})

/** Starts a plan before its reports are imported (CLI, tests): reports are added to it later. */
export const startPlanCommand = defineCommand({
  name: 'plan.start',
  permission: 'plan:edit',
  schema: planSchema(false),
  run: createPlan,
})

/**
 * Adds a later report (a monitoring visit letter, a re-inspection) to an existing plan: one new item per
 * recommendation; the plan's existing items are not touched. Refused, with nothing saved, for a report of another
 * LA, a report already in a plan, or an archived report or plan. A plan takes new items in every status (an accepted
 * plan goes on being delivered and updated), as every other plan write does.
 */
export const addReportToPlanCommand = defineCommand({
  name: 'plan.add-report',
  permission: 'plan:edit',
  schema: z.object({ reportId: recordId(PLAN_MESSAGES.reportId), planId: recordId(PLAN_MESSAGES.planId) }).strict(),
  run({ records }: PlanDeps, input, actor: PlanActor) {
    return records.transaction(async (tx) => {
      const sc = await records.scope(tx, 'plan', input.planId)
      assertScope(actor, sc.laCode)
      const plan = (await records.find(tx, 'plan', input.planId, true))!
      if (plan.archivedAt) throw InputError.field('planId', PLAN_MESSAGES.archivedPlan(String(plan.title)))
      const { itemIds, reportName } = await linkReport(
        records,
        tx,
        { planId: input.planId, laCode: sc.laCode },
        input.reportId,
        actor,
        {
          field: 'reportId',
          onlyUnplanned: true,
        },
      )
      return {
        planId: input.planId,
        reportId: input.reportId,
        reportName,
        planTitle: String(plan.title),
        planStatus: String(plan.status),
        itemIds,
        recommendations: itemIds.length,
      }
    })
  },
})

type Archivable = Exclude<SubjectType, 'submission'>

/** Archives (never deletes) a record, with who and why. Commitments are archived by those who set them. */
export const archiveCommand = defineCommand({
  name: 'plan.archive',
  permission: 'plan:edit',
  schema: z
    .object({
      version: recordId(),
      reason: requiredText({ label: 'the reason', missing: PLAN_MESSAGES.archiveReason, max: 2000 }),
    })
    .strict(),
  run({ records, on }: On<{ type: SubjectType; id: number }>, input, actor: PlanActor) {
    if (on.type === 'submission') throw InputError.field('form', PLAN_MESSAGES.noArchiveSubmission)
    // Commitments are set, and so archived, by those overseeing the plan.
    if (on.type === 'commitment' && actor.role && !can({ role: actor.role as Role, isAdmin: false }, 'plan:review'))
      throw new PlanForbiddenError('Your role cannot archive commitments')
    return records.transaction((tx) =>
      records.update(
        tx,
        on.type as Archivable,
        on.id,
        input.version,
        { archivedAt: records.now(), archivedBy: requireUser(actor), archiveReason: input.reason },
        actor,
        'archive',
      ),
    )
  },
})

/** Brings an archived record back. */
export const restoreCommand = defineCommand({
  name: 'plan.restore',
  permission: 'plan:edit',
  schema: z.object({ version: recordId() }).strict(),
  run({ records, on }: On<{ type: SubjectType; id: number }>, input, actor: PlanActor) {
    return records.transaction((tx) =>
      records.update(
        tx,
        on.type,
        on.id,
        input.version,
        { archivedAt: null, archivedBy: null, archiveReason: null },
        actor,
        'restore',
      ),
    )
  },
})
