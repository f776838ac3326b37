import type { PageController } from '../page.ts'
import {
  addAction,
  addAnalysis,
  addComment,
  addEvidence,
  agreeAnalysis,
  answerChallenge,
  evidenceFile,
  planItemPage,
} from './itemControllers.ts'
import {
  allPlansPage,
  boardReportPage,
  boardReportPdf,
  boardReportXlsx,
  myActionsPage,
  planOverviewPage,
  plansPage,
  planTimelinePage,
} from './planControllers.ts'
import { reportImportPage, reportReviewAddPage, reportReviewPage, reportStagedPdfPage } from './importControllers.ts'
import { addReportToPlanPage } from './addReportControllers.ts'
import { addMilestone, addObjective, completeMilestone } from './objectiveMilestoneControllers.ts'
import { addCommitment, addKpi, addKpiValue, kpisPage, meetCommitment } from './kpiControllers.ts'
import {
  archiveAction,
  recordHistoryPage,
  closeChallenge,
  decideSubmission,
  editAction,
  planAnswer,
  planComment,
  planReviewPage,
  submitPlan,
} from './reviewControllers.ts'

/** Every improvement-plan page, in the order they are mounted (fixed paths before parameterised ones). */
export const planPages: PageController[] = [
  allPlansPage,
  myActionsPage,
  plansPage,
  reportImportPage,
  reportReviewPage,
  reportStagedPdfPage,
  reportReviewAddPage,
  addReportToPlanPage,
  boardReportPdf,
  boardReportXlsx,
  boardReportPage,
  planTimelinePage,
  addKpiValue,
  addKpi,
  kpisPage,
  meetCommitment,
  addCommitment,
  planReviewPage,
  submitPlan,
  decideSubmission,
  planComment,
  planAnswer,
  closeChallenge,
  archiveAction,
  recordHistoryPage,
  completeMilestone,
  addMilestone,
  editAction,
  evidenceFile,
  addAnalysis,
  agreeAnalysis,
  addObjective,
  addAction,
  addEvidence,
  addComment,
  answerChallenge,
  planItemPage,
  planOverviewPage,
]
