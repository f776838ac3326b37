import { unworkedExport } from './unworkedExport.ts'

/** /la/:la/unworked.csv */
export default unworkedExport('csv')
