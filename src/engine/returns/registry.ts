import { annexACsv, annexAWorkbook } from './annexA/index.ts'
import { cinCensus } from './cin/index.ts'
import { dfeApiFile } from './dfeApi/index.ts'
import type { Detected, ReturnFile, ReturnFormat } from './format.ts'

/** Every return format Sightline reads, each declared once; the first whose `detect` recognises a file reads it. */
export const RETURN_FORMATS: readonly ReturnFormat[] = [cinCensus, dfeApiFile, annexAWorkbook, annexACsv]

export function detectReturn(file: ReturnFile): { format: ReturnFormat; detected: Detected } | null {
  for (const format of RETURN_FORMATS) {
    const detected = format.detect(file)
    if (detected) return { format, detected }
  }
  return null
}
