import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { CIN_LIMITS } from '../../src/engine/returns/cin/index.ts'
import { fixture, freshStore, ingest, simulatedLa, writeTemp, xmlCount } from './support.ts'

/**
 * Runs a test with the CIN reader on one thread, as for a small file, and again on two (cinOffThread.ts), as for a
 * large one: both must store and report the same.
 */
function onBothPaths(name: string, body: () => Promise<void>) {
  for (const onThread of [false, true])
    test(`${name}${onThread ? ' (read on two threads)' : ''}`, async () => {
      const was = CIN_LIMITS.offThreadBytes
      CIN_LIMITS.offThreadBytes = onThread ? 0 : Infinity
      try {
        await body()
      } finally {
        CIN_LIMITS.offThreadBytes = was
      }
    })
}

/** What the reader must find, counted by xmllint over the same file. */
function independentCounts(file: string) {
  const counts = {
    child: xmlCount(file, '//Child'),
    referral: xmlCount(file, '//CINdetails'),
    assessment: xmlCount(file, '//Assessments'),
    assessmentFactor: xmlCount(file, '//AssessmentFactors[normalize-space()]'),
    cinPlan: xmlCount(file, '//CINPlanDates'),
    section47: xmlCount(file, '//Section47'),
    cpPlan: xmlCount(file, '//ChildProtectionPlans'),
    cpReview: xmlCount(file, '//CPPreviewDate'),
  }
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0))
}

for (const [name, asAt] of [
  ['CIN_Census_2021.xml', '2023-03-31'],
  ['cin-2022-sample.xml', '2022-03-31'],
  ['CIN_Census_2024.xml', '2024-03-31'],
] as const)
  test(`CIN census sample ${name}: every child, episode, assessment, plan and review, as xmllint counts them`, async () => {
    const store = await freshStore('201')
    const result = await ingest(store, asAt, fixture(name))
    assert.equal(result.rejected, null)
    assert.deepEqual(result.records, independentCounts(fixture(name)))
    assert.equal(await store.currentSnapshotId(), result.snapshotId)
    store.close()
  })

onBothPaths(
  'the 2023-24 sample: sex read from Sex (with a warning for the year), bad dates reported row by row',
  async () => {
    const store = await freshStore('201')
    const result = await ingest(store, '2024-03-31', fixture('CIN_Census_2024.xml'))
    const issues = await store.rows<{ row_number: number; column_name: string; value: string; message: string }>(
      'SELECT row_number, column_name, value, message FROM data_issue WHERE snapshot_id = $id ORDER BY row_number, column_name',
      { id: result.snapshotId },
    )
    assert.ok(issues.some((i) => i.column_name === 'Sex' && /uses GenderCurrent/.test(i.message)))
    const future = issues.find((i) => i.column_name === 'AssessmentActualStartDate' && i.row_number === 1)
    assert.equal(future?.value, '2028-04-28')
    assert.match(future!.message, /after the as-at date/)
    const sexes = await store.rows('SELECT child_id, sex, birth_month, birth_date FROM child ORDER BY child_id')
    assert.deepEqual(sexes, [
      { child_id: 'CHILD_FAILS_ASSESSMENTS', sex: 'M', birth_month: '2023-09', birth_date: null },
      { child_id: 'DFEX0000001', sex: 'M', birth_month: '2015-03', birth_date: null },
    ])
    store.close()
  },
)

onBothPaths('simulator CIN census: counts equal those of xmllint, no errors', async () => {
  const dir = await simulatedLa()
  const file = path.join(dir, 'cin-census.xml')
  const store = await freshStore('330')
  const result = await ingest(store, '2014-03-31', file)
  assert.equal(result.rejected, null)
  assert.deepEqual(result.records, independentCounts(file))
  assert.equal(result.issues.errors, 0)
  store.close()
})

