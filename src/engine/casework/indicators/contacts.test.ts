import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import type { CaseworkRecord } from '../model.ts'
import { openCaseworkStore } from '../store.ts'
import { contactsAwaitingDecision, contactsConverted } from './frontDoor.ts'
import { computeIndicators } from './index.ts'

const source = { fileName: 'ssd_contacts.csv', sha256: 'cc'.repeat(32), bytes: 10, format: 'ssd', readerVersion: 's@1' }

async function values(byFormat: Record<string, CaseworkRecord[]>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casework-contacts-'))
  const store = await openCaseworkStore({ dataDir, laCode: '330' })
  const w = await store.beginSnapshot({ asAt: '2014-03-31', sources: [source] })
  for (const [format, records] of Object.entries(byFormat)) await w.append(records, format)
  await w.commit()
  const v = await computeIndicators(store, w.snapshotId, '2014-03-31', [contactsConverted, contactsAwaitingDecision])
  store.close()
  return v.map((x) => [x.id, x.value, x.numerator, x.denominator, x.note ?? null])
}

const contact = (n: number, contactDate: string, outcome: string | null): CaseworkRecord => ({
  entity: 'contact',
  row: { childId: `C${n}`, contactId: `K${n}`, contactDate, outcome },
})

test('contacts from SSD: converted over the half year; awaiting a decision after 1 working day, whatever its date', async () => {
  const v = await values({
    ssd: [
      contact(1, '2014-03-27', null), // Thursday: 2 working days to Monday 31 March
      contact(2, '2014-03-28', null), // 1 working day
      contact(3, '2013-06-03', null), // before the half year, still awaiting
      contact(4, '2014-01-10', 'REFERRAL'),
      contact(5, '2014-01-10', 'NFA'),
      contact(6, '2013-09-30', 'REFERRAL'), // the half year starts after 30 September
      contact(7, '2014-04-01', null), // after A
    ],
    annexA: [contact(8, '2014-01-10', null)], // List 1 is not read when SSD contacts are there
  })
  assert.deepEqual(v, [
    ['contacts_converted_to_referral', 25, 1, 4, null],
    ['contacts_awaiting_decision', 2, 2, 4, null],
  ])
})

test('contacts from Annex A List 1: converted when List 3 has a referral that day; awaiting needs SSD outcomes', async () => {
  const v = await values({
    annexA: [
      contact(1, '2014-01-10', null),
      contact(2, '2014-01-10', null),
      { entity: 'referral', row: { childId: 'C1', referralId: 'R1', referralDate: '2014-01-10' } },
      { entity: 'referral', row: { childId: 'C2', referralId: 'R2', referralDate: '2014-01-13' } },
    ],
  })
  assert.deepEqual(v, [
    ['contacts_converted_to_referral', 50, 1, 2, null],
    [
      'contacts_awaiting_decision',
      null,
      null,
      null,
      'No SSD contacts with their outcome (ssd_contacts.csv) in this snapshot',
    ],
  ])
})
