import { z } from 'zod'
import { userOnLa } from '../../data/repositories/planLinkRepository.ts'
import type { Row } from '../../data/repositories/planRepository.ts'
import type { Tx } from '../../data/store.ts'
import { can, isLaScoped, type Role } from '../../engine/access/permissions.ts'
import { dateInput, oneOf, optionalDateInput, optionalText, requiredText } from '../../engine/forms/fields.ts'
import { optionalRecordId, recordId } from '../../engine/plans/planFields.ts'
import { ACTION_STATUSES } from '../../engine/plans/rag.ts'
import { InputError, defineCommand } from '../commands/command.ts'
import type { On, PlanDeps } from './deps.ts'
import { addMilestoneTo } from './milestones.ts'
import type { PlanActor } from './versionedRecords.ts'

export const ACTION_MESSAGES = {
  title: 'Enter what will be done',
  owner: 'Select who owns the action',
  ownerNotOnLa: 'Select an owner who works on this local authority',
  ownerCannotAct: 'Select an owner who can work on the plan: a read-only user cannot own an action',
  status: 'Select the status of the action',
  dueBeforeStart: 'The due date must be on or after the start date',
  milestoneDateMissing: 'Enter the date of the first milestone, or leave both milestone fields empty',
  milestoneTitleMissing: 'Enter the first milestone, or leave both milestone fields empty',
  objective: 'Select an objective of this recommendation',
  rag: 'Select red, amber, green or complete',
  reason: 'Enter why you are overriding the RAG rating',
}

const title = requiredText({ label: 'the action', missing: ACTION_MESSAGES.title, max: 500 })
const leadOfficer = optionalText({ label: 'the lead officer', max: 200 })
const startDate = optionalDateInput({ label: 'the start date' })
const status = oneOf(ACTION_STATUSES, ACTION_MESSAGES.status)
const dueAfterStart = (v: { startDate: string | null; dueDate: string | null }, ctx: z.RefinementCtx) => {
  if (v.startDate && v.dueDate && v.dueDate < v.startDate)
    ctx.addIssue({ code: 'custom', path: ['dueDate'], message: ACTION_MESSAGES.dueBeforeStart })
}

/**
 * An owner must be an active user appointed to the action's LA (or a national user) whose role can work on a plan:
 * a read-only observer (or anyone who may only view plans) cannot own an action.
 */
async function checkOwner(tx: Tx, ownerId: number | null, laCode: string) {
  if (ownerId === null) return
  const owner = await userOnLa(tx, ownerId, laCode)
  if (!owner || (!owner.appointed && isLaScoped(owner.role as Role)))
    throw InputError.field('ownerId', ACTION_MESSAGES.ownerNotOnLa)
  const role = { role: owner.role as Role, isAdmin: false }
  if (!can(role, 'plan:edit') && !can(role, 'plan:review'))
    throw InputError.field('ownerId', ACTION_MESSAGES.ownerCannotAct)
}

const actionFields = (ownerRequired: boolean) => ({
  title,
  ownerId: ownerRequired ? recordId(ACTION_MESSAGES.owner) : optionalRecordId(ACTION_MESSAGES.owner),
  leadOfficer,
  startDate,
  dueDate: ownerRequired ? dateInput({ label: 'the due date' }) : optionalDateInput({ label: 'the due date' }),
  status: ownerRequired ? status : status.optional().transform((s) => s ?? 'not started'),
  milestoneTitle: optionalText({ label: 'the first milestone', max: 300 }),
  milestoneDate: optionalDateInput({ label: 'the date of the first milestone' }),
  objectiveId: optionalRecordId(ACTION_MESSAGES.objective),
})

type NewAction = z.output<z.ZodObject<ReturnType<typeof actionFields>>>

const addSchema = (ownerRequired: boolean) =>
  z
    .object(actionFields(ownerRequired))
    .strict()
    .superRefine((v, ctx) => {
      dueAfterStart(v, ctx)
      if (v.milestoneTitle && !v.milestoneDate)
        ctx.addIssue({ code: 'custom', path: ['milestoneDate'], message: ACTION_MESSAGES.milestoneDateMissing })
      if (!v.milestoneTitle && v.milestoneDate)
        ctx.addIssue({ code: 'custom', path: ['milestoneTitle'], message: ACTION_MESSAGES.milestoneTitleMissing })
    })

