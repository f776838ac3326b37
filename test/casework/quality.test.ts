import assert from 'node:assert/strict'
import { test } from 'node:test'
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import { caseworkService } from '../../src/services/casework/caseworkService.ts'
import { SYSTEM_ACTOR } from '../../src/services/auditService.ts'
import { asFiles, tmpDir, writeTemp } from './support.ts'

const CIN = `<?xml version="1.0" encoding="UTF-8"?><Message><Header><CollectionDetails><Collection>CIN</Collection><ReferenceDate>2014-03-31</ReferenceDate></CollectionDetails><Source><LEA>330</LEA></Source></Header><Children>
<Child><ChildIdentifiers><LAchildID>P1</LAchildID><PersonBirthDate>2010-01-01</PersonBirthDate></ChildIdentifiers><CINdetails><CINreferralDate>2013-06-01</CINreferralDate><ChildProtectionPlans><CPPstartDate>2013-07-01</CPPstartDate></ChildProtectionPlans></CINdetails></Child>
<Child><ChildIdentifiers><LAchildID>P2</LAchildID><PersonBirthDate>2010-01-01</PersonBirthDate></ChildIdentifiers><CINdetails><CINreferralDate>2013-06-01</CINreferralDate><ChildProtectionPlans><CPPstartDate>2013-07-01</CPPstartDate></ChildProtectionPlans></CINdetails></Child>
</Children></Message>`
const LIST7 = [
  'Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Does the Child have a Disability,Child Protection Plan Start Date,Initial Category of Abuse,Latest Category of Abuse,Date of the Last Statutory Visit,Was the Child Seen Alone?,Date of latest review conference,Child Protection Plan End Date,Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N),Number of Previous Child Protection Plans,Allocated Team,Allocated Worker',
  'P1,b) Female,a) WBRI,01/01/2010,4,b) No,01/07/2013,a) Neglect,a) Neglect,01/03/2014,a) Yes,,,b) No,0,Team A,W1',
].join('\n')
const EPISODES = [
  'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN',
  'L1,01/04/2013,S,C2,N1,U4,PR1,01/09/2013,X1,,,,',
  'L1,01/08/2013,P,C2,N1,U4,PR1,,,,,,',
].join('\n')

test('cross-source checks and the downloadable report (CSV and XLSX, read back by papaparse and exceljs)', async () => {
  const audited: string[] = []
  const service = caseworkService({ dataDir: tmpDir(), audit: { record: async (e) => void audited.push(e.action) } })
  const files = [writeTemp('cin.xml', CIN), writeTemp('List_7.csv', LIST7), writeTemp('episodes.csv', EPISODES)]
  const r = await service.ingest('330', asFiles(...files), { asAt: '2014-03-31' })
  assert.equal(r.rejected, null)
  const q = await service.quality('330', r.snapshotId, {}, { offset: 0, limit: 50 }, SYSTEM_ACTOR)
  const messages = q.issues.map((i) => `${i.severity}: ${i.message}`)
  assert.ok(
    messages.includes(
      'warning: Child P2 is on a child protection plan in the CIN census but absent from Annex A List 7 (children on a CP plan)',
    ),
  )
  assert.ok(!messages.some((m) => m.includes('Child P1 is on')), 'P1 is in List 7')
  assert.ok(
    messages.includes(
      'error: Child L1 starts an episode while the one from 01/04/2013 is still open (903 episodes overlap)',
    ),
  )
  const errors = await service.quality(
    '330',
    r.snapshotId,
    { severity: 'error' },
    { offset: 0, limit: 50 },
    SYSTEM_ACTOR,
  )
  assert.ok(errors.issues.every((i) => i.severity === 'error') && errors.total === r.issues.errors)

  const csv = Papa.parse<Record<string, string>>(
    (await service.qualityExport('330', r.snapshotId, {}, 'csv', SYSTEM_ACTOR)).toString('utf8'),
    { header: true, skipEmptyLines: true },
  ).data
  assert.equal(csv.length, q.total)
  assert.deepEqual(Object.keys(csv[0]), [
    'Severity',
    'File or source',
    'Sheet or list',
    'Row',
    'Column',
    'Value',
    'Problem',
  ])
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(
    (await service.qualityExport('330', r.snapshotId, { q: 'overlap' }, 'xlsx', SYSTEM_ACTOR)) as never,
  )
  const ws = wb.worksheets[0]
  assert.equal(ws.rowCount, 2)
  assert.equal(
    ws.getRow(2).getCell(7).value,
    'Child L1 starts an episode while the one from 01/04/2013 is still open (903 episodes overlap)',
  )
  assert.deepEqual(audited, [
    'casework.upload',
    'casework.quality.view',
    'casework.quality.view',
    'casework.quality.export',
    'casework.quality.export',
  ])
  await service.close()
})

test('the same file uploaded twice in one upload is read once; an upload with one unreadable file keeps nothing', async () => {
  const service = caseworkService({ dataDir: tmpDir() })
  const cin = writeTemp('cin.xml', CIN)
  const first = await service.ingest('330', asFiles(cin, writeTemp('copy of cin.xml', CIN)), { asAt: '2014-03-31' })
  assert.equal(first.records.child, 2)
  const q = await service.quality('330', first.snapshotId, { q: 'same file' }, { offset: 0, limit: 5 }, SYSTEM_ACTOR)
  assert.equal(q.issues[0].message, 'is the same file as cin.xml; read once')
  const mixed = await service.ingest('330', asFiles(cin, writeTemp('notes.txt', 'hello')), { asAt: '2014-04-30' })
  assert.match(mixed.rejected ?? '', /^notes\.txt is not a return Sightline reads/)
  const list = await service.snapshots('330')
  assert.deepEqual(
    list.map((s) => [s.snapshotId, s.status, s.current]),
    [
      [mixed.snapshotId, 'rejected', false],
      [first.snapshotId, 'complete', true],
    ],
  )
  await service.close()
})

test('a file already in the current snapshot is read again with a warning saying so', async () => {
  const service = caseworkService({ dataDir: tmpDir() })
  const cin = writeTemp('cin.xml', CIN)
  const first = await service.ingest('330', asFiles(cin), { asAt: '2014-03-31' })
  const again = await service.ingest('330', asFiles(cin), { asAt: '2014-03-31' })
  assert.equal(again.rejected, null)
  const q = await service.quality(
    '330',
    again.snapshotId,
    { q: 'current snapshot' },
    { offset: 0, limit: 5 },
    SYSTEM_ACTOR,
  )
  assert.equal(
    q.issues[0].message,
    `is the same file as cin.xml in the current snapshot (${first.snapshotId}); read again`,
  )
  await service.close()
})
