import { MONTHS } from '../dates.ts'

/**
 * Readable differences between two versions of a record, for version history and edit conflicts:
 * "Due date: 1 July 2014 → 15 July 2014"; long texts also get a word-level diff.
 */

export interface FieldChange {
  field: string
  label: string
  before: string
  after: string
  /** One line a person can read. */
  text: string
  /** For long texts: the words kept, removed and added, in order. */
  words?: Array<{ op: 'same' | 'del' | 'add'; text: string }>
}

/** Bookkeeping fields never shown as changes. */
const IGNORED = new Set(['version', 'id', 'createdAt', 'updatedAt', 'bytes'])

/** 'dueDate' -> 'Due date'; 'ragOverrideReason' -> 'Rag override reason' (with RAG kept in capitals). */
export function fieldLabel(field: string): string {
  const words = field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()
  const text = words.charAt(0).toUpperCase() + words.slice(1)
  return text
    .replace(/\brag\b/gi, 'RAG')
    .replace(/\bkpi\b/gi, 'KPI')
    .replace(/\bid\b/g, 'ID')
}

/** Shows a value the way people read it: ISO dates as "1 July 2014", empty as "(none)". */
export function displayValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '(none)'
  if (v instanceof Date) return displayValue(v.toISOString())
  if (typeof v === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})(T[\d:.]+Z?)?$/.exec(v)
    if (m) return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}${m[4] ? ` ${m[4].slice(1, 6)}` : ''}`
    return v
  }
  if (typeof v === 'boolean') return v ? 'Yes' : 'No'
  if (Array.isArray(v)) return v.map(displayValue).join(', ') || '(none)'
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/**
 * @example readableDiff({ dueDate: '2014-07-01', title: 'A' }, { dueDate: '2014-07-15', title: 'A' })
 * // [{ field: 'dueDate', label: 'Due date', before: '1 July 2014', after: '15 July 2014', text: 'Due date: 1 July 2014 → 15 July 2014' }]
 */
export function readableDiff(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): FieldChange[] {
  const b = before ?? {}
  const a = after ?? {}
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((f) => !IGNORED.has(f))
  const changes: FieldChange[] = []
  for (const field of fields) {
    if (same(b[field], a[field])) continue
    const label = fieldLabel(field)
    const from = displayValue(b[field])
    const to = displayValue(a[field])
    const long = from.length > 80 || to.length > 80
    const change: FieldChange = {
      field,
      label,
      before: from,
      after: to,
      text: long ? `${label} changed` : `${label}: ${from} → ${to}`,
    }
    if (long && typeof (b[field] ?? '') === 'string' && typeof (a[field] ?? '') === 'string')
      change.words = wordDiff(from, to)
    changes.push(change)
  }
  return changes
}

/** Word-level longest-common-subsequence diff; falls back to delete-all/add-all for very long texts. */
export function wordDiff(from: string, to: string): Array<{ op: 'same' | 'del' | 'add'; text: string }> {
  const x = from.split(/\s+/).filter(Boolean)
  const y = to.split(/\s+/).filter(Boolean)
  if (x.length * y.length > 4_000_000)
    return [
      { op: 'del', text: from },
      { op: 'add', text: to },
    ]
  const lcs: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0))
  for (let i = x.length - 1; i >= 0; i--)
    for (let j = y.length - 1; j >= 0; j--)
      lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1])
  const out: Array<{ op: 'same' | 'del' | 'add'; text: string }> = []
  const push = (op: 'same' | 'del' | 'add', w: string) => {
    const last = out.at(-1)
    if (last && last.op === op) last.text += ` ${w}`
    else out.push({ op, text: w })
  }
  let i = 0
  let j = 0
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      push('same', x[i])
      i++
      j++
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) push('del', x[i++])
    else push('add', y[j++])
  }
  while (i < x.length) push('del', x[i++])
  while (j < y.length) push('add', y[j++])
  return out
}
