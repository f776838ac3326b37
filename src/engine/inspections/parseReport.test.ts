import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { parseDateRange, parseOfstedReport, ReportParseError } from './index.ts'
import { cleanLaName } from './parseReport.ts'
import { gradeWord, joinLines } from './text.ts'

const DIR = path.resolve('test/fixtures/ofsted-reports')
const SYNTHETIC = path.resolve('test/fixtures/synthetic-reports')
const read = (file: string) => parseOfstedReport(new Uint8Array(fs.readFileSync(file)))
const truthOf = (pdf: string) => JSON.parse(fs.readFileSync(path.join(DIR, pdf.replace('.pdf', '.truth.json')), 'utf8'))
const pdfs = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.pdf'))
  .sort()

/** The ground truth spells grades as printed ('Requires Improvement', 'Requires improvement to be good'). */
const asGrade = (printed: string) => gradeWord(printed) ?? printed

/** Inspection dates as ISO, transcribed from each truth file's `inspection_dates` (printed verbatim there). */
const DATES: Record<string, [string, string]> = {
  barnsley: ['2024-11-05', '2024-11-06'],
  'cheshire-west-and-chester': ['2019-03-18', '2019-03-22'],
  coventry: ['2014-01-28', '2014-02-05'],
  derby: ['2022-03-21', '2022-03-25'],
  dudley: ['2020-10-13', '2020-10-13'],
  lancashire: ['2015-09-14', '2015-10-08'],
  medway_2013: ['2013-07-15', '2013-07-19'],
  medway_2019: ['2019-07-15', '2019-07-26'],
  norfolk_2019: ['2019-10-08', '2019-10-09'],
  norfolk_2023: ['2022-11-07', '2022-11-18'],
  plymouth: ['2022-12-13', '2022-12-14'],
  reading: ['2016-05-23', '2016-06-15'],
  rotherham: ['2014-09-16', '2014-10-08'],
  somerset: ['2015-01-20', '2015-02-11'],
  'st-helens': ['2019-09-23', '2019-10-04'],
  'west-berkshire': ['2017-05-08', '2017-05-19'],
  westminster: ['2016-01-11', '2016-02-04'],
}
const datesOf = (pdf: string) =>
  Object.entries(DATES).find(([k]) => pdf.startsWith(k + (k.includes('_') ? '' : '_')))?.[1]

