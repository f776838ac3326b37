import type { SubjectType } from '../../data/repositories/planRepository.ts'
import { laNames } from '../../data/repositories/reportRepository.ts'
import type { Store } from '../../data/store.ts'
import type { ReportDates } from '../../engine/plans/reports.ts'
import type { ActionStatus } from '../../engine/plans/rag.ts'
import { importReportCommand, registerInspectionFor, type ConfirmedReport } from '../reports/importReport.ts'
import { addActionCommand, draftActionCommand, editActionCommand, overrideRagCommand } from './actions.ts'
import { addAnalysisCommand, agreeAnalysisCommand, updateAnalysisCommand } from './analyses.ts'
import { addCommitmentCommand, meetCommitmentCommand } from './commitments.ts'
import { runPlanCommand, type PlanDeps } from './deps.ts'
import { addEvidenceCommand } from './evidence.ts'
import { addKpiCommand, setKpiValueCommand } from './kpis.ts'
import {
  addReportToPlanCommand,
  archiveCommand,
  createPlanCommand,
  restoreCommand,
  startPlanCommand,
} from './lifecycle.ts'
import { addMilestoneCommand, addObjectiveCommand, completeMilestoneCommand } from './milestones.ts'
import { answerCommand, closeChallengeCommand, commentCommand, decideCommand, submitCommand } from './oversight.ts'
import { evidenceFile } from './storedFiles.ts'
import { versionedRecords, type PlanActor } from './versionedRecords.ts'

export type { PlanActor } from './versionedRecords.ts'
export type { PlanDeps } from './deps.ts'

export interface PlanServiceOptions {
  uploadLimitBytes: number
  reportLimitBytes: number
  /** The clock for version history; the demo seed replays a plan's history on its real dates. */
  now?: () => Date
}

export interface ActionInput {
  title: string
  ownerId?: number | null
  leadOfficer?: string | null
  startDate?: string | null
  dueDate?: string | null
  status?: ActionStatus
  progress?: string | null
  objectiveId?: number | null
}

/**
 * The plan commands for callers outside a page (the demo seed, the CLI, service tests): each method runs one command
 * (src/services/plans/*.ts) through its permission and schema. Pages run the same commands as their COMMAND.
 */
export function planService(store: Store, options: PlanServiceOptions) {
  const records = versionedRecords(store, options.now ?? (() => new Date()))
  const deps: PlanDeps = { records, limits: options }
  return {
    deps,
    registerMatch: (r: ReportDates & { laCode: string }) => registerInspectionFor(store.db, r),
    laName: async (laCode: string) => (await laNames(store.db, [laCode])).get(laCode) ?? null,
    evidenceFile: (evidenceId: number, actor: PlanActor) => evidenceFile(records, store.db, evidenceId, actor),
    history: (type: SubjectType, id: number, actor: PlanActor) => records.history(type, id, actor),
    ...reportAndPlanCommands(deps),
    ...itemCommands(deps),
    ...actionCommands(deps),
    ...oversightCommands(deps),
  }
}

const on = <T>(deps: PlanDeps, target: T) => ({ ...deps, on: target })

function reportAndPlanCommands(deps: PlanDeps) {
  return {
    importReport: (input: ConfirmedReport, actor: PlanActor) => runPlanCommand(importReportCommand, deps, input, actor),
    createPlan: (input: { laCode: string; title: string; reportIds: number[] }, actor: PlanActor) =>
      runPlanCommand(
        input.reportIds.length ? createPlanCommand : startPlanCommand,
        on(deps, { laCode: input.laCode }),
        { title: input.title, reportIds: input.reportIds },
        actor,
      ),
    addReportToPlan: (planId: number, reportId: number, actor: PlanActor) =>
      runPlanCommand(addReportToPlanCommand, deps, { planId, reportId }, actor),
    archive: (type: SubjectType, id: number, version: number, reason: string, actor: PlanActor) =>
      runPlanCommand(archiveCommand, on(deps, { type, id }), { version, reason }, actor),
    restore: (type: SubjectType, id: number, version: number, actor: PlanActor) =>
      runPlanCommand(restoreCommand, on(deps, { type, id }), { version }, actor),
  }
}

