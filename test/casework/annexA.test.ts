import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import { fixture, freshStore, ingest, simulatedLa, writeTemp } from './support.ts'

type Rows = Record<number, string[][]>

/** Lists by number, data rows only, read by papaparse (CSV) or exceljs's whole-workbook reader. */
function csvLists(dir: string): Rows {
  const out: Rows = {}
  for (const f of fs.readdirSync(dir)) {
    const n = Number(/List_(\d+)/.exec(f)?.[1])
    const rows = Papa.parse<string[]>(fs.readFileSync(path.join(dir, f), 'utf8'), { skipEmptyLines: true }).data
    out[n] = rows.slice(1)
  }
  return out
}

async function workbookLists(file: string): Promise<Rows> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  const out: Rows = {}
  for (const ws of wb.worksheets) {
    const n = Number(/List[ _](\d+)/.exec(ws.name)?.[1])
    if (!n) continue
    const rows: string[][] = []
    ws.eachRow((row, i) => {
      if (i > 1)
        rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))))
    })
    out[n] = rows
  }
  return out
}

/** The counts the store must hold, from the list rows alone. */
function expectedCounts(lists: Rows) {
  const ids = new Set<string>()
  for (const n of [1, 3, 4, 5, 6, 7, 8, 9, 10]) for (const r of lists[n] ?? []) ids.add(r[0].trim().toUpperCase())
  const referrals = new Set([
    ...(lists[3] ?? []).map((r) => `${r[0]}/${r[5]}`),
    ...(lists[6] ?? []).map((r) => `${r[0]}/${r[6]}`),
  ])
  return {
    child: ids.size,
    contact: lists[1].length,
    referral: referrals.size,
    assessment: lists[4].length,
    section47: lists[5].length,
    cpPlan: lists[7].length,
    lacEpisode: lists[8].length,
    careLeaver: lists[9].length,
    adoption: lists[10].length,
  }
}

const pick = (records: Record<string, number | undefined>, keys: string[]) =>
  Object.fromEntries(keys.map((k) => [k, records[k] ?? 0]))

test('simulator Annex A, as one CSV per list and as a workbook: counts equal an independent reading', async () => {
  const dir = await simulatedLa()
  const csvDir = path.join(dir, 'annex-a')
  const lists = csvLists(csvDir)
  const expected = expectedCounts(lists)
  const store = await freshStore('330')
  const csv = await ingest(store, '2014-03-31', ...fs.readdirSync(csvDir).map((f) => path.join(csvDir, f)))
  assert.equal(csv.rejected, null)
  assert.deepEqual(pick(csv.records, Object.keys(expected)), expected)
  assert.equal(csv.issues.errors, 0)
  const xlsx = await ingest(store, '2014-03-31', path.join(dir, 'annex-a.xlsx'))
  assert.deepEqual(
    pick(xlsx.records, Object.keys(expected)),
    expectedCounts(await workbookLists(path.join(dir, 'annex-a.xlsx'))),
  )
  assert.deepEqual(xlsx.records, csv.records)
  store.close()
})

for (const name of ['liia_Annex_A.xlsx', 'Annex_A_2024_Jan.xlsx'])
  test(`Annex A sample ${name} (Excel serial dates, "Age" and "(Y/N))" heading variants): counts equal exceljs's`, async () => {
    const store = await freshStore('201')
    const r = await ingest(store, '2021-03-31', fixture(name))
    assert.equal(r.rejected, null)
    const expected = expectedCounts(await workbookLists(fixture(name)))
    assert.deepEqual(pick(r.records, Object.keys(expected)), expected)
    const [contact] = await store.rows('SELECT child_id, contact_date, source FROM contact ORDER BY child_id LIMIT 1')
    assert.deepEqual(contact, { child_id: '11973218', contact_date: '2020-09-16', source: '6' })
    store.close()
  })

const LIST3 = [
  'Child ID ,Gender,Ethnicity,DOB,Age,Date Of Referral,Referral Source,Referral NFA?,Number of Referrals in Last 12 Months,Allocated Team,Allocated Worker',
  ' ab12 ,Female,a) WBRI,05/06/2010,3,01/10/2013,q) 6: Police,No,0,Team Née,W1',
  'AB12,F,WBRI,05/06/2010,3,01-Oct-13,6,N,0,Team Née,W1',
  'cd34,Male,WBRI,41000,1,41548,6,Yes,0,,',
  'EF56,Male,WBRI,2011-02-01,2,2099-01-01,6,Yes,0,,',
  ',Male,WBRI,2011-02-01,2,01/10/2013,6,Yes,0,,',
  'GH78,Male,WBRI,2011-02-01,2,32/10/2013,6,Yes,0,,',
].join('\r\n')

