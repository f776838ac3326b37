import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { GRADES, type Grade } from '../../engine/grades.ts'
import { sniffUpload } from '../../engine/uploads/sniff.ts'
import { FRAMEWORKS, sameCouncil, type Framework, type RecommendationInput } from '../../engine/plans/reports.ts'
import { InputError } from '../commands/command.ts'
import { PlanForbiddenError } from '../planErrors.ts'
import type { PlanActor, PlanService } from '../plans/index.ts'
import type { ConfirmedReport } from './importReport.ts'

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

export interface PendingImport {
  token: string
  laCode: string
  userId: number | null
  fileName: string
  createdAt: string
  extraction: Extraction
}

const TOKEN = /^[a-f0-9]{32}$/
const STALE_MS = 24 * 3600_000

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

/**
 * Import in two steps, so that nothing is saved until a person has confirmed every field: `stage` reads the PDF and
 * keeps it (and the extraction) in a private folder under the data directory; `confirm` saves the corrected report
 * through the plan service and removes the staged files; `discard` removes them. Stale staged files are removed after a day.
 */
export function reportImportService(
  plans: PlanService,
  options: { dataDir: string; reportLimitBytes: number; extractor?: Extractor },
) {
  const dir = path.join(options.dataDir, 'imports')
  const files = (token: string) => {
    if (!TOKEN.test(token)) throw InputError.field('report', 'This import has expired: upload the report again')
    return { pdf: path.join(dir, `${token}.pdf`), json: path.join(dir, `${token}.json`) }
  }

  function removeStale() {
    if (!fs.existsSync(dir)) return
    for (const f of fs.readdirSync(dir)) {
      const full = path.join(dir, f)
      if (Date.now() - fs.statSync(full).mtimeMs > STALE_MS) fs.rmSync(full, { force: true })
    }
  }

  async function read(bytes: Buffer): Promise<Extraction> {
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
   * Reads a report for an LA and checks it against the register: a report naming another council is flagged; and since
   * most reports do not print their publication date while Ofsted's outcome files (the register) do, when the register
   * holds the same inspection its date is proposed, flagged for the reviewer to check, never silently taken.
   */
  async function readFor(bytes: Buffer, laCode: string): Promise<Extraction> {
    let e = await read(bytes)
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

  return {
    /** Reads a report without keeping anything (CLI `reports import`, which has no review page). */
    read,

    readFor,

    async stage(input: { bytes: Buffer; fileName: string; laCode: string }, actor: PlanActor): Promise<PendingImport> {
      if (actor.laScope && !actor.laScope.includes(input.laCode))
        throw new PlanForbiddenError('You do not have access to this local authority')
      const extraction = await readFor(input.bytes, input.laCode)
      removeStale()
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
      const token = crypto.randomBytes(16).toString('hex')
      const pending: PendingImport = {
        token,
        laCode: input.laCode,
        userId: actor.id,
        fileName: input.fileName,
        createdAt: new Date().toISOString(),
        extraction,
      }
      const f = files(token)
      fs.writeFileSync(f.pdf, input.bytes, { mode: 0o600 })
      fs.writeFileSync(f.json, JSON.stringify(pending), { mode: 0o600 })
      return pending
    },

    /** The staged import, only for the person who uploaded it and only on its LA. */
    pending(token: string, laCode: string, actor: PlanActor): PendingImport {
      const f = files(token)
      if (!fs.existsSync(f.json)) throw InputError.field('report', 'This import has expired: upload the report again')
      const pending = JSON.parse(fs.readFileSync(f.json, 'utf8')) as PendingImport
      if (pending.laCode !== laCode || pending.userId !== actor.id)
        throw new PlanForbiddenError('This import belongs to someone else')
      return pending
    },

    async confirm(
      token: string,
      laCode: string,
      report: Omit<ConfirmedReport, 'laCode' | 'file' | 'flags' | 'extraction'>,
      actor: PlanActor,
    ) {
      const pending = this.pending(token, laCode, actor)
      const f = files(token)
      const result = await plans.importReport(
        {
          ...report,
          laCode,
          file: { bytes: fs.readFileSync(f.pdf), fileName: pending.fileName },
          flags: pending.extraction.flags ?? [],
          extraction: pending.extraction,
        },
        actor,
      )
      fs.rmSync(f.pdf, { force: true })
      fs.rmSync(f.json, { force: true })
      return result
    },

    discard(token: string, laCode: string, actor: PlanActor) {
      this.pending(token, laCode, actor)
      const f = files(token)
      fs.rmSync(f.pdf, { force: true })
      fs.rmSync(f.json, { force: true })
    },
  }
}

export type ReportImportService = ReturnType<typeof reportImportService>

/** The extraction as a report to save unchanged (CLI import): grades spelt as Sightline spells them. */
export function extractionAsReport(e: Extraction, laCode: string): ConfirmedReport {
  // 'Adequate' (the third grade before 2013) is saved as Ofsted's outcome files record it; the reader flagged it.
  const grade = (g: string | null) =>
    g
      ? ((GRADES.find((x) => x.toLowerCase() === g.trim().toLowerCase()) ??
          (/^adequate$/i.test(g.trim()) ? 'Requires improvement' : g)) as Grade)
      : null
  return {
    laCode,
    framework: (e.framework ?? 'other') as ConfirmedReport['framework'],
    inspectionStart: e.inspectionStart,
    inspectionEnd: e.inspectionEnd,
    published: e.published,
    judgements: e.judgements.map((j) => ({ area: j.area, grade: grade(j.grade)! })),
    lscbJudgement: grade(e.lscbJudgement),
    recommendations: e.recommendations,
    flags: e.flags ?? [],
    extraction: e,
  }
}
