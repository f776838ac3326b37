import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import Papa from 'papaparse'
import { fixture, freshStore, ingest, simulatedLa, writeTemp, xmlCount } from './support.ts'

const table = (file: string) =>
  Papa.parse<Record<string, string>>(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  }).data

test('simulator SSDA903 CSVs (renamed, so only their columns tell the table): counts equal papaparse', async () => {
  const dir = path.join(await simulatedLa(), 'ssda903')
  const t = Object.fromEntries(fs.readdirSync(dir).map((f) => [f.replace('.csv', ''), table(path.join(dir, f))]))
  const renamed = fs.readdirSync(dir).map((f, i) => writeTemp(`export-${i}.csv`, fs.readFileSync(path.join(dir, f))))
  const store = await freshStore('330')
  const r = await ingest(store, '2014-03-31', ...renamed)
  assert.equal(r.rejected, null)
  const ids = (rows: Array<Record<string, string>>) => new Set(rows.map((x) => x.CHILD))
  const expected = {
    child: new Set([...ids(t.header), ...ids(t.uasc)]).size,
    lacEpisode: t.episodes.length,
    lacReview: t.reviews.length,
    missingEpisode: t.missing.length,
    careLeaver: t.oc3.length,
    healthCheck: 2 * t.oc2.length,
    adoption: new Set([...ids(t.ad1), ...ids(t.placed_for_adoption)]).size,
    allocation: t.sw_episodes.length,
  }
  assert.deepEqual(
    Object.fromEntries(Object.keys(expected).map((k) => [k, r.records[k as keyof typeof r.records] ?? 0])),
    expected,
  )
  assert.equal(r.issues.errors, 0)
  store.close()
})

test('SSDA903 samples: header and episodes (an extra column, *DUMMY* codes, bad postcodes are not kept)', async () => {
  const store = await freshStore('201')
  const files = ['SSDA903_2020_header.csv', 'SSDA903_2020_episodes.csv'].map(fixture)
  const r = await ingest(store, '2020-03-31', ...files)
  assert.equal(r.rejected, null)
  assert.equal(r.records.lacEpisode, table(files[1]).length)
  assert.equal(r.records.child, new Set(table(files[0]).map((x) => x.CHILD)).size)
  const cols = await store.rows(`SELECT column_name FROM information_schema.columns WHERE table_name = 'lac_episode'`)
  assert.ok(!cols.some((c) => /post/i.test(String(c.column_name))), 'no postcode column')
  const fixes = await ingest(store, '2020-03-31', fixture('SSDA903_episodes_for_testing_fixes_INPUT.csv'))
  assert.equal(fixes.records.lacEpisode, table(fixture('SSDA903_episodes_for_testing_fixes_INPUT.csv')).length)
  store.close()
})

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<EXPSSDA903>
  <CHILD><HEADER><CHILDID>c1</CHILDID><UPN>A1</UPN><SEX>2</SEX><DOB>06/05/2008</DOB><ETHNIC>WBRI</ETHNIC><UASC>0</UASC>
    <AREVIEW><REVIEW>01/02/2014</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW>
    <AREVIEW><REVIEW>01/08/2013</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW>
    <AMISSING><MISSING>M</MISSING><MIS_START>03/03/2014</MIS_START><MIS_END>04/03/2014</MIS_END></AMISSING>
    <OC2><HEALTH_CHECK>1</HEALTH_CHECK><TEETH_CHECK>0</TEETH_CHECK></OC2></HEADER>
    <EPISODE><DECOM>01/04/2013</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>U4</PL><PL_POST>B1 1AA</PL_POST><DEC></DEC><REC></REC></EPISODE>
  </CHILD>
  <CHILD><HEADER><CHILDID>C2</CHILDID><SEX>1</SEX><DOB>06/05/2000</DOB><ETHNIC>WBRI</ETHNIC><UASC>1</UASC><DUC>06/05/2018</DUC><IN_TOUCH>YES</IN_TOUCH><ACTIV>F2</ACTIV><ACCOM>U</ACCOM></HEADER>
    <EPISODE><DECOM>01/06/2013</DECOM><RNE>S</RNE><LS>V2</LS><CIN>N4</CIN><PL>R1</PL><DEC>01/01/2014</DEC><REC>E13</REC></EPISODE>
    <EPISODE><DECOM>99/99/2013</DECOM><RNE>P</RNE><LS>V2</LS><CIN>N4</CIN><PL>R1</PL><DEC></DEC><REC></REC></EPISODE>
  </CHILD>
</EXPSSDA903>`

test('SSDA903 XML: children, episodes, reviews, missing, outcomes; counts equal xmllint; a bad date is a row error', async () => {
  const file = writeTemp('903.xml', XML)
  const store = await freshStore('330')
  const r = await ingest(store, '2014-03-31', file)
  assert.equal(r.rejected, null)
  assert.equal(r.records.child, xmlCount(file, '//CHILD'))
  assert.equal(r.records.lacEpisode, xmlCount(file, '//EPISODE') - 1)
  assert.equal(r.records.lacReview, xmlCount(file, '//AREVIEW'))
  assert.equal(r.records.missingEpisode, xmlCount(file, '//AMISSING'))
  assert.equal(r.records.careLeaver, xmlCount(file, '//IN_TOUCH'))
  const kids = await store.rows('SELECT child_id, sex, unaccompanied FROM child ORDER BY child_id')
  assert.deepEqual(kids, [
    { child_id: 'C1', sex: 'F', unaccompanied: null },
    { child_id: 'C2', sex: 'M', unaccompanied: true },
  ])
  const [episode] = await store.rows(`SELECT placement, legal_status FROM lac_episode WHERE child_id = 'C1'`)
  assert.deepEqual(episode, { placement: 'U4', legal_status: 'C2' })
  const [issue] = await store.rows(`SELECT severity, sheet, row_number, column_name, value FROM data_issue`)
  assert.deepEqual(issue, {
    severity: 'error',
    sheet: 'episodes',
    row_number: 2,
    column_name: 'DECOM',
    value: '99/99/2013',
  })
  store.close()
})

test('SSDA903 XML with a DTD declaring entities is refused whole (no entity expansion); the previous snapshot stays', async () => {
  const store = await freshStore('330')
  const good = await ingest(store, '2014-03-31', writeTemp('good.xml', XML))
  const evil = XML.replace(
    '<EXPSSDA903>',
    '<!DOCTYPE EXPSSDA903 [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY x SYSTEM "file:///etc/passwd">]><EXPSSDA903>',
  ).replace('<CHILDID>c1</CHILDID>', '<CHILDID>&x;&b;</CHILDID>')
  const r = await ingest(store, '2014-04-30', writeTemp('evil.xml', evil))
  assert.match(r.rejected ?? '', /^evil\.xml contains a DOCTYPE \(a DTD\); SSDA903 files must not, so it was not read$/)
  assert.equal(await store.currentSnapshotId(), good.snapshotId)
  const kids = await store.rows<{ child_id: string }>('SELECT child_id FROM child')
  assert.ok(!kids.some((k) => /root|aaaa/i.test(k.child_id)), 'no entity was expanded')
  store.close()
})
