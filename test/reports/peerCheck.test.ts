// Checks peer-check.json, the hand-made verdict on each row of the peer scraper's ILACS CSV, against the CSV itself (read
// with papaparse) and, where the report has a hand-made truth file, against that truth file. Never runs the report reader.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import Papa from 'papaparse'

const fixtures = path.resolve(import.meta.dirname, '..', 'fixtures')
const corpus = path.join(fixtures, 'ofsted-reports-corpus')

type PeerRow = Record<string, string>
interface Difference {
  field: string
  peer: string
  report: string
  page: number
  printed: string
  why: string
}
interface CheckedRow {
  la_code: string
  local_authority: string
  file: string
  matches: boolean
  checked_page: number
  differences: Difference[]
}
interface Truth {
  inspection_dates: string
  published: string
  published_listing?: string
  judgements: Record<string, string>
}

const csvText = fs.readFileSync(path.join(corpus, 'd2i-latest-ilacs-judgements.csv'), 'utf8')
const csv = Papa.parse<PeerRow>(csvText, { header: true, skipEmptyLines: true })
const check = JSON.parse(fs.readFileSync(path.join(corpus, 'peer-check.json'), 'utf8'))
const rows: CheckedRow[] = check.rows

const months = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
].concat(['november', 'december'])

function isoDate(day: string, month: string, year: string): string {
  const m = months.indexOf(month.toLowerCase()) + 1
  assert.ok(m > 0, `unknown month "${month}"`)
  return `${year}-${String(m).padStart(2, '0')}-${day.padStart(2, '0')}`
}

/** First and last day on site from dates as printed: "11 to 15 September 2023", "5 to 9 December 2022 and 14 to 15
 * February 2023", "26 February 2024 to 8 March 2024", "11 – 22 July 2022". */
function onSiteDays(printed: string): { start: string; end: string; firstPeriodDays: number } {
  const periods = printed.split(/\s+and\s+/).map((period) => {
    const [from, to] = period.split(/\s+(?:to|–|-)\s+/)
    const end = /^(\d{1,2}) (\w+) (\d{4})$/.exec(to.trim())
    assert.ok(end, `cannot read the end of "${period}"`)
    const start = /^(\d{1,2})(?: (\w+))?(?: (\d{4}))?$/.exec(from.trim())
    assert.ok(start, `cannot read the start of "${period}"`)
    return {
      start: isoDate(start[1], start[2] ?? end[2], start[3] ?? end[3]),
      end: isoDate(end[1], end[2], end[3]),
    }
  })
  const first = periods[0]
  const days = (Date.parse(first.end) - Date.parse(first.start)) / 86_400_000 + 1
  return { start: first.start, end: periods[periods.length - 1].end, firstPeriodDays: days }
}

function peerGrade(printed: string | undefined): string {
  assert.ok(printed, 'grade missing from truth file')
  return printed.toLowerCase().replace(/ to be good$/, '')
}

/** What the peer's columns should hold for a report, derived from its hand-made truth file. */
function expectedFromTruth(truth: Truth): Record<string, string> {
  const j = truth.judgements
  const dates = onSiteDays(truth.inspection_dates)
  const split = 'The experiences and progress of care leavers' in j
  return {
    inspection_framework: dates.firstPeriodDays <= 5 ? 'short' : 'standard',
    inspection_start_date: dates.start,
    inspection_end_date: dates.end,
    publication_date: truth.published_listing ?? truth.published,
    overall_effectiveness_grade: peerGrade(j['Overall effectiveness']),
    impact_of_leaders_grade: peerGrade(j['The impact of leaders on social work practice with children and families']),
    help_and_protection_grade: peerGrade(j['The experiences and progress of children who need help and protection']),
    in_care_grade: peerGrade(
      split
        ? j['The experiences and progress of children in care']
        : j['The experiences and progress of children in care and care leavers'],
    ),
    care_leavers_grade: split
      ? peerGrade(j['The experiences and progress of care leavers'])
      : 'inspection_pre_dates_judgement',
  }
}

function truthFor(file: string): Truth | undefined {
  for (const folder of ['ofsted-reports-corpus', 'ofsted-reports']) {
    const candidate = path.join(fixtures, folder, file.replace(/\.pdf$/, '.truth.json'))
    if (fs.existsSync(candidate)) return JSON.parse(fs.readFileSync(candidate, 'utf8'))
  }
  return undefined
}

describe('peer check of the Data to Insight ILACS CSV', () => {
  it('has one verdict per CSV row, in the same order', () => {
    assert.deepEqual(csv.errors, [])
    assert.equal(csv.data.length, 51)
    assert.deepEqual(
      rows.map((r) => r.file),
      csv.data.map((r) => r.file),
    )
    assert.equal(check.rows_checked, rows.length)
    assert.equal(check.rows_matching, rows.filter((r) => r.matches).length)
  })

  rows.forEach((row, i) => {
    it(`${row.file}: verdict is consistent with the CSV`, () => {
      const peer = csv.data[i]
      assert.equal(row.la_code, peer.la_code)
      assert.equal(row.matches, row.differences.length === 0)
      for (const d of row.differences) {
        assert.ok(d.field in peer, `${d.field} is not a CSV column`)
        assert.equal(d.peer, peer[d.field], `${d.field}: the recorded peer value is not the CSV's`)
        assert.notEqual(d.report, d.peer, `${d.field}: a difference that is not one`)
        assert.ok(Number.isInteger(d.page) && d.page >= 1, `${d.field}: page`)
        assert.ok(d.printed.trim() && d.why.trim(), `${d.field}: printed line and reason required`)
      }
    })
  })

  const withTruth = rows.map((row, i) => ({ row, peer: csv.data[i], truth: truthFor(row.file) })).filter((r) => r.truth)

  it('covers a good part of the CSV with truth files', () => {
    assert.ok(withTruth.length >= 10, `only ${withTruth.length} peer rows have a truth file`)
  })

  for (const { row, peer, truth } of withTruth) {
    it(`${row.file}: the verdict agrees with the hand-made truth file`, () => {
      const expected = expectedFromTruth(truth as Truth)
      const corrected = { ...peer }
      for (const d of row.differences) corrected[d.field] = d.report
      for (const [field, value] of Object.entries(expected)) {
        assert.equal(corrected[field], value, `${field}: peer-check and truth file disagree`)
      }
    })
  }
})

describe('onSiteDays', () => {
  it('reads the printed date forms of ILACS reports', () => {
    assert.deepEqual(onSiteDays('11 to 15 September 2023'), {
      start: '2023-09-11',
      end: '2023-09-15',
      firstPeriodDays: 5,
    })
    assert.deepEqual(onSiteDays('26 February 2024 to 8 March 2024'), {
      start: '2024-02-26',
      end: '2024-03-08',
      firstPeriodDays: 12,
    })
    assert.deepEqual(onSiteDays('5 to 9 December 2022 and 14 to 15 February 2023'), {
      start: '2022-12-05',
      end: '2023-02-15',
      firstPeriodDays: 5,
    })
    assert.equal(onSiteDays('11 – 22 July 2022').start, '2022-07-11')
    assert.equal(onSiteDays('28 November to 9 December 2022').start, '2022-11-28')
  })
})
