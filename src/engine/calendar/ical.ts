/**
 * iCalendar (RFC 5545) for deadline feeds: all-day VEVENTs, CRLF line endings, lines folded at 75 octets, text
 * escaped. Written here rather than pulled in: it is small and every rule is tested.
 */
export interface CalendarItem {
  uid: string
  date: string // YYYY-MM-DD
  summary: string
  description?: string
  url?: string
}

/** Escapes TEXT values: backslash, semicolon, comma and newlines. */
export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n')
}

/** Folds a content line so no line exceeds 75 octets (UTF-8), continuing with CRLF + space, never splitting a character. */
export function foldLine(line: string): string {
  const out: string[] = []
  let current = ''
  let octets = 0
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8')
    const limit = out.length === 0 ? 75 : 74 // continuation lines start with a space
    if (octets + size > limit) {
      out.push(current)
      current = ''
      octets = 0
    }
    current += ch
    octets += size
  }
  out.push(current)
  return out.join('\r\n ')
}

const compact = (iso: string) => iso.replace(/-/g, '')

function nextDay(iso: string) {
  const d = new Date(iso + 'T00:00:00Z')
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

/** @example toIcs('Sightline deadlines', [{ uid: 'c1@sightline', date: '2014-07-22', summary: 'Explanation due' }], new Date()) */
export function toIcs(name: string, items: CalendarItem[], now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Sightline//Deadlines//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
  ]
  for (const i of items) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${i.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compact(i.date)}`,
      `DTEND;VALUE=DATE:${compact(nextDay(i.date))}`,
      `SUMMARY:${escapeText(i.summary)}`,
      ...(i.description ? [`DESCRIPTION:${escapeText(i.description)}`] : []),
      ...(i.url ? [`URL:${i.url}`] : []),
      'END:VEVENT',
    )
  }
  lines.push('END:VCALENDAR')
  return lines.map(foldLine).join('\r\n') + '\r\n'
}
