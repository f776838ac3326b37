import type { PageController } from '../../page.ts'
import interventionsDashboard from '../../interventions/interventionsController.ts'
import calendar from '../../calendar/calendarController.ts'
import calendarIcs from '../../calendar/calendarIcsController.ts'
import notifications from '../../notifications/notificationsController.ts'
import interventionLaPage from './interventionController.ts'
import addCommitment from './commitments/addCommitmentController.ts'
import completeCommitment from './commitments/done/completeCommitmentController.ts'
import addEvent from './events/addEventController.ts'
import recordDecision from './decisions/recordDecisionController.ts'
import letterPdf from './letters/letterPdfController.ts'

/** The intervention oversight pages, one controller each (folder = URL). */
export const interventionPages: PageController[] = [
  letterPdf,
  interventionsDashboard,
  interventionLaPage,
  addCommitment,
  completeCommitment,
  addEvent,
  recordDecision,
  calendar,
  calendarIcs,
  notifications,
]
