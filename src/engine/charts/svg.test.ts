import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { barChart, escapeXml, lineChart, niceTicks, scatterChart } from './svg.ts'

describe('svg charts', () => {
  it('chooses round ticks that cover the range', () => {
    assert.deepEqual(niceTicks(0, 97), [0, 20, 40, 60, 80, 100])
    assert.deepEqual(niceTicks(0, 4), [0, 1, 2, 3, 4])
    assert.deepEqual(niceTicks(12, 12.5), [12, 12.1, 12.2, 12.3, 12.4, 12.5])
  })

  it('draws a titled, described line chart that breaks at suppressed values', () => {
    const svg = lineChart(
      [
        {
          name: 'Birmingham',
          highlight: true,
          points: [
            { x: 2013, y: 36.5 },
            { x: 2014, y: null },
            { x: 2015, y: 40 },
          ],
        },
        {
          name: 'Neighbours <mean>',
          points: [
            { x: 2013, y: 45 },
            { x: 2014, y: 46 },
            { x: 2015, y: 47 },
          ],
        },
      ],
      { title: 'CP plans per 10,000', description: 'Birmingham against neighbours, 2013 to 2015' },
    )
    assert.match(svg, /role="img"/)
    assert.match(svg, /<title id="[^"]+">CP plans per 10,000<\/title>/)
    assert.match(svg, /Neighbours &lt;mean&gt;/, 'names are escaped')
    const birmingham = /<path d="([^"]+)"[^>]*stroke-width="4"/.exec(svg)![1]
    assert.equal(birmingham.split('M').length - 1, 2, 'the null year breaks the line into two pieces')
    assert.equal((svg.match(/<circle/g) ?? []).length, 5, 'one marker per published value')
  })

  it('says when there is nothing to chart', () => {
    assert.match(
      lineChart([{ name: 'x', points: [{ x: 1, y: null }] }], { title: 't', description: 'd' }),
      /No published values/,
    )
  })

  it('labels the highlighted point on a scatter chart and bars show "not published" for nulls', () => {
    const s = scatterChart(
      [
        { x: 1, y: 2, label: 'A' },
        { x: 2, y: 3, label: 'Birmingham', highlight: true },
      ],
      { title: 't', description: 'd', fit: (x) => x + 1 },
    )
    assert.match(s, /font-weight="bold">Birmingham</)
    const b = barChart(
      [
        { label: 'Referrals', value: 100 },
        { label: 'Assessments', value: null },
      ],
      { title: 't', description: 'd' },
    )
    assert.match(b, /not published/)
    assert.equal(escapeXml(`a<b & "c"`), 'a&lt;b &amp; &quot;c&quot;')
  })
})
