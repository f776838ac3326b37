import { qualityExport } from './qualityExport.ts'

/** /la/:la/casework/snapshots/:snapshot/quality.csv */
export default qualityExport('csv')
