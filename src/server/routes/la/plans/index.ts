import type { PageController } from '../../page.ts'
import { allPlansPage } from '../../plans/allPlansController.ts'
import { myActionsPage } from '../../my-actions/myActionsController.ts'
import { plansPage } from './plansController.ts'
import { planOverviewPage } from './planOverviewController.ts'
import { planTimelinePage } from './timeline/planTimelineController.ts'
import { boardReportPage } from './board/boardReportController.ts'
import { boardReportPdf } from './board/boardReportPdfController.ts'
import { boardReportXlsx } from './board/boardReportXlsxController.ts'
import { reportImportPage } from '../reports/import/reportImportController.ts'
import { reportReviewPage } from '../reports/import/reportReviewController.ts'
import { reportStagedPdfPage } from '../reports/import/stagedReportPdfController.ts'
import { reportReviewAddPage } from '../reports/import/add/addRecommendationRowController.ts'
import { addReportToPlanPage } from '../reports/add-to-plan/addReportToPlanController.ts'
import addCommitment from './commitments/addCommitmentController.ts'
import meetCommitment from './commitments/met/meetCommitmentController.ts'
import kpisPage from './kpis/kpisController.ts'
import addKpi from './kpis/new/addKpiController.ts'
import addKpiValue from './kpis/values/addKpiValueController.ts'
import { planReviewPage } from './review/planReviewController.ts'
import { submitPlan } from './review/submit/submitPlanController.ts'
import { decideSubmission } from './review/decide/decideSubmissionController.ts'
import { planComment } from './review/comment/planCommentController.ts'
import { planAnswer } from './review/answer/planAnswerController.ts'
import { closeChallenge } from './review/close/closeChallengeController.ts'
import { editAction } from './actions/editActionController.ts'
import { archiveAction } from './actions/archive/archiveActionController.ts'
import { addMilestone } from './actions/milestones/addMilestoneController.ts'
import { completeMilestone } from './actions/milestones/met/completeMilestoneController.ts'
import { recordHistoryPage } from './history/recordHistoryController.ts'
import { evidenceFile } from './evidence/evidenceFileController.ts'
import { planItemPage } from './items/planItemController.ts'
import { addAnalysis } from './items/analyses/addAnalysisController.ts'
import { agreeAnalysis } from './items/analyses/agree/agreeAnalysisController.ts'
import { addObjective } from './items/objectives/addObjectiveController.ts'
import { addAction } from './items/actions/addActionController.ts'
import { addEvidence } from './items/evidence/addEvidenceController.ts'
import { addComment } from './items/comments/addCommentController.ts'
import { answerChallenge } from './items/answers/answerChallengeController.ts'

/**
 * Every improvement-plan page (and the report import and add-to-plan pages that feed plans), one controller each in the
 * folder of its URL (`/la/:la/plans/:plan/items/:item/analyses` -> `la/plans/items/analyses/`), in the order they are
 * mounted (fixed paths before parameterised ones).
 */
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
