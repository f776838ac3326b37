import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { readCsv } from './csvTable.ts'
import { laIndex, readInspectionHistory } from './inspections.ts'
import { DataLoadError, formatIssue } from './issues.ts'
import { laitYear, readLaitDictionary } from './lait.ts'
import { readNeighbours2021, readNeighbours2025 } from './neighbours.ts'
import { readStatistics, STAT_DATASETS } from './statistics.ts'
import { normaliseBand, parseDate, parseGrade, parseStatValue } from './values.ts'

describe('published values', () => {
  it('keeps suppression symbols as symbols and never reads them as zero', () => {
    assert.deepEqual(parseStatValue('1,234'), { value: 1234, symbol: null })
    assert.deepEqual(parseStatValue(' 13.8 '), { value: 13.8, symbol: null })
    assert.deepEqual(parseStatValue('0'), { value: 0, symbol: null })
    for (const s of ['c', 'x', 'z', 'k', 'u', '..', ':', '-'])
      assert.deepEqual(parseStatValue(s), { value: null, symbol: s }, s)
    assert.deepEqual(parseStatValue('C'), { value: null, symbol: 'c' })
    assert.deepEqual(parseStatValue('low'), { value: null, symbol: 'k' })
    assert.deepEqual(parseStatValue(''), { value: null, symbol: null })
    assert.equal(parseStatValue('12O0'), undefined)
    assert.equal(parseStatValue('1.2.3'), undefined)
  })

  it('spells grades the Sightline way and keeps the published label', () => {
    assert.deepEqual(parseGrade('Adequate'), { grade: 'Requires improvement', original: 'Adequate' })
    assert.deepEqual(parseGrade('Requires improvement to be good'), {
      grade: 'Requires improvement',
      original: 'Requires improvement to be good',
    })
    assert.deepEqual(parseGrade(' Inadequate '), { grade: 'Inadequate', original: 'Inadequate' })
    assert.equal(parseGrade('Outstanding')?.grade, 'Outstanding')
    assert.equal(parseGrade('Good')?.grade, 'Good')
    assert.equal(parseGrade('Met'), undefined)
  })

  it('reads the date formats the files use and refuses impossible dates', () => {
    for (const d of ['2014-05-23', '2014-05-23 00:00:00', '23/05/2014', '23 May 2014', '41782'])
      assert.equal(parseDate(d), '2014-05-23', d)
    assert.equal(parseDate('31/02/2014'), undefined)
    assert.equal(parseDate('May 2014'), undefined)
  })

  it("normalises closeness bands ('Very Close', 'Close ' with a trailing space)", () => {
    assert.equal(normaliseBand('Very Close'), 'Very close')
    assert.equal(normaliseBand('Close '), 'Close')
    assert.equal(normaliseBand('Not Close'), 'Not close')
    assert.equal(normaliseBand('Extremely  close'), 'Extremely close')
    assert.equal(normaliseBand('Near'), undefined)
  })

  it('maps LAIT periods to the year they end in', () => {
    assert.equal(laitYear('2016-17'), 2017)
    assert.equal(laitYear('2016-17 (OT)'), 2017)
    assert.equal(laitYear('2015/16'), 2016)
    assert.equal(laitYear('2014-16'), 2016)
    assert.equal(laitYear('2013/14-15/16'), 2016)
    assert.equal(laitYear('2018 (Rev)'), 2018)
    assert.equal(laitYear('2025 (prov)'), 2025)
    assert.equal(laitYear('1999-00'), 2000)
    assert.equal(laitYear('0'), undefined)
  })
})

