import { qualityExport } from './qualityExport.ts'

/** /la/:la/casework/snapshots/:snapshot/quality.xlsx */
export default qualityExport('xlsx')
