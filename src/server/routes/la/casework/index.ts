import type { PageController } from '../../page.ts'
import snapshots from './snapshotsController.ts'
import upload from './upload/uploadController.ts'
import uploadStatus from './uploads/uploadStatusController.ts'
import quality from './snapshots/quality/qualityController.ts'
import qualityCsv from './snapshots/quality/qualityCsvController.ts'
import qualityXlsx from './snapshots/quality/qualityXlsxController.ts'

/** The LA's casework pages, in mounting order. */
export const caseworkPages: PageController[] = [snapshots, upload, uploadStatus, quality, qualityCsv, qualityXlsx]
