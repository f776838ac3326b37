import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { escapeText, foldLine, toIcs } from './ical.ts'

describe('iCalendar feed (RFC 5545)', () => {
  it('escapes text and folds long lines at 75 octets without splitting characters', () => {
    assert.equal(escapeText('a;b,c\\d\ne'), 'a\\;b\\,c\\\\d\\ne')
    const folded = foldLine('SUMMARY:' + 'é'.repeat(60))
    for (const line of folded.split('\r\n')) assert.ok(Buffer.byteLength(line, 'utf8') <= 75, line)
    assert.equal(
      folded
        .split('\r\n')
        .slice(1)
        .every((l) => l.startsWith(' ')),
      true,
    )
    assert.equal(folded.replace(/\r\n /g, ''), 'SUMMARY:' + 'é'.repeat(60))
  })
  it('writes all-day events with CRLF line endings, UID and DTSTAMP', () => {
    const ics = toIcs(
      'Deadlines',
      [
        {
          uid: 'commitment-1@sightline',
          date: '2014-07-22',
          summary: 'Explain the issues underlying each recommendation, Birmingham',
        },
      ],
      new Date('2014-05-23T10:00:00Z'),
    )
    assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'))
    assert.ok(ics.endsWith('END:VCALENDAR\r\n'))
    assert.doesNotMatch(ics.replace(/\r\n/g, ''), /\n/)
    assert.match(ics, /DTSTART;VALUE=DATE:20140722\r\nDTEND;VALUE=DATE:20140723/)
    assert.match(ics, /DTSTAMP:20140523T100000Z/)
    assert.match(ics, /SUMMARY:Explain the issues underlying each recommendation\\, Birmingham/)
  })
})