function itemCommands(deps: PlanDeps) {
  return {
    addAnalysis: (itemId: number, input: { text: string; writtenOn?: string }, actor: PlanActor) =>
      runPlanCommand(addAnalysisCommand, on(deps, { itemId }), input, actor),
    updateAnalysis: (analysisId: number, version: number, input: { text: string }, actor: PlanActor) =>
      runPlanCommand(updateAnalysisCommand, deps, { ...input, analysisId, version }, actor),
    agreeAnalysis: (analysisId: number, version: number, actor: PlanActor, agreedOn?: string) =>
      runPlanCommand(agreeAnalysisCommand, deps, { analysisId, version, agreedOn }, actor),
    addObjective: (itemId: number, input: { text: string }, actor: PlanActor) =>
      runPlanCommand(addObjectiveCommand, on(deps, { itemId }), { objective: input.text }, actor),
    addEvidence: (itemId: number, input: Record<string, unknown>, actor: PlanActor) =>
      runPlanCommand(addEvidenceCommand, on(deps, { itemId }), input, actor),
    addKpi: (planId: number, input: Record<string, unknown>, actor: PlanActor) =>
      runPlanCommand(addKpiCommand, on(deps, { planId }), input, actor),
    setKpiValue: (
      kpiId: number,
      input: { month: string; value: number; note?: string; version?: number },
      actor: PlanActor,
    ) => runPlanCommand(setKpiValueCommand, deps, { ...input, kpiId }, actor),
  }
}

function actionCommands(deps: PlanDeps) {
  return {
    /** An action with an owner and a due date (the form's rule); without either it is recorded as a draft. */
    addAction: (
      itemId: number,
      input: ActionInput,
      actor: PlanActor,
      firstMilestone?: { title: string; dueDate: string },
    ) => {
      const command = input.ownerId && input.dueDate ? addActionCommand : draftActionCommand
      const milestone = firstMilestone && {
        milestoneTitle: firstMilestone.title,
        milestoneDate: firstMilestone.dueDate,
      }
      return runPlanCommand(command, on(deps, { itemId }), { ...input, ...milestone }, actor)
    },
    /** Changes some of an action's fields; the others stay as they are. */
    updateAction: async (actionId: number, version: number, input: Partial<ActionInput>, actor: PlanActor) => {
      const current: Record<string, unknown> = (await deps.records.find(deps.records.db, 'action', actionId)) ?? {}
      const keep = ['title', 'leadOfficer', 'startDate', 'dueDate', 'status', 'progress'] as const
      const merged = Object.fromEntries(keep.map((k) => [k, k in input ? input[k] : current[k]]))
      return runPlanCommand(editActionCommand, on(deps, { actionId }), { ...merged, version }, actor)
    },
    overrideRag: (actionId: number, version: number, rag: string | null, reason: string | null, actor: PlanActor) =>
      runPlanCommand(
        overrideRagCommand,
        on(deps, { actionId }),
        { version, ragOverride: rag ?? '', ragOverrideReason: reason },
        actor,
      ),
    addMilestone: (actionId: number, input: { title: string; dueDate: string }, actor: PlanActor) =>
      runPlanCommand(
        addMilestoneCommand,
        on(deps, { actionId }),
        { milestoneTitle: input.title, milestoneDate: input.dueDate },
        actor,
      ),
    completeMilestone: (milestoneId: number, version: number, completedOn: string, actor: PlanActor) =>
      runPlanCommand(completeMilestoneCommand, deps, { milestoneId, version, metOn: completedOn }, actor),
  }
}

function oversightCommands(deps: PlanDeps) {
  return {
    addCommitment: (planId: number, input: Record<string, unknown>, actor: PlanActor) =>
      runPlanCommand(addCommitmentCommand, on(deps, { planId }), input, actor),
    meetCommitment: (commitmentId: number, version: number, metOn: string, actor: PlanActor) =>
      runPlanCommand(meetCommitmentCommand, deps, { commitmentId, version, metOn }, actor),
    submit: (
      planId: number,
      input: { kind: 'plan' | 'update'; summary: string; snapshot?: unknown },
      actor: PlanActor,
    ) => runPlanCommand(submitCommand, on(deps, { planId }), input, actor),
    decide: (
      submissionId: number,
      version: number,
      decision: 'accepted' | 'returned',
      reason: string,
      actor: PlanActor,
    ) => runPlanCommand(decideCommand, deps, { submissionId, version, decision, reason }, actor),
    comment: (
      planId: number,
      input: { kind: 'comment' | 'challenge'; text: string; itemId?: number | null; submissionId?: number | null },
      actor: PlanActor,
    ) => runPlanCommand(commentCommand, on(deps, { planId }), input, actor),
    answer: (challengeId: number, version: number, text: string, actor: PlanActor) =>
      runPlanCommand(answerCommand, deps, { challengeId, version, text }, actor),
    closeChallenge: (challengeId: number, version: number, actor: PlanActor) =>
      runPlanCommand(closeChallengeCommand, deps, { challengeId, version }, actor),
  }
}

export type PlanService = ReturnType<typeof planService>
