import { unworkedExport } from './unworkedExport.ts'

/** /la/:la/unworked.xlsx */
export default unworkedExport('xlsx')
