import { z } from 'zod'
import {
  itemIdsOfPlan,
  openChallenges,
  pendingSubmissions,
  planRevision,
} from '../../data/repositories/planLinkRepository.ts'
import { can, type Role } from '../../engine/access/permissions.ts'
import { oneOf, requiredText } from '../../engine/forms/fields.ts'
import { optionalRecordId, recordId } from '../../engine/plans/planFields.ts'
import { InputError, defineCommand } from '../commands/command.ts'
import { PlanForbiddenError } from '../planErrors.ts'
import type { On, PlanDeps } from './deps.ts'
import { assertComplete, assertReviewer } from './signOff.ts'
import { requireUser, type PlanActor } from './versionedRecords.ts'

export const OVERSIGHT_MESSAGES = {
  summary: 'Enter a summary of what you are submitting',
  kind: 'Select whether this is the plan or an update',
  waiting: 'A submission is already waiting for a decision',
  decision: 'Select whether to accept or return the submission',
  decided: 'This submission has already been decided',
  reason: 'Enter the reasons for your decision',
  comment: 'Enter your comment or challenge',
  commentKind: 'Select whether this is a comment or a challenge',
  item: 'Select a recommendation from this plan',
  answer: 'Enter your answer to the challenge',
  notChallenge: 'Only a challenge can be answered',
  notAnswered: 'A challenge can be closed only once it has been answered',
}

const unanswered = (n: number) => `${n} challenge${n === 1 ? ' has' : 's have'} not been answered yet`

/**
 * The LA's improvement lead submits the plan or an update, only when it is complete (every recommendation explained,
 * no commitment overdue); the snapshot and the plan's revision record what was submitted.
 */
export const submitCommand = defineCommand({
  name: 'plan.submit',
  permission: 'plan:submit',
  schema: z
    .object({
      kind: oneOf(['plan', 'update'], OVERSIGHT_MESSAGES.kind),
      summary: requiredText({ label: 'the summary', missing: OVERSIGHT_MESSAGES.summary, max: 5000 }),
      snapshot: z.unknown().optional(),
    })
    .strict(),
  run({ records, on }: On<{ planId: number }>, input, actor: PlanActor) {
    return records.transaction(async (tx) => {
      const sc = await records.scopeFor(tx, 'plan', on.planId, actor)
      if (await pendingSubmissions(tx, on.planId)) throw InputError.field('form', OVERSIGHT_MESSAGES.waiting)
      await assertComplete(records, tx, on.planId, 'submitted', 'form')
      const values = {
        planId: on.planId,
        kind: input.kind,
        summary: input.summary,
        submittedBy: requireUser(actor),
        submittedAt: records.now(),
        snapshot: input.snapshot ?? null,
        planRevision: await planRevision(tx, on.planId),
      }
      const row = await records.create(tx, 'submission', values, sc, actor, 'submit')
      const plan = (await records.find(tx, 'plan', on.planId))!
      await records.update(tx, 'plan', on.planId, plan.version, { status: 'submitted' }, actor, 'submit')
      return row
    })
  },
})

/**
 * Oversight (a commissioner, a panel member, a national reviewer) accepts or returns a submission, with reasons.
 * Accepting needs every challenge answered and the plan still complete, and records the plan's revision accepted.
 */
export const decideCommand = defineCommand({
  name: 'plan.decide',
  permission: 'plan:review',
  schema: z
    .object({
      submissionId: recordId(),
      version: recordId(),
      decision: oneOf(['accepted', 'returned'], OVERSIGHT_MESSAGES.decision),
      reason: requiredText({ label: 'the reasons', missing: OVERSIGHT_MESSAGES.reason, max: 5000 }),
    })
    .strict(),
  run({ records }: PlanDeps, input, actor: PlanActor) {
    assertReviewer(actor)
    return records.transaction(async (tx) => {
      const sc = await records.scopeFor(tx, 'submission', input.submissionId, actor)
      const current = await records.find(tx, 'submission', input.submissionId)
      if (current?.status !== 'submitted') throw InputError.field('decision', OVERSIGHT_MESSAGES.decided)
      const accepting = input.decision === 'accepted'
      const open = accepting ? await openChallenges(tx, sc.planId!) : 0
      if (open) throw InputError.field('decision', unanswered(open))
      if (accepting) await assertComplete(records, tx, sc.planId!, 'accepted', 'decision')
      const action = accepting ? 'accept' : 'return'
      const decided = {
        status: input.decision,
        decidedBy: requireUser(actor),
        decidedAt: records.now(),
        acceptedRevision: accepting ? await planRevision(tx, sc.planId!) : null,
      }
      const row = await records.update(
        tx,
        'submission',
        input.submissionId,
        input.version,
        { ...decided, decisionReason: input.reason },
        actor,
        action,
      )
      const plan = (await records.find(tx, 'plan', sc.planId!))!
      await records.update(tx, 'plan', plan.id, plan.version, { status: input.decision }, actor, action)
      return row
    })
  },
})

