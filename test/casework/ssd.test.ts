import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import Papa from 'papaparse'
import { freshStore, ingest, simulatedLa, writeTemp } from './support.ts'

const table = (file: string) =>
  Papa.parse<Record<string, string>>(fs.readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true }).data

test('simulator SSD tables (contacts, professionals, involvements), renamed: counts equal papaparse, no errors', async () => {
  const dir = path.join(await simulatedLa(), 'ssd')
  const t = Object.fromEntries(
    fs.readdirSync(dir).map((f) => [f.replace(/^ssd_|\.csv$/g, ''), table(path.join(dir, f))]),
  )
  const renamed = fs.readdirSync(dir).map((f, i) => writeTemp(`extract-${i}.csv`, fs.readFileSync(path.join(dir, f))))
  const store = await freshStore('330')
  const r = await ingest(store, '2014-03-31', ...renamed)
  assert.equal(r.rejected, null)
  assert.equal(r.issues.errors, 0)
  assert.deepEqual(r.records, {
    contact: t.contacts.length,
    worker: new Set(t.professionals.map((p) => p.prof_professional_id)).size,
    // only case-holding workers are allocations: personal advisers' involvements are skipped (ssd/index.ts)
    allocation: t.involvements.filter(
      (i) => i.invo_professional_role_id.trim().toLowerCase() === 'allocated case worker',
    ).length,
  })
  const agency = t.professionals.filter((p) => p.prof_agency_worker_flag === 'Y').length
  const [{ n }] = await store.rows<{ n: number }>('SELECT count(*)::INTEGER AS n FROM worker WHERE agency')
  assert.equal(n, agency)
  const awaiting = t.contacts.filter((c) => !c.cont_contact_outcome_json).length
  const [{ m }] = await store.rows<{ m: number }>('SELECT count(*)::INTEGER AS m FROM contact WHERE outcome IS NULL')
  assert.equal(m, awaiting, 'contacts awaiting a decision have no outcome')
  store.close()
})

test('SSD rows that cannot be used are reported by row and column; the rest load', async () => {
  const csv = [
    'cont_contact_id,cont_person_id,cont_contact_date,cont_contact_source_code,cont_contact_source_desc,cont_contact_outcome_json',
    'K1,p1,01/02/2014,6,Police,"{""OUTCOME_CODE"":""NFA""}"',
    'K2,,01/02/2014,6,Police,',
    'K3,P3,31/02/2014,6,Police,',
    'K4,P4,01/02/2099,6,Police,',
  ].join('\n')
  const store = await freshStore('330')
  const r = await ingest(store, '2014-03-31', writeTemp('contacts.csv', csv))
  assert.deepEqual(r.records, { contact: 2 })
  const rows = await store.rows('SELECT child_id, outcome FROM contact ORDER BY child_id')
  assert.deepEqual(rows, [
    { child_id: 'P1', outcome: 'NFA' },
    { child_id: 'P4', outcome: null },
  ])
  const issues = await store.rows<{ severity: string; sheet: string; row_number: number; column_name: string }>(
    `SELECT severity, sheet, row_number, column_name FROM data_issue WHERE snapshot_id = ${r.snapshotId} ORDER BY row_number, severity`,
  )
  assert.deepEqual(
    issues.map((i) => [i.severity, i.sheet, i.row_number, i.column_name]),
    [
      ['error', 'ssd_contacts', 3, 'cont_person_id'],
      ['error', 'ssd_contacts', 4, 'cont_contact_date'],
      ['error', 'ssd_contacts', 4, 'cont_contact_date'],
      ['warning', 'ssd_contacts', 5, 'cont_contact_date'],
    ],
  )
  store.close()
})
