import type { PageController } from '../../page.ts'
import childTimeline from './child/childTimelineController.ts'
import unworkedCsv from './unworkedCsvController.ts'
import unworked from './unworkedController.ts'
import unworkedXlsx from './unworkedXlsxController.ts'

/** The children-waiting pages, in mounting order. */
export const unworkedPages: PageController[] = [unworked, unworkedCsv, unworkedXlsx, childTimeline]
