import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ingestUpload, type IngestFile } from '../../src/engine/casework/ingest.ts'
import { openCaseworkStore, type CaseworkStore } from '../../src/engine/casework/store.ts'
import { simulatedOnce } from '../support/simulations.ts'

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

/**
 * Simulator output for one LA, every format, made once per test run (test/support/simulations.ts) and shared by the
 * casework test files that read it: read-only (copy a file before changing it).
 */
export function simulatedLa(la = '330', scale = 0.03, seed = 'casework'): Promise<string> {
  return simulatedOnce({ la, asAt: '2014-03-31', years: 1, seed, scale })
}
