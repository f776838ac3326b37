import { annexACsv, annexAWorkbook } from './annexA/index.ts'
import { cinCensus } from './cin/index.ts'
import { dfeApiFile } from './dfeApi/index.ts'
import { ssdCsv } from './ssd/index.ts'
import { ssda903Csv, ssda903Xml } from './ssda903/index.ts'
import type { Detected, ReturnFile, ReturnFormat } from './format.ts'

/**
 * Every return format Sightline reads, each declared once; the first whose `detect` recognises a file reads it (the
 * API's JSON bodies before the CSV readers, which would take a JSON file for a CSV of one column).
 */
export const RETURN_FORMATS: readonly ReturnFormat[] = [
  cinCensus,
  ssda903Xml,
  dfeApiFile,
  annexAWorkbook,
  ssdCsv,
  ssda903Csv,
  annexACsv,
]

export function detectReturn(file: ReturnFile): { format: ReturnFormat; detected: Detected } | null {
  for (const format of RETURN_FORMATS) {
    const detected = format.detect(file)
    if (detected) return { format, detected }
  }
  return null
}
