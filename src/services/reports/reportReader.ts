import { sniffUpload } from '../../engine/uploads/sniff.ts'
import { FRAMEWORKS, sameCouncil, type Framework, type RecommendationInput } from '../../engine/plans/reports.ts'
import { InputError } from '../commands/command.ts'
import type { PlanService } from '../plans/index.ts'

/** What the Ofsted report reader (src/engine/inspections, parseOfstedReport) returns. */
export interface Extraction {
  la: string | null
  framework: string | null
  inspectionStart: string | null
  inspectionEnd: string | null
  published: string | null
  judgements: Array<{ area: string; grade: string }>
  lscbJudgement: string | null
  recommendations: RecommendationInput[]
  flags?: unknown[]
}

export type Extractor = (bytes: Uint8Array) => Promise<Extraction> | Extraction

/**
 * The reader lives in src/engine/inspections (another feature); loaded on first use so this module has no hard dependency.
 * The path is written out in the import so that the compiled build (scripts/build) finds it.
 */
async function defaultExtractor(): Promise<Extractor> {
  try {
    const mod = (await import('../../engine/inspections/index.ts')) as { parseOfstedReport?: Extractor }
    if (typeof mod.parseOfstedReport === 'function') return mod.parseOfstedReport
  } catch {
    // fall through
  }
  throw InputError.field(
    'report',
    'The Ofsted report reader is not installed in this version of Sightline, so reports cannot be imported yet',
  )
}

/** Reads an uploaded report: a PDF within the size limit, else the reader's own message about what is wrong. */
export async function readReport(
  bytes: Buffer,
  options: { reportLimitBytes: number; extractor?: Extractor },
): Promise<Extraction> {
  const sniffed = sniffUpload(bytes, options.reportLimitBytes)
  if (!sniffed.ok)
    throw InputError.field('report', sniffed.message.replace('a PDF, DOCX, XLSX, CSV, PNG or JPEG', 'a PDF'))
  if (sniffed.kind !== 'pdf') throw InputError.field('report', 'The selected file must be a PDF')
  const extract = options.extractor ?? (await defaultExtractor())
  try {
    return await extract(new Uint8Array(bytes))
  } catch (err) {
    // The reader says what is wrong (encrypted, corrupt, no text layer, not an Ofsted LA report): pass it on.
    throw InputError.field('report', (err as Error).message || 'The report could not be read')
  }
}

/**
 * Checks a reading against the register for the LA it is imported for: a report naming another council is flagged;
 * and since most reports do not print their publication date while Ofsted's outcome files (the register) do, when the
 * register holds the same inspection its date is proposed, flagged for the reviewer to check, never silently taken.
 */
export async function checkAgainstRegister(plans: PlanService, e: Extraction, laCode: string): Promise<Extraction> {
  const registerName = await plans.laName(laCode)
  if (e.la && registerName && !sameCouncil(e.la, registerName))
    e = {
      ...e,
      flags: [
        ...(e.flags ?? []),
        {
          field: 'la',
          message: `The report names ${e.la}, but you are importing it for ${registerName}: check you chose the right file`,
        },
      ],
    }
  if (e.published || !FRAMEWORKS.includes(e.framework as Framework)) return e
  const match = await plans.registerMatch({
    laCode,
    framework: e.framework as Framework,
    inspectionStart: e.inspectionStart,
    inspectionEnd: e.inspectionEnd,
    published: null,
  })
  if (!match?.published) return e
  const flags = (e.flags ?? []).filter((f) => (f as { field?: string }).field !== 'published')
  flags.push({
    field: 'published',
    message: `Not printed in the report: taken from Ofsted’s list of inspections (${match.framework}, published ${match.published}). Check it`,
  })
  return { ...e, published: match.published, flags }
}