describe('CSV reading', () => {
  it('matches headers despite a BOM, case and trailing spaces, and names missing columns with the line', () => {
    const { table, issues } = readCsv('\uFEFFTime_Period , Value\n2014,5\n', 'x.csv', ['time_period', 'value'])
    assert.deepEqual(issues, [])
    assert.equal(table!.rows[0].get('TIME_PERIOD'), '2014')
    assert.equal(table!.rows[0].line, 2)
    const missing = readCsv('a,b\n1,2\n', 'x.csv', ['a', 'c', 'd'])
    assert.equal(missing.table, undefined)
    assert.deepEqual(missing.issues, [{ severity: 'error', source: 'x.csv', row: 1, message: 'missing columns: c, d' }])
  })

  it('reports a short row and an unclosed quote with their lines', () => {
    const short = readCsv('a,b,c\n1,2,3\n4,5\n', 'x.csv', ['a'])
    assert.deepEqual(short.issues, [
      { severity: 'error', source: 'x.csv', row: 3, message: 'expected 3 columns, found 2' },
    ])
    const quote = readCsv('a,b\n1,2\n3,"4\n5,6\n', 'x.csv', ['a'])
    assert.ok(
      quote.issues.some((i) => i.severity === 'error' && i.row === 3 && /quote/i.test(i.message)),
      JSON.stringify(quote.issues),
    )
  })

  it('formats issues with file, line, column and value, and a load error lists them', () => {
    const issue = {
      severity: 'error' as const,
      source: 'd3.csv',
      row: 4,
      column: 'CPP_start',
      value: '12O0',
      message: 'not a number',
    }
    assert.equal(formatIssue(issue), 'd3.csv, line 4, column "CPP_start": not a number (found "12O0")')
    assert.match(
      new DataLoadError([issue]).message,
      /^1 problem in d3\.csv; nothing from this file was loaded\.\n {2}d3\.csv, line 4/,
    )
  })
})

describe('statistical neighbours', () => {
  it('reads the 2021 file by position under its repeated SNP header and normalises bands', () => {
    const text =
      '\uFEFFLA num,LA Name,LA number,GOInd,GOReg,SN1,SNP,SN2,SNP,SN3,SNP,SN4,SNP,SN5,SNP,SN6,SNP,SN7,SNP,SN8,SNP,SN9,SNP,SN10,SNP,\n' +
      '330,Birmingham,330,7,West Midlands,821,Very Close,333,Close ,336,Close,892,Close,352,Somewhat close,335,Somewhat close,308,Somewhat close,831,Somewhat close,320,Somewhat close,380,Not Close,\n'
    const { rows, issues } = readNeighbours2021(text, 'sn2021.csv')
    assert.deepEqual(issues, [])
    assert.equal(rows.length, 10)
    assert.deepEqual(rows[0], { model: '2021', laCode: '330', neighbourCode: '821', rank: 1, band: 'Very close' })
    assert.deepEqual(rows[1].band, 'Close')
    assert.deepEqual(rows[9], { model: '2021', laCode: '330', neighbourCode: '380', rank: 10, band: 'Not close' })
  })

  it('refuses an unknown band, naming line and column', () => {
    const header = 'old_la_code,' + Array.from({ length: 10 }, (_, i) => `SN_${i + 1},SN_${i + 1}P`).join(',')
    const row = '330,' + Array.from({ length: 10 }, (_, i) => `${800 + i},${i === 2 ? 'Nearby' : 'Close'}`).join(',')
    const { rows, issues } = readNeighbours2025(`${header}\n${row}\n`, 'sn2025.csv')
    assert.equal(rows.length, 9)
    assert.deepEqual(issues, [
      {
        severity: 'error',
        source: 'sn2025.csv',
        row: 2,
        column: 'SN_3 band',
        value: 'Nearby',
        message: 'unknown closeness band',
      },
    ])
  })
})

