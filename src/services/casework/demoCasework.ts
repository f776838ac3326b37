import fs from 'node:fs'
import path from 'node:path'
import type { IngestFile } from '../../engine/casework/ingest.ts'

/** Every file of a simulator output directory that the casework store reads (the Annex A CSVs repeat the workbook). */
export function simulatedFiles(dir: string): IngestFile[] {
  const sub = (d: string) =>
    fs.existsSync(path.join(dir, d))
      ? fs
          .readdirSync(path.join(dir, d))
          .sort()
          .map((f) => path.join(d, f))
      : []
  return ['cin-census.xml', 'annex-a.xlsx', ...sub('dfe-api'), ...sub('ssda903'), ...sub('ssd')]
    .filter((f) => fs.existsSync(path.join(dir, f)))
    .map((f) => ({ fileName: path.basename(f), path: path.join(dir, f) }))
}
