/**
 * A worker thread that writes the demo's simulated Birmingham casework (see startup.ts), so the simulation (several
 * seconds of CPU) runs beside the rest of the first start and never holds up the web server's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { writeDemoBirmingham } from './services/simulateService.ts'

const stats = await writeDemoBirmingham((workerData as { dir: string }).dir)
parentPort!.postMessage(stats)
