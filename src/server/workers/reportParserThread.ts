/**
 * The worker thread that reads Ofsted reports for the web server (reportParser.ts): one report at a time, posted as
 * { id, bytes }; answers { id, ok: true, report } or { id, ok: false, code, message }. It says 'ready' once the reader
 * is loaded, so the time limit counts reading only.
 */
import { parentPort } from 'node:worker_threads'
import { parseOfstedReport, ReportParseError } from '../../engine/inspections/index.ts'

const port = parentPort!
port.on('message', async ({ id, bytes }: { id: number; bytes: ArrayBuffer }) => {
  try {
    const report = await parseOfstedReport(new Uint8Array(bytes))
    port.postMessage({ id, ok: true, report })
  } catch (err) {
    const known = err instanceof ReportParseError
    port.postMessage({
      id,
      ok: false,
      code: known ? err.code : 'corrupt',
      message: known ? err.message : 'This PDF cannot be read: it may be damaged',
    })
  }
})
port.postMessage('ready')
