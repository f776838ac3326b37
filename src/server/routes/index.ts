import type { PageController } from './page.ts'
import signIn from './auth/signInController.ts'
import signOut from './auth/signOutController.ts'
import health from './health/healthController.ts'
import audit from './audit/auditController.ts'
import { overviewPage } from './overview/overviewController.ts'
import overviewCsv from './overview/overviewCsvController.ts'
import { laPage } from './la/laController.ts'
import laStatisticsCsv from './la/statisticsCsvController.ts'
import { interventionPages } from './la/intervention/index.ts'
import riskPage from './la/risk/riskAnalysisController.ts'
import riskCsv from './la/risk/riskCsvController.ts'
import riskPdf from './la/risk/riskPdfController.ts'
import riskRanking from './risk/riskRankingController.ts'
import riskRankingCsv from './risk/riskRankingCsvController.ts'
import { planPages } from './la/plans/index.ts'
import { toReviewPage } from './to-review/toReviewController.ts'
import { partnershipPage } from './partnership/partnershipController.ts'
import { caseworkPages } from './la/casework/index.ts'
import indicatorsPage from './la/indicators/indicatorsController.ts'
import indicatorsCsvPage from './la/indicators/indicatorsCsvController.ts'
import { unworkedPages } from './la/unworked/index.ts'
import { unworkedCountsPage } from './unworked/unworkedCountsController.ts'

/**
 * Every page of the web app. The authorisation test walks this list for every role, so a page that is not listed
 * here does not exist. Add new controllers at the end of the list.
 */
export const pages: PageController[] = [
  signIn,
  signOut,
  health,
  audit,
  overviewPage,
  overviewCsv,
  laPage,
  laStatisticsCsv,
  riskPage,
  riskCsv,
  riskPdf,
  riskRanking,
  riskRankingCsv,
  ...interventionPages,
  ...planPages,
  toReviewPage,
  partnershipPage,
  ...caseworkPages,
  indicatorsPage,
  indicatorsCsvPage,
  ...unworkedPages,
  unworkedCountsPage,
]
