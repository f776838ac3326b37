import { saxesParser } from '../saxes.ts'
import { UnreadableFileError } from '../format.ts'
import type { Ssda903Table } from './tables.ts'

export type Values = Record<string, string>
export interface Child903 {
  position: number
  rows: Array<{ table: Ssda903Table; values: Values }>
}

/** Repeated groups inside <CHILD> and the table each is a row of. */
const GROUPS: Record<string, Ssda903Table> = {
  EPISODE: 'episodes',
  AREVIEW: 'reviews',
  AMISSING: 'missing',
  AD_PLACED: 'placed_for_adoption',
  OC2: 'oc2',
  PERMANENCE: 'prev_perm',
}

/** The child's own fields (HEADER) as the CSV tables header, uasc, ad1 and oc3 carry them. */
function headerRows(h: Values): Child903['rows'] {
  const base = { CHILD: h.CHILDID ?? '', DOB: h.DOB ?? '' }
  const rows: Child903['rows'] = [{ table: 'header', values: { ...h, ...base } }]
  if (['1', 'true'].includes((h.UASC ?? '').toLowerCase()))
    rows.push({ table: 'uasc', values: { ...base, SEX: h.SEX ?? '', DUC: h.DUC ?? '' } })
  if (h.DATE_INT || h.DATE_MATCH) rows.push({ table: 'ad1', values: { ...h, ...base } })
  if (h.IN_TOUCH) rows.push({ table: 'oc3', values: { ...h, ...base } })
  return rows
}

/**
 * The SSDA903 XML (EXPSSDA903, SSDA903_CLA_2021.xsd) streamed with saxes, one <CHILD> at a time, as the rows the
 * CSV tables would hold. A DOCTYPE is refused.
 */
export class Ssda903XmlParser {
  private parser = saxesParser({ position: false })
  private text = ''
  private header: Values = {}
  private group: { table: Ssda903Table; values: Values } | null = null
  private groups: Child903['rows'] = []
  private position = 0
  private sawRoot = false

  constructor(onChild: (c: Child903) => void) {
    const p = this.parser
    p.on('doctype', () => {
      throw new UnreadableFileError('contains a DOCTYPE (a DTD); SSDA903 files must not, so it was not read')
    })
    p.on('error', (e) => {
      throw new UnreadableFileError(`is not well-formed XML (${e.message.replace(/^.*?:\d+:\d+: /, '')})`)
    })
    p.on('text', (t) => (this.text += t))
    p.on('opentag', (tag) => {
      this.text = ''
      if (tag.name === 'EXPSSDA903') this.sawRoot = true
      else if (tag.name === 'CHILD') {
        this.header = {}
        this.groups = []
      } else if (GROUPS[tag.name]) this.group = { table: GROUPS[tag.name], values: {} }
    })
    p.on('closetag', (tag) => {
      const name = tag.name
      if (name === 'CHILD') {
        const base = { CHILD: this.header.CHILDID ?? '', DOB: this.header.DOB ?? '' }
        const rows = [
          ...headerRows(this.header),
          ...this.groups.map((g) => ({ ...g, values: { ...base, ...g.values } })),
        ]
        onChild({ position: ++this.position, rows })
      } else if (GROUPS[name] && this.group) {
        this.groups.push(this.group)
        this.group = null
      } else if (name !== 'HEADER' && name !== 'EXPSSDA903') {
        const target = this.group ? this.group.values : this.header
        target[name === 'PL' ? 'PLACE' : name] = this.text.trim()
      }
      this.text = ''
    })
  }

  write(chunk: string) {
    this.parser.write(chunk)
  }

  end() {
    this.parser.close()
    if (!this.sawRoot) throw new UnreadableFileError('is XML but not an SSDA903 return (no <EXPSSDA903> element)')
  }
}