async function addAction({ records, on }: On<{ itemId: number }>, input: NewAction, actor: PlanActor) {
  return records.transaction(async (tx) => {
    const sc = await records.scopeFor(tx, 'item', on.itemId, actor)
    await checkOwner(tx, input.ownerId, sc.laCode)
    if (input.objectiveId) {
      const objective = await records.find(tx, 'objective', input.objectiveId)
      if (objective?.itemId !== on.itemId) throw InputError.field('objectiveId', ACTION_MESSAGES.objective)
    }
    const { milestoneTitle, milestoneDate, ...values } = input
    const action = await records.create(tx, 'action', { ...values, itemId: on.itemId }, sc, actor)
    if (milestoneTitle && milestoneDate)
      await addMilestoneTo(records, tx, sc, action.id, { title: milestoneTitle, dueDate: milestoneDate }, actor)
    return action
  })
}

/** Adds an action with its owner and due date, and its first milestone if given: a bad milestone saves neither. */
export const addActionCommand = defineCommand({
  name: 'plan.action.add',
  permission: 'plan:edit',
  schema: addSchema(true),
  run: addAction,
})

/** Notes an action before its owner or dates are known (the plan's completeness counts it as not yet owned). */
export const draftActionCommand = defineCommand({
  name: 'plan.action.draft',
  permission: 'plan:edit',
  schema: addSchema(false),
  run: addAction,
})

const RAG_OVERRIDES = ['', 'red', 'amber', 'green', 'blue'] as const

/** Edits an action and its manual RAG in one save: a stale version refuses both, with the other person's change. */
export const editActionCommand = defineCommand({
  name: 'plan.action.edit',
  permission: 'plan:edit',
  schema: z
    .object({
      version: recordId(),
      title,
      leadOfficer,
      startDate,
      dueDate: dateInput({ label: 'the due date' }),
      status,
      progress: optionalText({ label: 'the progress', max: 10_000 }),
      ragOverride: oneOf(RAG_OVERRIDES, ACTION_MESSAGES.rag).optional(),
      ragOverrideReason: optionalText({ label: 'the reason', max: 2000 }),
    })
    .strict()
    .superRefine((v, ctx) => {
      dueAfterStart(v, ctx)
      if (v.ragOverride && !v.ragOverrideReason)
        ctx.addIssue({ code: 'custom', path: ['ragOverrideReason'], message: ACTION_MESSAGES.reason })
    }),
  run({ records, on }: On<{ actionId: number }>, input, actor: PlanActor) {
    return records.transaction(async (tx) => {
      const current = await records.find(tx, 'action', on.actionId)
      const { version, ragOverride, ragOverrideReason, ...fields } = input
      const patch: Record<string, unknown> = { ...fields }
      if (fields.status === 'complete' && !current?.completedOn) patch.completedOn = records.today()
      const saved = await records.update(tx, 'action', on.actionId, version, patch, actor)
      const override = ragOverride || null
      if (
        ragOverride !== undefined &&
        (override !== (current?.ragOverride ?? null) || (override && ragOverrideReason !== current?.ragOverrideReason))
      )
        return setOverride(records, tx, saved, override, ragOverrideReason, actor)
      return saved
    })
  },
})

async function setOverride(
  records: PlanDeps['records'],
  tx: Tx,
  action: Row,
  rag: string | null,
  reason: string | null,
  actor: PlanActor,
) {
  const patch = rag
    ? { ragOverride: rag, ragOverrideReason: reason, ragOverrideBy: actor.id }
    : { ragOverride: null, ragOverrideReason: null, ragOverrideBy: null }
  return records.update(
    tx,
    'action',
    action.id,
    action.version,
    patch,
    actor,
    rag ? 'override-rag' : 'clear-rag-override',
  )
}

/** Sets (or clears, with '') a manual delivery RAG; a reason is required. */
export const overrideRagCommand = defineCommand({
  name: 'plan.action.override-rag',
  permission: 'plan:edit',
  schema: z
    .object({
      version: recordId(),
      ragOverride: oneOf(RAG_OVERRIDES, ACTION_MESSAGES.rag),
      ragOverrideReason: optionalText({ label: 'the reason', max: 2000 }),
    })
    .strict()
    .superRefine((v, ctx) => {
      if (v.ragOverride && !v.ragOverrideReason)
        ctx.addIssue({ code: 'custom', path: ['ragOverrideReason'], message: ACTION_MESSAGES.reason })
    }),
  run({ records, on }: On<{ actionId: number }>, input, actor: PlanActor) {
    return records.transaction(async (tx) => {
      const action = { id: on.actionId, version: input.version } as Row
      return setOverride(records, tx, action, input.ragOverride || null, input.ragOverrideReason, actor)
    })
  },
})