describe('Ofsted report reader against the ground truth of 17 real reports', () => {
  it('has all 17 real reports, 212 recommendations between them', () => {
    assert.equal(pdfs.length, 17)
    assert.equal(
      pdfs.reduce((n, pdf) => n + truthOf(pdf).recommendations.length, 0),
      212,
    )
  })

  for (const pdf of pdfs) {
    it(`${pdf}: LA, framework, dates, publication date, every judgement and exactly the recommendations`, async () => {
      const r = await read(path.join(DIR, pdf))
      const truth = truthOf(pdf)
      assert.equal(r.la, truth.la)
      assert.equal(r.framework, truth.framework)
      assert.deepEqual([r.inspectionStart, r.inspectionEnd], datesOf(pdf))
      // Publication dates are read where the report prints them; ILACS and early SIF reports do not, and say so.
      if (truth.published_source.startsWith('listing')) {
        assert.equal(r.published, null)
        assert.ok(r.flags.some((f) => f.field === 'published'))
      } else assert.equal(r.published, truth.published)
      assert.equal(r.lscbJudgement, truth.lscb_judgement ? asGrade(truth.lscb_judgement) : null)
      const expectedJudgements = Object.entries(truth.judgements as Record<string, string>).map(([area, grade]) => [
        area,
        asGrade(grade),
      ])
      assert.deepEqual(
        r.judgements.map((j) => [j.area, j.grade]),
        expectedJudgements,
      )
      assert.deepEqual(
        r.recommendations.map((x) => [x.number, x.category]),
        truth.recommendations.map((x: { number: string | null; category: string }) => [x.number, x.category]),
      )
      r.recommendations.forEach((x, i) => {
        // The truth keeps each recommendation's first 80 characters.
        assert.equal(x.text.slice(0, truth.recommendations[i].text.length), truth.recommendations[i].text)
        assert.equal(x.addressee, x.category.startsWith('LSCB: ') ? 'safeguarding board' : 'local authority')
      })
    })
  }

  it('keeps theme sub-headings as themes, never as recommendations (Rotherham 2014)', async () => {
    const r = await read(path.join(DIR, 'rotherham_2014-11-19_inspection.pdf'))
    const byNumber = new Map(r.recommendations.map((x) => [x.number, x]))
    assert.equal(byNumber.get('1')?.theme, 'Leadership, management and governance')
    assert.equal(byNumber.get('14')?.theme, 'Thresholds')
    // A second sentence that starts a line is the item's text, not a heading.
    assert.match(
      byNumber.get('21')!.text,
      /views\. Ensure that the service is supported by an effective performance management and information system\.$/,
    )
    assert.ok(!r.recommendations.some((x) => /^Care leavers$/.test(x.text)))
  })

  it('reads a recommendation to its end and no further (Lancashire 2015, across a page break)', async () => {
    const r = await read(path.join(DIR, 'lancashire_2015-11-27_inspection.pdf'))
    const ten = r.recommendations.find((x) => x.number === '10')!
    assert.equal(
      ten.text,
      'In cases with an additional focus, such as forced marriage or honour-based violence, ensure that social workers understand the importance of also initiating child protection procedures when the victim is a child (paragraph 51).',
    )
    const last = r.recommendations.find((x) => x.number === '17')!
    assert.match(last.text, /re-engaging with education/, 'a hyphen at a line end joins without a space')
    assert.match(last.text, /\(paragraphs 84, 107, 111, 112, 115, 116\)\.$/)
  })

  it('flags the old grade scale of a 2013 report rather than silently recoding it', async () => {
    const r = await read(path.join(DIR, 'medway_2013-08-23_inspection.pdf'))
    const i = r.judgements.findIndex((j) => j.grade === 'Adequate')
    assert.ok(i >= 0)
    assert.ok(r.flags.some((f) => f.field === `judgements.${i}.grade`))
  })
})

describe('Ofsted report reader on synthetic letters and bad files', () => {
  it('recognises a monitoring visit letter (no monitoring letters are in the real set)', async () => {
    const r = await read(path.join(SYNTHETIC, 'monitoring-visit-letter.pdf'))
    assert.equal(r.framework, 'monitoring visit')
    assert.equal(r.la, 'Anytown')
    assert.deepEqual([r.inspectionStart, r.inspectionEnd], ['2026-06-03', '2026-06-04'])
    assert.equal(r.published, '2026-07-01')
    assert.deepEqual(r.judgements, [])
  })

  it('refuses a file that is not a PDF, a damaged PDF, and a PDF that is not an Ofsted report', async () => {
    await assert.rejects(
      parseOfstedReport(new Uint8Array(Buffer.from('PK\u0003\u0004 a zip'))),
      (e: unknown) => e instanceof ReportParseError && e.code === 'not-pdf',
    )
    await assert.rejects(
      parseOfstedReport(new Uint8Array(Buffer.from('%PDF-1.4\n garbage garbage'))),
      (e: unknown) => e instanceof ReportParseError && ['corrupt', 'no-text', 'truncated'].includes(e.code),
    )
    const board = fs.readFileSync(path.resolve('data/demo/2014-05-23-timpson-to-bore.pdf'))
    await assert.rejects(
      parseOfstedReport(new Uint8Array(board)),
      (e: unknown) => e instanceof ReportParseError && e.code === 'not-ofsted',
    )
  })

  it('refuses a web page saved as .pdf, a cut-off download and a children’s home report, naming what each is', async () => {
    await assert.rejects(
      read(path.join(SYNTHETIC, 'html-error-page.pdf')),
      (e: unknown) => e instanceof ReportParseError && e.code === 'not-pdf' && /web page \(HTML\)/.test(e.message),
    )
    const whole = fs.readFileSync(path.join(DIR, 'medway_2019-08-27_inspection.pdf'))
    await assert.rejects(
      parseOfstedReport(new Uint8Array(whole.subarray(0, Math.floor(whole.length / 2)))),
      (e: unknown) => e instanceof ReportParseError && e.code === 'truncated' && /incomplete/.test(e.message),
    )
    await assert.rejects(
      read(path.join(SYNTHETIC, 'childrens-home-report.pdf')),
      (e: unknown) =>
        e instanceof ReportParseError && e.code === 'not-la-report' && /report on a children’s home/.test(e.message),
    )
  })

  it('refuses an encrypted PDF, a scan with no text layer, and a file over 50 MB, each with a clear message', async () => {
    await assert.rejects(
      read(path.join(SYNTHETIC, 'encrypted.pdf')),
      (e: unknown) => e instanceof ReportParseError && e.code === 'encrypted' && /password/.test(e.message),
    )
    await assert.rejects(
      read(path.join(SYNTHETIC, 'scanned-no-text.pdf')),
      (e: unknown) => e instanceof ReportParseError && e.code === 'no-text' && /scan/.test(e.message),
    )
    const big = new Uint8Array(50 * 1024 * 1024 + 1)
    big.set(Buffer.from('%PDF-1.4'))
    await assert.rejects(
      parseOfstedReport(big),
      (e: unknown) => e instanceof ReportParseError && e.code === 'too-large' && /50 MB/.test(e.message),
    )
  })
})