const may = (actor: PlanActor, p: 'plan:edit' | 'plan:review') =>
  !actor.role || can({ role: actor.role as Role, isAdmin: false }, p)

/**
 * A comment (by anyone working on or overseeing the plan) or a challenge (by a reviewer, and it must be answered) on
 * the plan, one of its items or a submission.
 */
export const commentCommand = defineCommand({
  name: 'plan.comment',
  permission: 'plan:view',
  schema: z
    .object({
      kind: oneOf(['comment', 'challenge'], OVERSIGHT_MESSAGES.commentKind),
      text: requiredText({ label: 'the comment', missing: OVERSIGHT_MESSAGES.comment, max: 10_000 }),
      itemId: optionalRecordId(OVERSIGHT_MESSAGES.item).optional(),
      submissionId: optionalRecordId().optional(),
    })
    .strict(),
  run({ records, on }: On<{ planId: number }>, input, actor: PlanActor) {
    if (input.kind === 'challenge' && !may(actor, 'plan:review'))
      throw new PlanForbiddenError('Your role cannot challenge plans')
    if (!may(actor, 'plan:review') && !may(actor, 'plan:edit'))
      throw new PlanForbiddenError('Your role cannot comment on plans')
    return records.transaction(async (tx) => {
      const sc = await records.scopeFor(tx, 'plan', on.planId, actor)
      if (input.itemId && !(await itemIdsOfPlan(tx, on.planId)).includes(input.itemId))
        throw InputError.field('itemId', OVERSIGHT_MESSAGES.item)
      const values = {
        planId: on.planId,
        itemId: input.itemId ?? null,
        submissionId: input.submissionId ?? null,
        kind: input.kind,
        text: input.text,
        authorId: requireUser(actor),
        createdAt: records.now(),
        status: input.kind === 'challenge' ? 'open' : null,
      }
      return records.create(tx, 'comment', values, sc, actor, input.kind)
    })
  },
})

/** Answers a challenge; the challenge becomes 'answered' (the reviewer may then close it or challenge again). */
export const answerCommand = defineCommand({
  name: 'plan.challenge.answer',
  permission: 'plan:edit',
  schema: z
    .object({
      challengeId: recordId(),
      version: recordId(),
      text: requiredText({ label: 'your answer', missing: OVERSIGHT_MESSAGES.answer, max: 10_000 }),
    })
    .strict(),
  run({ records }: PlanDeps, input, actor: PlanActor) {
    return records.transaction(async (tx) => {
      const sc = await records.scopeFor(tx, 'comment', input.challengeId, actor)
      const challenge = await records.find(tx, 'comment', input.challengeId)
      if (challenge?.kind !== 'challenge') throw InputError.field('form', OVERSIGHT_MESSAGES.notChallenge)
      await records.update(tx, 'comment', input.challengeId, input.version, { status: 'answered' }, actor, 'answered')
      const values = {
        planId: sc.planId,
        itemId: challenge.itemId,
        submissionId: challenge.submissionId,
        parentId: input.challengeId,
        kind: 'answer',
        text: input.text,
        authorId: requireUser(actor),
        createdAt: records.now(),
      }
      return records.create(tx, 'comment', values, sc, actor, 'answer')
    })
  },
})

/** Closes an answered challenge. */
export const closeChallengeCommand = defineCommand({
  name: 'plan.challenge.close',
  permission: 'plan:review',
  schema: z.object({ challengeId: recordId(), version: recordId() }).strict(),
  run({ records }: PlanDeps, input, actor: PlanActor) {
    return records.transaction(async (tx) => {
      const challenge = await records.find(tx, 'comment', input.challengeId)
      if (challenge?.status !== 'answered') throw InputError.field('form', OVERSIGHT_MESSAGES.notAnswered)
      const patch = { status: 'closed', closedBy: requireUser(actor), closedAt: records.now() }
      return records.update(tx, 'comment', input.challengeId, input.version, patch, actor, 'close')
    })
  },
})