for (const [encoding, bytes] of [
  ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(LIST3, 'utf8')])],
  ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LIST3, 'utf16le')])],
  ['Windows-1252', Buffer.from(LIST3, 'latin1')],
] as const)
  test(`an Annex A list 3 CSV in ${encoding}: heading variants, stray spaces, mixed-case ids, every date form`, async () => {
    const store = await freshStore('330')
    const r = await ingest(store, '2014-03-31', writeTemp('referrals export.csv', bytes))
    assert.equal(r.rejected, null)
    const rows = await store.rows(
      'SELECT child_id, referral_date, source, nfa FROM referral ORDER BY child_id, referral_date',
    )
    assert.deepEqual(rows, [
      { child_id: 'AB12', referral_date: '2013-10-01', source: '6', nfa: false },
      { child_id: 'CD34', referral_date: '2013-10-01', source: '6', nfa: true },
      { child_id: 'EF56', referral_date: '2099-01-01', source: '6', nfa: true },
    ])
    const [team] = await store.rows('SELECT DISTINCT team FROM allocation')
    assert.deepEqual(team, { team: 'Team Née' }, 'accented text decoded')
    const issues = await store.rows<{ severity: string; row_number: number; column_name: string; message: string }>(
      `SELECT severity, row_number, column_name, message FROM data_issue WHERE snapshot_id = ${r.snapshotId} ORDER BY row_number`,
    )
    assert.deepEqual(
      issues.map((i) => [i.severity, i.row_number, i.column_name]),
      [
        ['warning', 5, 'Date of referral'],
        ['error', 6, 'Child Unique ID'],
        ['error', 7, 'Date of referral'],
        ['error', 7, 'Date of referral'],
      ],
    )
    assert.match(issues[0].message, /after the as-at date/)
    store.close()
  })

test('Annex A workbook sheets named in the usual ways; a title row above the headings; lists 2 and 11 noted, not read', async () => {
  const wb = new ExcelJS.Workbook()
  wb.addWorksheet('Front sheet').addRow(['Local authority', 'Test'])
  const l1 = wb.addWorksheet('L1 - Contacts')
  l1.addRow(['Annex A list 1: contacts in the last six months'])
  l1.addRow([
    'Child Unique ID',
    'Gender',
    'Ethnicity',
    'Date of Birth',
    'Age of Child (Years)',
    'Date of Contact',
    'Contact Source',
  ])
  l1.addRow([
    'X1',
    'a) Male',
    'a) WBRI',
    new Date(Date.UTC(2010, 0, 2)),
    4,
    new Date(Date.UTC(2014, 1, 3)),
    'q) 6: Police',
  ])
  const l2 = wb.addWorksheet('list_2')
  l2.addRow([
    'Child Unique ID',
    'Gender',
    'Ethnicity',
    'Date of Birth',
    'Age',
    'Assessment start date',
    'Assessment completion date',
  ])
  const file = writeTemp('annex.xlsx', Buffer.from(await wb.xlsx.writeBuffer()))
  const store = await freshStore('330')
  const r = await ingest(store, '2014-03-31', file)
  assert.deepEqual(r.records, { child: 1, contact: 1 })
  const [c] = await store.rows('SELECT child_id, contact_date, source FROM contact')
  assert.deepEqual(c, { child_id: 'X1', contact_date: '2014-02-03', source: '6' })
  const [note] = await store.rows<{ message: string }>(`SELECT message FROM data_issue WHERE sheet = 'List 2'`)
  assert.match(note.message, /early help assessments.*not read/)
  store.close()
})

test('unsafe or broken workbooks are rejected whole: zip bomb, truncated zip', async () => {
  const store = await freshStore('330')
  const good = await ingest(store, '2014-03-31', fixture('Annex_A_2024_Jan.xlsx'))
  const whole = fs.readFileSync(fixture('Annex_A_2024_Jan.xlsx'))
  const truncated = await ingest(store, '2014-04-30', writeTemp('cut.xlsx', whole.subarray(0, whole.length / 2)))
  assert.match(truncated.rejected ?? '', /cut\.xlsx is a damaged or unsafe Excel workbook/)
  const JSZip = (await import('jszip')).default
  const zip = await JSZip.loadAsync(whole)
  zip.file('xl/worksheets/sheet9.xml', Buffer.alloc(20 * 1024 * 1024, 32))
  const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
  const bombed = await ingest(store, '2014-04-30', writeTemp('bomb.xlsx', bomb))
  assert.match(bombed.rejected ?? '', /bomb\.xlsx is a damaged or unsafe Excel workbook/)
  assert.equal(await store.currentSnapshotId(), good.snapshotId)
  store.close()
})

test('a workbook part with a DOCTYPE or entity declaration is refused whole (no XXE, no expansion); the previous snapshot stays', async () => {
  const store = await freshStore('330')
  const good = await ingest(store, '2014-03-31', fixture('Annex_A_2024_Jan.xlsx'))
  const JSZip = (await import('jszip')).default
  const dtd =
    '<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY x SYSTEM "file:///etc/passwd">]>'
  // In the shared strings, and (behind 64 KB of comment, so far past the part's first bytes) in a sheet.
  const variants = [
    { part: 'xl/sharedStrings.xml', padding: '' },
    { part: 'xl/worksheets/sheet1.xml', padding: `<!--${'x'.repeat(64 * 1024)}-->` },
  ]
  for (const { part, padding } of variants) {
    const zip = await JSZip.loadAsync(fs.readFileSync(fixture('Annex_A_2024_Jan.xlsx')))
    const xml = await zip.file(part)!.async('string')
    const root = xml.search(/<[A-Za-z]/)
    const evil = xml.slice(0, root) + padding + dtd + xml.slice(root).replace(/<t>[^<]*<\/t>/, '<t>&x;&b;</t>')
    zip.file(part, evil)
    const file = writeTemp('evil.xlsx', await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }))
    const r = await ingest(store, '2014-04-30', file)
    assert.equal(
      r.rejected,
      `evil.xlsx contains a DOCTYPE (a DTD) in its part ${part}; Annex A workbooks must not, so it was not read`,
    )
    assert.equal(await store.currentSnapshotId(), good.snapshotId)
  }
  const ids = await store.rows<{ child_id: string }>('SELECT child_id FROM child')
  assert.ok(!ids.some((k) => /root|aaaa/i.test(k.child_id)), 'no entity was expanded')
  store.close()
})
