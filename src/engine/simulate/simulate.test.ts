import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { before, describe, it } from 'node:test'
import AjvModule from 'ajv'
import addFormatsModule from 'ajv-formats'
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import { loadPublicFigures, type PublicFigures } from './calibration.ts'
import { memoryOutput } from './output.ts'
import { parseProfiles } from './profiles.ts'
import { FORMAT_IDS, simulate, type SimulateOptions } from './run.ts'

// ajv and ajv-formats are CommonJS with a default export: take it from the module under NodeNext.
const Ajv = AjvModule.default
const addFormats = addFormatsModule.default
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const fixtures = path.join(root, 'test', 'fixtures', 'simulate')
let pf: PublicFigures

const options = (o: Partial<SimulateOptions> = {}): SimulateOptions => ({
  las: ['330'],
  asAt: '2014-03-31',
  years: 1,
  seed: '7',
  scale: 0.03,
  profiles: parseProfiles('birmingham-2014'),
  formats: [...FORMAT_IDS],
  ...o,
})

async function run(o: Partial<SimulateOptions> = {}) {
  const out = memoryOutput()
  await simulate(options(o), pf, out)
  return out.files
}

/** The DOS date and time of every entry in a zip's central directory, as YYYY-MM-DD hh:mm:ss. */
function zipEntryTimes(zip: Buffer): string[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  let at = zip.readUInt32LE(end + 16)
  const out: string[] = []
  for (let i = zip.readUInt16LE(end + 10); i > 0; i--) {
    const time = zip.readUInt16LE(at + 12)
    const date = zip.readUInt16LE(at + 14)
    const two = (n: number) => String(n).padStart(2, '0')
    out.push(
      `${1980 + (date >> 9)}-${two((date >> 5) & 15)}-${two(date & 31)} ${two(time >> 11)}:${two((time >> 5) & 63)}:${two((time & 31) * 2)}`,
    )
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
  }
  return out
}