describe('published statistics', () => {
  const b1 = STAT_DATASETS.find((d) => d.name === 'b1')!
  const header =
    'time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,category,Anypoint_episodes,Started_episodes,Ended_episodes,At31_episodes,awaiting_assessment'

  it('selects LAs on the code column, keeps symbols, and dates by the year ending 31 March', () => {
    const text = [
      header,
      '2014,Reporting year,Local authority,E92000001,England,E12000005,West Midlands,330,E08000025,Birmingham,CIN,14000,8634,6590,9123,932',
      // A count of 330 elsewhere in a row must not make it Birmingham's.
      '2014,Reporting year,Local authority,E92000001,England,E12000005,West Midlands,331,E08000026,Coventry,CIN,330,c,x,1200,z',
      '201314,Financial year,National,E92000001,England,,,,,,CIN,700000,1,2,395480,k',
    ].join('\n')
    const { rows, issues } = readStatistics(b1, text, 'b1.csv')
    assert.deepEqual(issues, [])
    const get = (area: string, measure: string) => rows.find((r) => r.areaCode === area && r.measure === measure)
    assert.deepEqual(get('330', 'cin_at_31_march'), {
      dataset: 'b1',
      measure: 'cin_at_31_march',
      geographicLevel: 'Local authority',
      areaCode: '330',
      year: 2014,
      value: 9123,
      symbol: null,
    })
    assert.equal(rows.filter((r) => r.areaCode === '330').length, 5)
    assert.deepEqual(get('331', 'cin_started'), {
      dataset: 'b1',
      measure: 'cin_started',
      geographicLevel: 'Local authority',
      areaCode: '331',
      year: 2014,
      value: null,
      symbol: 'c',
    })
    assert.equal(get('331', 'awaiting_assessment')?.symbol, 'z')
    assert.equal(get('England', 'cin_at_31_march')?.year, 2014, '201314 is the year ending March 2014')
    assert.equal(get('England', 'awaiting_assessment')?.symbol, 'k')
  })

  it('names file, line, column and value for a cell that is neither a number nor a symbol', () => {
    const text = [
      header,
      '2014,Reporting year,Local authority,E92000001,England,E12000005,West Midlands,330,E08000025,Birmingham,CIN,14000,8634,6590,91 23,932',
    ].join('\n')
    const { issues } = readStatistics(b1, text, 'b1.csv')
    assert.deepEqual(issues, [
      {
        severity: 'error',
        source: 'b1.csv',
        row: 2,
        column: 'At31_episodes',
        value: '91 23',
        message: 'not a number or a known suppression symbol (c, x, z, k, u)',
      },
    ])
  })
})

