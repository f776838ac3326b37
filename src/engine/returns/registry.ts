import { annexACsv, annexAWorkbook } from './annexA/index.ts'
import { cinCensus } from './cin/index.ts'
import { ssda903Csv, ssda903Xml } from './ssda903/index.ts'
import type { Detected, ReturnFile, ReturnFormat } from './format.ts'

/** Every return format Sightline reads, each declared once; the first whose `detect` recognises a file reads it. */
export const RETURN_FORMATS: readonly ReturnFormat[] = [cinCensus, ssda903Xml, annexAWorkbook, ssda903Csv, annexACsv]

export function detectReturn(file: ReturnFile): { format: ReturnFormat; detected: Detected } | null {
  for (const format of RETURN_FORMATS) {
    const detected = format.detect(file)
    if (detected) return { format, detected }
  }
  return null
}
