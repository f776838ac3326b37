import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import readline from 'node:readline'
import { loadPublicFigures, type PublicFigures } from '../engine/simulate/calibration.ts'
import { COVERED_YEARS } from '../engine/calendar/workingDays.ts'
import type { Output } from '../engine/simulate/output.ts'
import { parseProfiles } from '../engine/simulate/profiles.ts'
import {
  FORMAT_IDS,
  simulate,
  type FormatId,
  type SimulateOptions,
  type SimulateStats,
} from '../engine/simulate/run.ts'
import { PUBLIC_DATA_DIR } from './registerService.ts'

/**
 * Runs the simulator into a directory: arguments checked first (a SimulateInputError names the option and what is
 * wrong), files written into a temporary directory beside the target and renamed into place only when complete, so a
 * failed run leaves nothing behind.
 */
export class SimulateInputError extends Error {
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(message)
  }
}

let figures: PublicFigures | undefined
export function publicFigures(): PublicFigures {
  figures ??= loadPublicFigures((f) => fs.readFileSync(path.join(PUBLIC_DATA_DIR, f), 'utf8'))
  return figures
}

export interface SimulateArgs {
  la: string
  asAt: string
  years?: string | number
  seed?: string | number
  scale?: string | number
  failures?: string
  formats?: string
}

const bad = (option: string, message: string) => new SimulateInputError(option, message)

/** Checks and converts the command-line arguments. */
export function simulateOptions(a: SimulateArgs): SimulateOptions {
  const pf = publicFigures()
  const current = [...pf.las.values()]
    .filter((l) => l.isCurrent)
    .map((l) => l.laCode)
    .sort()
  const las = a.la === 'all' ? current : [a.la]
  if (a.la !== 'all' && !pf.las.get(a.la)?.isCurrent)
    throw bad(
      'la',
      `"${a.la}" is not the 3-digit code of a current local authority (for example 330 for Birmingham), nor "all"`,
    )
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(a.asAt ?? '') ||
    Number.isNaN(Date.parse(a.asAt)) ||
    new Date(a.asAt).toISOString().slice(0, 10) !== a.asAt
  )
    throw bad('as-at', `"${a.asAt}" is not a date in the form YYYY-MM-DD`)
  const years = Number(a.years ?? 1)
  if (!Number.isInteger(years) || years < 1 || years > 3)
    throw bad('years', `"${a.years}" must be a whole number of years from 1 to 3`)
  // the history (--years, plus the earlier referrals and plans it refers back to) must stay inside the bank-holiday data
  const first = `${COVERED_YEARS.from + Math.max(3, years + 1)}-04-01`
  const last = `${COVERED_YEARS.to}-03-31`
  if (a.asAt < first || a.asAt > last)
    throw bad(
      'as-at',
      `${a.asAt} is outside the dates the simulator covers with --years ${years} (${first} to ${last}; bank holidays are known for ${COVERED_YEARS.from}-${COVERED_YEARS.to})`,
    )
  const scale = Number(a.scale ?? 1)
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10)
    throw bad('scale', `"${a.scale}" must be a number above 0 and at most 10`)
  const formats = (a.formats ?? FORMAT_IDS.join(','))
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean)
  const unknown = formats.filter((f) => !FORMAT_IDS.includes(f as FormatId))
  if (unknown.length || !formats.length)
    throw bad(
      'formats',
      `unknown format ${unknown.map((u) => `"${u}"`).join(', ') || '(none given)'}; the formats are ${FORMAT_IDS.join(', ')}`,
    )
  let profiles
  try {
    profiles = parseProfiles(a.failures)
  } catch (err) {
    throw bad('failures', (err as Error).message)
  }
  return { las, asAt: a.asAt, years, seed: String(a.seed ?? '1'), scale, profiles, formats: formats as FormatId[] }
}

/** Scratch files live here inside the temporary directory, and are removed before it is renamed into place. */
const SCRATCH_DIR = '.scratch'

/** An Output writing files under a directory, honouring stream backpressure. */
export function directoryOutput(root: string): Output {
  const made = new Set<string>()
  const ensure = (file: string) => {
    const dir = path.dirname(file)
    if (made.has(dir)) return
    fs.mkdirSync(dir, { recursive: true })
    made.add(dir)
  }
  return {
    text(rel) {
      const file = path.join(root, rel)
      ensure(file)
      const s = fs.createWriteStream(file)
      return {
        write: (chunk) =>
          s.write(chunk) ? undefined : new Promise<void>((resolve) => s.once('drain', () => resolve())),
        close: () =>
          new Promise<void>((resolve, reject) => s.end((err?: Error | null) => (err ? reject(err) : resolve()))),
      }
    },
    binary(rel) {
      const file = path.join(root, rel)
      ensure(file)
      return fs.createWriteStream(file)
    },
    scratch(name) {
      const file = path.join(root, SCRATCH_DIR, name)
      ensure(file)
      const s = fs.createWriteStream(file)
      return {
        write: (chunk) =>
          s.write(chunk) ? undefined : new Promise<void>((resolve) => s.once('drain', () => resolve())),
        close: () =>
          new Promise<void>((resolve, reject) => s.end((err?: Error | null) => (err ? reject(err) : resolve()))),
        async *lines() {
          yield* readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })
          await fsp.rm(file, { force: true })
        },
      }
    },
  }
}

/** Checks that the output directory can be made (empty or absent; its parent writable). */
async function checkOut(out: string) {
  const parent = path.dirname(path.resolve(out))
  try {
    await fsp.access(parent, fs.constants.W_OK)
  } catch {
    throw bad('out', `cannot write into ${parent}: it does not exist or is not writable`)
  }
  const existing = await fsp.readdir(out).catch(() => null)
  if (existing && existing.length)
    throw bad('out', `${out} already exists and is not empty; give a new or empty directory`)
}

export async function runSimulation(
  o: SimulateOptions,
  out: string,
  progress?: (la: string, i: number) => void,
): Promise<SimulateStats> {
  await checkOut(out)
  const target = path.resolve(out)
  const temp = `${target}.partial-${process.pid}`
  await fsp.rm(temp, { recursive: true, force: true })
  try {
    await fsp.mkdir(temp)
  } catch {
    throw bad('out', `cannot write into ${path.dirname(target)}: a directory cannot be made there`)
  }
  try {
    const stats = await simulate(o, publicFigures(), directoryOutput(temp), progress)
    await fsp.rm(path.join(temp, SCRATCH_DIR), { recursive: true, force: true })
    await fsp.rm(target, { recursive: true, force: true })
    await fsp.rename(temp, target)
    return stats
  } catch (err) {
    await fsp.rm(temp, { recursive: true, force: true })
    throw err
  }
}

/**
 * The demo: a simulated Birmingham as at 31 March 2014 with the birmingham-2014 profile into dir (a new or empty
 * directory). Scale 0.5 (half Birmingham's children: about 190 assessments open beyond 45 working days, 60 referrals
 * and 700 contacts awaiting a decision, 550 unallocated cases) takes about 3 seconds with every format; scale 0.1
 * about 1 second. `formats` defaults to all.
 */
export async function writeDemoBirmingham(
  dir: string,
  o: { scale?: number; formats?: string } = {},
): Promise<SimulateStats> {
  const opts = simulateOptions({
    la: '330',
    asAt: '2014-03-31',
    years: 1,
    seed: 'demo',
    scale: o.scale ?? 0.5,
    failures: 'birmingham-2014',
    formats: o.formats,
  })
  return runSimulation(opts, dir)
}
