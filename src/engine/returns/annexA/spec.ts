import fs from 'node:fs'

/** One Annex A column as the specs declare it (spec.json, built by scripts/casework/build-annexa-spec.mjs). */
export interface AnnexAColumn {
  heading: string
  type: 'date' | 'int' | 'category' | 'text' | 'postcode'
  blank: boolean
  patterns?: string[]
  values?: Array<{ code: string; names: string[] }>
}
export interface AnnexAList {
  list: number
  columns: AnnexAColumn[]
}

export const ANNEX_A_LISTS: AnnexAList[] = (
  JSON.parse(fs.readFileSync(new URL('./spec.json', import.meta.url), 'utf8')) as { lists: AnnexAList[] }
).lists

/** Headings compared without case, punctuation or spacing. */
export const normalHeading = (s: string) =>
  s
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()

const toRegExp = (p: string) => {
  const m = /^\/(.*)\/([a-z]*)$/.exec(p.trim())
  return m ? new RegExp(m[1], m[2].replace(/[^imsu]/g, '')) : new RegExp(p, 'i')
}

interface Matcher {
  heading: string
  normal: string
  patterns: RegExp[]
}
const MATCHERS = new Map<number, Matcher[]>(
  ANNEX_A_LISTS.map((l) => [
    l.list,
    l.columns.map((c) => ({
      heading: c.heading,
      normal: normalHeading(c.heading),
      patterns: (c.patterns ?? []).map(toRegExp),
    })),
  ]),
)

/**
 * Which cell holds which Ofsted heading, for one list: exact headings first (ignoring case, punctuation and
 * spaces), then the specs' header patterns, then a heading that starts with Ofsted's (extra words or brackets).
 * Returns heading -> cell index.
 */
export function matchHeadings(list: number, cells: string[]): Map<string, number> {
  const matchers = MATCHERS.get(list) ?? []
  const normal = cells.map((c) => normalHeading(c ?? ''))
  const found = new Map<string, number>()
  const taken = new Set<number>()
  const claim = (m: Matcher, i: number) => {
    found.set(m.heading, i)
    taken.add(i)
  }
  for (const m of matchers) {
    const i = normal.findIndex((n, j) => !taken.has(j) && n === m.normal)
    if (i >= 0) claim(m, i)
  }
  const tries: Array<(m: Matcher, j: number) => boolean> = [
    (m, j) => m.patterns.some((p) => p.test(String(cells[j] ?? '').trim())),
    (m, j) => normal[j].length > 3 && (normal[j].startsWith(m.normal) || m.normal.startsWith(normal[j] + ' ')),
  ]
  for (const t of tries)
    for (const m of matchers) {
      if (found.has(m.heading)) continue
      const i = normal.findIndex((n, j) => n !== '' && !taken.has(j) && t(m, j))
      if (i >= 0) claim(m, i)
    }
  return found
}

/** The list a sheet or file name names ("List 1", "list_10", "L3 - Referrals", "Annex A List 8"), or null. */
export function listFromName(name: string): number | null {
  const m = /(?:^|[^a-z])l(?:ist)?[\s_-]*(\d{1,2})(?!\d)/i.exec(name)
  const n = m ? Number(m[1]) : NaN
  return n >= 1 && n <= 11 ? n : null
}

/** The list whose headings a header row matches best (most of its own headings found), or null. */
export function listFromHeadings(cells: string[]): number | null {
  let best: { list: number; score: number } | null = null
  for (const l of ANNEX_A_LISTS) {
    const found = matchHeadings(l.list, cells).size
    const score = found / l.columns.length + found / 1000
    if (found >= 4 && (!best || score > best.score)) best = { list: l.list, score }
  }
  return best?.list ?? null
}