function xmllintValid(xml: Buffer, schemaYear: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-xsd-'))
  const file = path.join(dir, 'cin.xml')
  fs.writeFileSync(file, xml)
  try {
    return execFileSync('xmllint', ['--noout', '--schema', path.join(fixtures, `CIN_schema_${schemaYear}.xsd`), file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

let files: Map<string, Buffer>
before(async () => {
  pf = loadPublicFigures((f) => fs.readFileSync(path.join(root, 'data', 'public', f), 'utf8'))
  files = await run()
})

describe('simulator output (in memory): determinism and the CIN census', () => {
  it('gives byte-identical output for the same seed, and different output for another seed', async () => {
    const again = await run()
    assert.deepEqual([...again.keys()].sort(), [...files.keys()].sort())
    for (const [name, body] of files) assert.ok(body.equals(again.get(name)!), `${name} differs between two runs`)
    // the workbook's zip entries all carry one fixed timestamp (not the time of the run), so other runs match too
    assert.deepEqual(
      [...new Set(zipEntryTimes(files.get('annex-a.xlsx')!))],
      [zipEntryTimes(files.get('annex-a.xlsx')!)[0]],
    )
    assert.ok(zipEntryTimes(files.get('annex-a.xlsx')!)[0].startsWith('2000-'), 'fixed entry date')
    const other = await run({ seed: '8' })
    assert.notEqual(other.get('cin-census.xml')!.toString(), files.get('cin-census.xml')!.toString())
  })

  it('writes CIN census XML that xmllint validates against the collection year XSD', async () => {
    assert.doesNotThrow(() => xmllintValid(files.get('cin-census.xml')!, 2021))
    for (const [asAt, year] of [
      ['2023-03-31', 2023],
      ['2025-03-31', 2025],
      ['2026-01-15', 2026],
    ] as const) {
      const xml = (await run({ asAt, scale: 0.01, formats: ['cin-xml'] })).get('cin-census.xml')!
      assert.doesNotThrow(() => xmllintValid(xml, year), `CIN XML for ${asAt} against the ${year} XSD`)
      assert.match(xml.toString(), year >= 2025 ? /<Sex>[MFU]<\/Sex>/ : /<GenderCurrent>[012]<\/GenderCurrent>/)
    }
    // xmllint really checks: an element out of place fails
    const broken = files.get('cin-census.xml')!.toString().replace('<ReferralNFA>', '<Bogus/><ReferralNFA>')
    assert.throws(() => xmllintValid(Buffer.from(broken), 2021))
  })
})

describe('simulator output (in memory): the API, Annex A and SSDA903', () => {
  it('writes DfE CSC API bodies of at most 100 children that validate against the OpenAPI schema', () => {
    const spec = JSON.parse(fs.readFileSync(path.join(fixtures, 'dfe-csc-api-openapi.json'), 'utf8'))
    const ajv = new Ajv({ allErrors: true, strict: false })
    addFormats(ajv)
    ajv.addSchema({ components: spec.components }, 'spec')
    const validate = ajv.getSchema('spec#/components/schemas/CSC')!
    const bodies = [...files.keys()].filter((k) => k.startsWith('dfe-api/')).sort()
    assert.ok(bodies.length >= 2)
    for (const [i, name] of bodies.entries()) {
      const body = JSON.parse(files.get(name)!.toString())
      if (i < bodies.length - 1) assert.equal(body.length, 100, `${name} is a full batch`)
      else assert.ok(body.length >= 1 && body.length <= 100, `${name} has ${body.length} children`)
      assert.ok(validate(body), `${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`)
    }
    const first = JSON.parse(files.get(bodies[0])!.toString())
    first[0].child_details.shoe_size = 9
    assert.equal(validate(first), false, 'a property the schema does not allow is refused')
  })

  it("writes the Annex A workbook with every list sheet and Ofsted's headings, matching the CSVs", async () => {
    const headings: string[][] = JSON.parse(fs.readFileSync(path.join(fixtures, 'annex-a-headings.json'), 'utf8'))
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(files.get('annex-a.xlsx')! as unknown as ArrayBuffer)
    for (let i = 1; i <= 11; i++) {
      const ws = wb.getWorksheet(`List_${i}`)
      assert.ok(ws, `sheet List_${i}`)
      const header = (ws.getRow(1).values as unknown[]).slice(1)
      assert.deepEqual(header, headings[i - 1], `List_${i} headings`)
      const csv = Papa.parse<string[]>(files.get(`annex-a/List_${i}.csv`)!.toString(), { skipEmptyLines: true }).data
      assert.deepEqual(csv[0], headings[i - 1])
      assert.equal(ws.actualRowCount, csv.length, `List_${i} rows in the workbook and the CSV`)
      if (i <= 9) assert.ok(csv.length > 1, `List_${i} has rows`)
    }
  })

  it('adds earlier years of history to the API feed with --years, leaving the year itself unchanged', async () => {
    const one = await run({ scale: 0.01, formats: ['cin-xml', 'dfe-api-json'] })
    const two = await run({ scale: 0.01, formats: ['cin-xml', 'dfe-api-json'], years: 2 })
    assert.ok(one.get('cin-census.xml')!.equals(two.get('cin-census.xml')!))
    const episodes = (f: Map<string, Buffer>) =>
      [...f.entries()]
        .filter(([k]) => k.startsWith('dfe-api/'))
        .flatMap(([, b]) =>
          JSON.parse(b.toString()).flatMap(
            (c: { social_care_episodes: { referral_date: string }[] }) => c.social_care_episodes,
          ),
        )
    const before = (f: Map<string, Buffer>) => episodes(f).filter((e) => e.referral_date < '2012-04-01').length
    assert.ok(episodes(two).length > episodes(one).length)
    assert.ok(before(two) > before(one), 'episodes referred in 2011-12')
    const oneTruth = JSON.parse(one.get('truth.json')!.toString())
    const twoTruth = JSON.parse(two.get('truth.json')!.toString())
    assert.deepEqual(twoTruth.indicators, oneTruth.indicators)
  })

  it('writes every SSDA903 table with its columns', () => {
    for (const t of [
      'header',
      'episodes',
      'reviews',
      'uasc',
      'oc2',
      'oc3',
      'ad1',
      'placed_for_adoption',
      'missing',
      'prev_perm',
      'sw_episodes',
    ]) {
      const rows = Papa.parse<string[]>(files.get(`ssda903/${t}.csv`)!.toString(), { skipEmptyLines: true }).data
      assert.equal(rows[0][0], 'CHILD', t)
    }
    const ep = Papa.parse<Record<string, string>>(files.get('ssda903/episodes.csv')!.toString(), {
      header: true,
      skipEmptyLines: true,
    }).data
    assert.ok(ep.every((r) => /^\d{2}\/\d{2}\/\d{4}$/.test(r.DECOM) && ['S', 'L', 'P', 'T', 'B', 'U'].includes(r.RNE)))
  })
})
