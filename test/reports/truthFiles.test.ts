// Checks that every hand-made ground-truth file for the real Ofsted reports is well formed. It reads the JSON only:
// it never runs the report reader, so the truth files stay independent of the code they are used to test.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'

const root = path.resolve(import.meta.dirname, '..', 'fixtures')
const folders = ['ofsted-reports', 'ofsted-reports-corpus'].map((f) => path.join(root, f))

const baseCategories = [
  'Priority and immediate action',
  'Areas for improvement',
  'Recommendations',
  'What needs to improve',
  'What needs to improve in this area of social work practice',
  'Area for priority action',
  'Areas for priority action',
  'Areas for improvement: Immediately',
  'Areas for improvement: Within three months',
  'Areas for improvement: Within six months',
]
const categories = new Set(baseCategories.flatMap((c) => [c, `LSCB: ${c}`]))
const frameworks = new Set(['SIF', 'ILACS', 'focused visit', 'monitoring visit', 'other'])
const addressees = new Set(['local authority', 'safeguarding board'])

interface Recommendation {
  number: string | null
  category: string
  text: string
  addressee?: string
  page?: number
  full_text?: string
  sub_items?: string[]
}

function isRealIsoDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

function pageCount(pdf: string): number {
  const text = fs.readFileSync(pdf, 'latin1')
  const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/g)].map((m) => Number(m[1]))
  return counts.length ? Math.max(...counts) : Number.POSITIVE_INFINITY
}

function checkRecommendation(rec: Recommendation, where: string, pages: number): void {
  assert.ok(categories.has(rec.category), `${where}: unknown category "${rec.category}"`)
  assert.ok(rec.number === null || /^\d+$/.test(rec.number), `${where}: number must be digits or null`)
  assert.ok(typeof rec.text === 'string' && rec.text.length > 0 && rec.text.length <= 80, `${where}: text 1-80 chars`)
  // text is the first 80 characters of the collapsed text, so a cut at 80 may end in the space between two words
  const collapsed = rec.text.length === 80 ? rec.text.replace(/ $/, '') : rec.text
  assert.equal(collapsed, collapsed.replace(/\s+/g, ' ').trim(), `${where}: text whitespace not collapsed`)
  if (rec.full_text !== undefined) {
    assert.equal(rec.text, rec.full_text.slice(0, 80), `${where}: text is not the first 80 characters of full_text`)
    assert.equal(
      rec.full_text,
      rec.full_text.replace(/\s+/g, ' ').trim(),
      `${where}: full_text whitespace not collapsed`,
    )
  }
  for (const sub of rec.sub_items ?? []) {
    assert.ok(typeof sub === 'string' && sub.length > 0 && sub.length <= 80, `${where}: sub_items must be 1-80 chars`)
    if (rec.full_text !== undefined) assert.ok(rec.full_text.includes(sub), `${where}: sub-item not in full_text`)
  }
  if (rec.addressee !== undefined) {
    assert.ok(addressees.has(rec.addressee), `${where}: unknown addressee "${rec.addressee}"`)
    const lscb = rec.category.startsWith('LSCB: ')
    assert.equal(rec.addressee === 'safeguarding board', lscb, `${where}: addressee does not match its category`)
  }
  if (rec.page !== undefined) {
    assert.ok(Number.isInteger(rec.page) && rec.page >= 1 && rec.page <= pages, `${where}: page out of the PDF`)
  }
}

const truthFiles = folders.flatMap((folder) =>
  fs.existsSync(folder)
    ? fs
        .readdirSync(folder)
        .filter((f) => f.endsWith('.truth.json'))
        .map((f) => path.join(folder, f))
    : [],
)

describe('ground-truth files for real Ofsted reports', () => {
  it('finds the truth files, each beside its PDF', () => {
    const corpusTruth = truthFiles.filter((f) => path.dirname(f) === folders[1])
    assert.ok(corpusTruth.length >= 45, `only ${corpusTruth.length} corpus truth files found`)
    for (const file of truthFiles) assert.ok(fs.existsSync(file.replace(/\.truth\.json$/, '.pdf')), `${file}: no PDF`)
  })

  for (const file of truthFiles) {
    it(`${path.basename(file)} is well formed`, () => {
      const truth = JSON.parse(fs.readFileSync(file, 'utf8'))
      const name = path.basename(file)
      for (const key of ['la', 'la_as_printed', 'inspection_dates']) {
        assert.ok(typeof truth[key] === 'string' && truth[key].trim(), `${name}: ${key} missing`)
      }
      assert.ok(frameworks.has(truth.framework), `${name}: unknown framework "${truth.framework}"`)
      // inspected before publication: every year printed in the dates lies between 2012 and the publication year
      const years = [...truth.inspection_dates.matchAll(/(?:^|\D)(20\d\d)(?!\d)/g)].map((m) => Number(m[1]))
      assert.ok(years.length > 0, `${name}: no year in inspection_dates`)
      for (const year of years) {
        assert.ok(year >= 2012 && year <= Number(truth.published.slice(0, 4)), `${name}: inspection year ${year}`)
      }
      assert.ok(isRealIsoDate(truth.published), `${name}: published "${truth.published}" is not a real date`)
      // the file name carries Ofsted's listing date; where the report prints another, it is kept in published_listing
      const listed = truth.published_listing ?? truth.published
      assert.ok(listed === truth.published || isRealIsoDate(listed), `${name}: published_listing is not a real date`)
      assert.ok(name.includes(`_${listed}_`), `${name}: listing date differs from the file name`)
      assert.equal(typeof truth.judgements, 'object', `${name}: judgements missing`)
      for (const [area, grade] of Object.entries(truth.judgements)) {
        assert.ok(typeof grade === 'string' && grade.length > 0, `${name}: judgement "${area}" has no grade`)
      }
      assert.ok(truth.lscb_judgement === null || typeof truth.lscb_judgement === 'string', `${name}: lscb_judgement`)
      const pdfPages = pageCount(file.replace(/\.truth\.json$/, '.pdf'))
      for (const [what, page] of Object.entries(truth.judgement_pages ?? {})) {
        assert.ok(Number.isInteger(page) && Number(page) >= 1 && Number(page) <= pdfPages, `${name}: ${what} page`)
      }
      assert.ok(Array.isArray(truth.recommendations), `${name}: recommendations must be a list`)
      const seen = new Map<string, Set<string>>()
      truth.recommendations.forEach((rec: Recommendation, i: number) => {
        checkRecommendation(rec, `${name} recommendation ${i + 1}`, pdfPages)
        if (rec.number === null) return
        const list = seen.get(rec.category) ?? new Set<string>()
        assert.ok(!list.has(rec.number), `${name}: paragraph ${rec.number} repeated in ${rec.category}`)
        list.add(rec.number)
        seen.set(rec.category, list)
      })
    })
  }
})