describe('report reader text helpers', () => {
  it('reads date ranges as Ofsted writes them', () => {
    assert.deepEqual(parseDateRange('Inspection dates: 7 to 18 November 2022'), ['2022-11-07', '2022-11-18'])
    assert.deepEqual(parseDateRange('15 July 2019 to 26 July 2019'), ['2019-07-15', '2019-07-26'])
    assert.deepEqual(parseDateRange('on 13 and 14 December 2022'), ['2022-12-13', '2022-12-14'])
    assert.deepEqual(parseDateRange('Inspection date: 28 January–5 February 2014'), ['2014-01-28', '2014-02-05'])
    assert.deepEqual(parseDateRange('16 September – 8 October 2014'), ['2014-09-16', '2014-10-08'])
    assert.deepEqual(parseDateRange('Inspection dates: 15-19 July 2013'), ['2013-07-15', '2013-07-19'])
    assert.deepEqual(parseDateRange('23 May to 15 June 2016'), ['2016-05-23', '2016-06-15'])
    // two on-site periods: first day of the first to last day of the last (South Tyneside 2023, Sheffield 2014)
    assert.deepEqual(parseDateRange('5 to 9 December 2022 and 14 to 15 February 2023'), ['2022-12-05', '2023-02-15'])
    assert.deepEqual(parseDateRange('19 November-11 December 2013 and 28 – 30 January 2014'), [
      '2013-11-19',
      '2014-01-30',
    ])
    assert.deepEqual(parseDateRange('Inspection date: 1/06/2015 – 25/06/2015'), ['2015-06-01', '2015-06-25'])
    assert.deepEqual(parseDateRange('30 February 2016'), [null, null])
    assert.deepEqual(parseDateRange('no date here'), [null, null])
  })

  it('names the council as the register does', () => {
    assert.equal(cleanLaName('Metropolitan Borough of Rotherham'), 'Rotherham')
    assert.equal(cleanLaName('St Helens Metropolitan Borough Council'), 'St Helens')
    assert.equal(cleanLaName('Medway Children’s Services'), 'Medway')
    assert.equal(cleanLaName('Coventry City Council'), 'Coventry')
    assert.equal(cleanLaName('Somerset County Council'), 'Somerset')
    assert.equal(cleanLaName('Bedford Borough'), 'Bedford')
    assert.equal(cleanLaName('Nottingham City'), 'Nottingham')
    assert.equal(cleanLaName('Tameside metropolitan borough'), 'Tameside')
    assert.equal(cleanLaName('St. Helens'), 'St Helens')
    assert.equal(cleanLaName('London Borough of Hillingdon'), 'Hillingdon')
  })

  it('joins wrapped lines, keeping a line-end hyphen without a space', () => {
    assert.equal(joinLines(['co-', 'worked with', ' a team']), 'co-worked with a team')
    assert.equal(gradeWord('Requires Improvement'), 'Requires improvement')
    assert.equal(gradeWord('requires improvement to be good'), 'Requires improvement')
    assert.equal(gradeWord('Adequate'), 'Adequate')
    assert.equal(gradeWord('Satisfying'), null)
  })
})