const CIN = (lea: string, children: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2014</Year><ReferenceDate>2014-03-31</ReferenceDate></CollectionDetails><Source><LEA>${lea}</LEA></Source></Header><Children>${children}</Children></Message>`
const child = (id: string, referral = '2013-10-01', birth = '2010-05-06') =>
  `<Child><ChildIdentifiers><LAchildID>${id}</LAchildID><PersonBirthDate>${birth}</PersonBirthDate><GenderCurrent>2</GenderCurrent></ChildIdentifiers><CINdetails><CINreferralDate>${referral}</CINreferralDate></CINdetails></Child>`

onBothPaths(
  'bad CIN files: DTD, truncated, another LA, not XML: rejected whole, the previous snapshot stays current',
  async () => {
    const store = await freshStore('330')
    const good = await ingest(store, '2014-03-31', writeTemp('good.xml', CIN('330', child('A1'))))
    assert.equal(good.rejected, null)
    const cases: Array<[string, string, RegExp]> = [
      [
        'dtd.xml',
        `<?xml version="1.0"?><!DOCTYPE Message [<!ENTITY x "boom">]>${CIN('330', child('&x;'))}`,
        /dtd\.xml contains a DOCTYPE/,
      ],
      ['truncated.xml', CIN('330', child('A2') + child('A3')).slice(0, -60), /truncated\.xml is not well-formed XML/],
      ['other-la.xml', CIN('201', child('A4')), /other-la\.xml is the CIN census of LA 201, not of LA 330/],
      ['notes.xml', '<?xml version="1.0"?><Message><Children></Children></Message>', /not a return Sightline reads/],
    ]
    for (const [name, content, message] of cases) {
      const r = await ingest(store, '2014-04-30', writeTemp(name, content))
      assert.match(r.rejected ?? '', message, name)
      assert.doesNotMatch(r.rejected ?? '', /\/tmp|Error:|at /, 'no path or stack in the message')
      assert.equal(await store.currentSnapshotId(), good.snapshotId, name)
      const [{ n }] = await store.rows<{ n: number }>(
        `SELECT count(*)::INTEGER AS n FROM child WHERE snapshot_id = ${r.snapshotId}`,
      )
      assert.equal(n, 0, `nothing from ${name} is kept`)
    }
    store.close()
  },
)

onBothPaths(
  'row-level CIN problems: duplicate ids, dates before birth, unreadable dates, missing referral date',
  async () => {
    const store = await freshStore('330')
    const xml = CIN(
      '330',
      child('B1') + child('b1') + child('B2', '2009-01-01') + child('B3', '31/13/2013') + child('B4', ''),
    )
    const r = await ingest(store, '2014-03-31', writeTemp('rows.xml', xml))
    assert.equal(r.rejected, null)
    assert.deepEqual(r.records, { child: 4, referral: 2 })
    const issues = await store.rows<{ severity: string; row_number: number; column_name: string; message: string }>(
      'SELECT severity, row_number, column_name, message FROM data_issue WHERE snapshot_id = $id ORDER BY row_number',
      { id: r.snapshotId },
    )
    assert.deepEqual(
      issues.map((i) => [i.severity, i.row_number, i.column_name]),
      [
        ['error', 2, 'LAchildID'],
        ['warning', 3, 'CINreferralDate'],
        ['error', 4, 'CINreferralDate'],
        ['error', 4, 'CINreferralDate'],
        ['error', 5, 'CINreferralDate'],
      ],
    )
    assert.match(issues[0].message, /second child/)
    assert.match(issues[1].message, /before the child's date of birth/)
    store.close()
    assert.ok(fs.existsSync(store.file))
  },
)

/** Every value of one element, as xmllint reads it (sorted; blanks dropped). */
function xmlValues(file: string, xpath: string): string[] {
  if (xmlCount(file, xpath) === 0) return []
  const out = execFileSync('xmllint', ['--xpath', xpath, file], { encoding: 'utf8', maxBuffer: 1 << 28 })
  return [...out.matchAll(/<[^>/]+>([^<]*)<\//g)]
    .map((m) => m[1].trim())
    .filter(Boolean)
    .sort()
}

onBothPaths(
  'simulator CIN census: every date, code and count stored equals xmllint’s reading of the same element',
  async () => {
    const file = path.join(await simulatedLa(), 'cin-census.xml')
    const store = await freshStore('330')
    const r = await ingest(store, '2014-03-31', file)
    assert.equal(r.rejected, null)
    const stored = async (sql: string) =>
      (await store.rows<{ v: string | number | null }>(`${sql} AND snapshot_id = ${r.snapshotId}`))
        .map((x) => x.v)
        .filter((v) => v !== null)
        .map(String)
        .sort()
    const pairs: Array<[string, string]> = [
      ['//LAchildID', 'SELECT child_id AS v FROM child WHERE true'],
      ['//Child/ChildIdentifiers/PersonBirthDate', 'SELECT birth_month AS v FROM child WHERE true'],
      ['//CINdetails/CINreferralDate', 'SELECT referral_date::VARCHAR AS v FROM referral WHERE true'],
      ['//CINdetails/CINclosureDate', 'SELECT closure_date::VARCHAR AS v FROM referral WHERE true'],
      ['//CINdetails/ReferralSource', 'SELECT source AS v FROM referral WHERE true'],
      ['//CINdetails/PrimaryNeedCode', 'SELECT primary_need AS v FROM referral WHERE true'],
      ['//CINdetails/ReasonForClosure', 'SELECT closure_reason AS v FROM referral WHERE true'],
      ['//Assessments/AssessmentActualStartDate', 'SELECT start_date::VARCHAR AS v FROM assessment WHERE true'],
      ['//Assessments/AssessmentAuthorisationDate', 'SELECT authorised_date::VARCHAR AS v FROM assessment WHERE true'],
      ['//AssessmentFactors', 'SELECT factor AS v FROM assessment_factor WHERE true'],
      ['//Section47/S47ActualStartDate', 'SELECT strategy_date::VARCHAR AS v FROM section47 WHERE true'],
      ['//Section47/InitialCPCtarget', 'SELECT icpc_target_date::VARCHAR AS v FROM section47 WHERE true'],
      ['//Section47/DateOfInitialCPC', 'SELECT icpc_date::VARCHAR AS v FROM section47 WHERE true'],
      ['//ChildProtectionPlans/CPPstartDate', 'SELECT start_date::VARCHAR AS v FROM cp_plan WHERE true'],
      ['//ChildProtectionPlans/CPPendDate', 'SELECT end_date::VARCHAR AS v FROM cp_plan WHERE true'],
      ['//ChildProtectionPlans/InitialCategoryOfAbuse', 'SELECT initial_category AS v FROM cp_plan WHERE true'],
      ['//ChildProtectionPlans/LatestCategoryOfAbuse', 'SELECT latest_category AS v FROM cp_plan WHERE true'],
      ['//ChildProtectionPlans/NumberOfPreviousCPP', 'SELECT previous_plans AS v FROM cp_plan WHERE true'],
      ['//CPPreviewDate', 'SELECT review_date::VARCHAR AS v FROM cp_review WHERE true'],
    ]
    for (const [xpath, sql] of pairs) {
      const expected = xmlValues(file, xpath)
      const birth = xpath.endsWith('PersonBirthDate')
      const got = await stored(sql)
      assert.deepEqual(got, birth ? expected.map((d) => d.slice(0, 7)).sort() : expected, xpath)
      assert.ok(expected.length > 0 || xpath.includes('Reason') || xpath.includes('End'), `${xpath} has values`)
    }
    const [{ n }] = await store.rows<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM referral WHERE nfa IS NOT NULL AND snapshot_id = ${r.snapshotId}`,
    )
    assert.equal(n, xmlCount(file, '//CINdetails/ReferralNFA[.="0" or .="1" or .="true" or .="false"]'))
    store.close()
  },
)
