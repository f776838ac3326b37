import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { RecordRows } from '../../casework/csvRows.ts'
import type { DataIssue } from '../../publicData/issues.ts'
import { detectReturn } from '../registry.ts'
import { readHead } from '../text.ts'

async function read(name: string, text: string) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssd-')), name)
  fs.writeFileSync(file, text)
  const f = { fileName: name, path: file, head: readHead(file), bytes: fs.statSync(file).size }
  const m = detectReturn(f)!
  const issues: DataIssue[] = []
  const records = []
  for await (const batch of m.format.read(f, m.detected, {
    laCode: '330',
    asAt: '2014-03-31',
    issue: (i) => issues.push(i),
    rows: new RecordRows(),
  }))
    records.push(...batch)
  return { format: m.format.id, part: m.detected.part, records, issues }
}

test('SSD contacts: the outcome from its JSON, empty while awaiting a decision; a bad outcome is a warning', async () => {
  const r = await read(
    'contacts.csv',
    'cont_contact_id,cont_person_id,cont_contact_date,cont_contact_source_code,cont_contact_source_desc,cont_contact_outcome_json\r\n' +
      'K1,c1,13/07/2013,2A,Schools,"{""OUTCOME_CODE"":""REFERRAL""}"\r\n' +
      'K2,C2,27/01/2014,6,Police,\r\n' +
      'K3,C3,2014-02-01,6,Police,NFA please\r\n',
  )
  assert.equal(r.format, 'ssd')
  assert.deepEqual(
    r.records.map((x) => x.row),
    [
      { childId: 'C1', contactId: 'K1', contactDate: '2013-07-13', source: '2A', outcome: 'REFERRAL' },
      { childId: 'C2', contactId: 'K2', contactDate: '2014-01-27', source: '6', outcome: null },
      { childId: 'C3', contactId: 'K3', contactDate: '2014-02-01', source: '6', outcome: null },
    ],
  )
  assert.deepEqual(
    r.issues.map((i) => [i.severity, i.row, i.column]),
    [['warning', 4, 'cont_contact_outcome_json']],
  )
})

test('SSD professionals give team and agency flag; involvements give case-worker allocations only', async () => {
  const p = await read(
    'p.csv',
    'prof_professional_id,prof_staff_id,prof_social_worker_registration_no,prof_professional_job_title,prof_professional_department,prof_full_time_equivalency,prof_agency_worker_flag\n' +
      'SW1,SW1,SW1,Social Worker,Team A,1,Y\nSW2,SW2,SW2,Social Worker,Team B,1,N\nSW3,SW3,SW3,Social Worker,Team B,1,maybe\n',
  )
  assert.deepEqual(
    p.records.map((x) => x.row),
    [
      { workerId: 'SW1', team: 'Team A', agency: true },
      { workerId: 'SW2', team: 'Team B', agency: false },
      { workerId: 'SW3', team: 'Team B', agency: null },
    ],
  )
  assert.equal(p.issues.length, 1)
  const i = await read(
    'i.csv',
    'invo_involvements_id,invo_professional_id,invo_professional_role_id,invo_professional_team,invo_involvement_start_date,invo_involvement_end_date,invo_worker_change_reason,invo_person_id,invo_referral_id\n' +
      'I1,SW1,Allocated Case Worker,Team A,13/07/2013,12/03/2014,LEFT,C1,E1\n' +
      'I2,PA1,Personal Adviser,Leaving Care,01/01/2014,,,C2,E2\n' +
      'I3,SW2,Allocated Case Worker,Team B,01/03/2014,01/02/2014,,C3,E3\n',
  )
  assert.deepEqual(
    i.records.map((x) => x.row),
    [
      {
        childId: 'C1',
        workerId: 'SW1',
        team: 'Team A',
        startDate: '2013-07-13',
        endDate: '2014-03-12',
        reason: 'LEFT',
      },
      { childId: 'C3', workerId: 'SW2', team: 'Team B', startDate: '2014-03-01', endDate: '2014-02-01', reason: null },
    ],
  )
  assert.match(i.issues[0].message, /ends before it starts/)
})
