import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ingestUpload, type IngestFile } from '../../src/engine/casework/ingest.ts'
import { openCaseworkStore, type CaseworkStore } from '../../src/engine/casework/store.ts'
import { runSimulation, simulateOptions } from '../../src/services/simulateService.ts'

export const FIXTURES = path.resolve('test/fixtures/casework')
export const fixture = (name: string) => path.join(FIXTURES, name)
export const tmpDir = (prefix = 'casework-') => fs.mkdtempSync(path.join(os.tmpdir(), prefix))

/** An independent count: xmllint's XPath over the file. */
export const xmlCount = (file: string, xpath: string) =>
  Number(execFileSync('xmllint', ['--xpath', `count(${xpath})`, file], { encoding: 'utf8' }).trim())

export async function freshStore(laCode: string, o: { keepDayOfBirth?: boolean } = {}): Promise<CaseworkStore> {
  return openCaseworkStore({ dataDir: tmpDir(), laCode, ...o })
}

export const asFiles = (...paths: string[]): IngestFile[] => paths.map((p) => ({ fileName: path.basename(p), path: p }))

export async function ingest(store: CaseworkStore, asAt: string, ...paths: string[]) {
  return ingestUpload(store, asFiles(...paths), { asAt })
}

/** Writes a file in a fresh temporary directory and returns its path. */
export function writeTemp(name: string, content: string | Buffer): string {
  const file = path.join(tmpDir('casework-file-'), name)
  fs.writeFileSync(file, content)
  return file
}

const simulated = new Map<string, Promise<string>>()
/** Simulator output for one LA (cached per process), every format, into a temporary directory. */
export function simulatedLa(la = '330', scale = 0.03, seed = 'casework'): Promise<string> {
  const key = `${la}/${scale}/${seed}`
  let dir = simulated.get(key)
  if (!dir) {
    const out = path.join(tmpDir('casework-sim-'), 'out')
    dir = runSimulation(simulateOptions({ la, asAt: '2014-03-31', years: 1, seed, scale }), out).then(() => out)
    simulated.set(key, dir)
  }
  return dir
}