describe('Ofsted history 2009-2023', () => {
  const index = laIndex([
    { laCode: '330', onsCode: 'E08000025', name: 'Birmingham', isCurrent: true, aliases: [] },
    { laCode: '838', onsCode: 'E06000059', name: 'Dorset', isCurrent: true, aliases: [] },
    {
      laCode: '835',
      onsCode: 'E10000009',
      name: 'Dorset (county, before April 2019)',
      isCurrent: false,
      aliases: ['Dorset'],
    },
  ])
  const header =
    'Web link,Local authority name,LA region,LA Authority Type,Safeguarding & Looked After Children (SLAC) Inspection publication date,SLAC Safeguarding Overall effectiveness (OE),SLAC Looked After Children Overall Effectiveness (OE),SLAC re-inspection of Safeguarding publication date,SLAC re-inspection Safeguarding OE,SLAC re-inspection of services for Children Looked After publication date,SLAC re-inspection of services Children Looked After OE,Child Protection Inspections (CPI) publication date,CPI Overall Effectiveness (OE),Child Protection Re-Inspection (CPRI) publication date,CPRI Overall Effectiveness (OE),Targeted Looked After Children (TLAC) inspection publication date,TLAC Overall Effectiveness (OE),Single Inspection of LA Children\'s Services (SIF)  First SIF publication date, First SIF Overall Judgement(OE), First SIF children who need help and protection , First SIF children looked after and achieving permanence , First SIF CLA Sub: Adoption Performance, First SIF CLA Sub: Experiences and progress of care leavers," First SIF leadership, management and governance",LSCB Overall Effectiveness ,Single Inspection of LA Children\'s Services (SIF) SIF Re-inspection publication date, SIF Re-inspection Overall Judgement(OE), SIF Re-inspection children who need help and protection , SIF Re-inspection children looked after and achieving permanence , SIF Re-inspection CLA Sub: Adoption Performance, SIF Re-inspection CLA Sub: Experiences and progress of care leavers," SIF Re-inspection leadership, management and governance",First ILACS framework inspection type,First ILACS framework publication date,First ILACS framework overall effectiveness,First ILACS framework impact of leaders,First ILACS framework experiences and progress of children who need help and protection,First ILACS framework experiences and progress of children in care and care leavers,Second ILACS framework inspection type,Second ILACS framework publication date,Second ILACS framework overall effectiveness,Second ILACS framework impact of leaders,Second ILACS framework experiences and progress of children who need help and protection,Second ILACS framework experiences and progress of children in care,Second ILACS framework experiences and progress of care leavers'
  const width = header.match(/("[^"]*"|[^,]+)/g)!.length
  const row = (cells: string[]) => [...cells, ...Array(width - cells.length).fill('')].join(',')
  const slacOnly = (name: string, date: string, safeguarding: string, lac: string) =>
    row(['link', name, 'Region', 'Type', date, safeguarding, lac])

  it('reads both tables: the current LAs, then the LAs that existed before restructuring', () => {
    const birminghamSif = row([
      'link',
      'Birmingham',
      'West Midlands',
      'Metropolitan District',
      '2010-07-16 00:00:00',
      'Inadequate',
      'Adequate',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '2014-05-23 00:00:00',
      'Inadequate',
      'Inadequate',
      'Inadequate',
      'Inadequate',
      'Inadequate',
      'Inadequate',
      'Inadequate',
    ])
    const text = [
      header,
      birminghamSif,
      slacOnly('Dorset', '23/05/2019', 'Good', 'Good'),
      row([]),
      'Table 11:History of inspections of local authorities that existed before the restructure' +
        ','.repeat(width - 1),
      header,
      slacOnly('Dorset', '2011-10-28 00:00:00', 'Good', 'Requires improvement to be good'),
    ].join('\n')
    const { rows, issues } = readInspectionHistory(text, 'history.csv', index)
    assert.deepEqual(issues, [])
    assert.deepEqual(
      rows.map((r) => [r.laCode, r.framework, r.published, r.judgements.length]),
      [
        ['330', 'SLAC', '2010-07-16', 2],
        ['330', 'SIF', '2014-05-23', 7],
        ['838', 'SLAC', '2019-05-23', 2],
        ['835', 'SLAC', '2011-10-28', 2],
      ],
    )
    const sif = rows[1]
    assert.equal(sif.overallGrade, 'Inadequate')
    assert.ok(sif.judgements.some((j) => j.area === 'LSCB effectiveness' && j.grade === 'Inadequate'))
    assert.deepEqual(
      rows[0].judgements.find((j) => j.originalLabel === 'Adequate'),
      {
        area: 'Looked after children: overall effectiveness',
        grade: 'Requires improvement',
        originalLabel: 'Adequate',
      },
    )
  })

  it('names an unknown LA and an unreadable grade', () => {
    const text = [
      header,
      slacOnly('Atlantis', '2011-10-28', 'Good', 'Good'),
      slacOnly('Birmingham', '2011-10-28', 'Splendid', 'Good'),
    ].join('\n')
    const { issues } = readInspectionHistory(text, 'history.csv', index)
    assert.deepEqual(
      issues.map((i) => [i.row, i.column, i.value, i.message]),
      [
        [2, 'Local authority name', 'Atlantis', 'unknown local authority'],
        [3, 'SLAC Safeguarding Overall effectiveness (OE)', 'Splendid', 'not an Ofsted grade'],
      ],
    )
  })
})

describe('LAIT dictionary', () => {
  it('keys indicators on Measure_short and keeps only High/Low polarity', () => {
    const text =
      '"Measure_code","Topic","Measure","Measure_short","Polarity","y_axis_name","Description","Year_Type"\n' +
      '"100","Child Protection","CP plans lasting 2 years or more","CPPlans2yrs","Low","% of plans","Plans ceasing after 2 years","Financial Year"\n' +
      '"100","Child Protection","CP plans rate","CPPRate","-","Rate per 10,000","Volume","Financial Year"\n' +
      '"200","Other topic","CP plans lasting 2 years or more","CPPlans2yrs","Low","% of plans","Listed twice","Financial Year"\n'
    const { rows, issues } = readLaitDictionary(text, 'dict.csv')
    assert.deepEqual(issues, [])
    assert.deepEqual(
      rows.map((r) => [r.measure, r.polarity, r.unit, r.topic]),
      [
        ['CPPlans2yrs', 'Low', '% of plans', 'Child Protection'],
        ['CPPRate', null, 'Rate per 10,000', 'Child Protection'],
      ],
    )
    assert.equal(rows[0].description, 'Plans ceasing after 2 years Period: Financial Year.')
  })
})
