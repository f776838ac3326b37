import { saxesParser } from '../saxes.ts'
import { UnreadableFileError } from '../format.ts'

/**
 * The leaf elements the reader uses, by group, each with its place in the group's `values` (repeated elements,
 * Disability, AssessmentFactors and CPPreviewDate, are lists of their own). Elements not named here are skipped.
 */
export const CHILD = {
  LAchildID: 0,
  UPN: 1,
  PersonBirthDate: 2,
  ExpectedPersonBirthDate: 3,
  Sex: 4,
  GenderCurrent: 5,
  Ethnicity: 6,
}
export const EPISODE = {
  CINreferralDate: 0,
  ReferralSource: 1,
  PrimaryNeedCode: 2,
  CINclosureDate: 3,
  ReasonForClosure: 4,
  ReferralNFA: 5,
}
export const ASSESSMENT = { AssessmentActualStartDate: 0, AssessmentAuthorisationDate: 1 }
export const CIN_PLAN = { CINPlanStartDate: 0, CINPlanEndDate: 1 }
export const S47 = { S47ActualStartDate: 0, InitialCPCtarget: 1, DateOfInitialCPC: 2, ICPCnotRequired: 3 }
export const CP_PLAN = {
  CPPstartDate: 0,
  CPPendDate: 1,
  InitialCategoryOfAbuse: 2,
  LatestCategoryOfAbuse: 3,
  NumberOfPreviousCPP: 4,
}

/** Element groups, numbered (the parent of each is PARENT[group]). */
export const G = { None: 0, Header: 1, Child: 2, Episode: 3, Assessment: 4, CinPlan: 5, S47: 6, CpPlan: 7 } as const
export type G = (typeof G)[keyof typeof G]
export const PARENT: G[] = [G.None, G.None, G.None, G.Child, G.Episode, G.Episode, G.Episode, G.Episode]

/**
 * What an element is: a group that opens (`opens`), or a leaf of a group with its place there (`at`), or one of the
 * repeated leaves (`list`). One lookup per element, on open; the entry is kept on a stack for its close. `token` is
 * the byte that stands for it in the parser's output (CinChildren in cinTokens.ts reads it).
 */
export interface Entry {
  opens?: G
  group?: G
  at?: number
  list?: 'disability' | 'factor' | 'review'
  token: number
}

/**
 * Tokens, as UTF-8 bytes each ended by a zero byte (no XML text can hold U+0000): a group's opening is the byte of
 * its number, its closing that number plus CLOSE_BASE; a leaf is LEAF_BASE plus its place in LEAVES, then its value.
 */
export const CLOSE_BASE = 8
export const LEAF_BASE = 32
export const SEPARATOR = '\u0000'
export const LEAVES: Entry[] = []
const leaf = (e: Omit<Entry, 'token'>): Entry => {
  const entry = { ...e, token: LEAF_BASE + LEAVES.length }
  LEAVES.push(entry)
  return entry
}
const leaves = (group: G, places: Record<string, number>) =>
  Object.entries(places).map(([k, at]): [string, Entry] => [k, leaf({ group, at })])
const opens = (g: G): Entry => ({ opens: g, token: g })
const UTF8 = new TextEncoder()
/** Room for the tokens of one 1 MB chunk of text, most often (it grows when not). */
const OUT_BYTES = 1 << 20
const ENTRIES = new Map<string, Entry>([
  ['Header', opens(G.Header)],
  ['Child', opens(G.Child)],
  ['CINdetails', opens(G.Episode)],
  ['Assessments', opens(G.Assessment)],
  ['CINPlanDates', opens(G.CinPlan)],
  ['Section47', opens(G.S47)],
  ['ChildProtectionPlans', opens(G.CpPlan)],
  ...leaves(G.Child, CHILD),
  ...leaves(G.Episode, EPISODE),
  ...leaves(G.Assessment, ASSESSMENT),
  ...leaves(G.CinPlan, CIN_PLAN),
  ...leaves(G.S47, S47),
  ...leaves(G.CpPlan, CP_PLAN),
  ['Disability', leaf({ group: G.Child, list: 'disability' })],
  ['AssessmentFactors', leaf({ group: G.Assessment, list: 'factor' })],
  ['CPPreviewDate', leaf({ group: G.CpPlan, list: 'review' })],
])

/**
 * A streaming CIN census parser (saxes, no DTD: a DOCTYPE is refused, so no entity can be declared or expanded).
 * Feed it text with `write`; `take()` then gives what was read as tokens, in bytes (groups opened and closed, and
 * the values of the leaves the reader uses, in document order), which CinChildren (cinTokens.ts) turns into children,
 * here or on another thread. The header fields are in `header`; `onChildClosed` is called as each <Child> closes.
 * The work per element is kept to a Map lookup and, for a leaf used, one store: no object per child or value.
 */
export class CinParser {
  readonly header: Record<string, string> = {}
  private parser = saxesParser({ position: false })
  private group: G = G.None
  private text = ''
  private out = new Uint8Array(OUT_BYTES)
  private used = 0
  private sawMessage = false
  /** The entry of each open element, innermost last. */
  private stack: Array<Entry | undefined> = []
  private depth = 0

  constructor(private onChildClosed: () => void = () => undefined) {
    const p = this.parser
    p.on('doctype', () => {
      throw new UnreadableFileError('contains a DOCTYPE (a DTD); CIN census files must not, so it was not read')
    })
    p.on('error', (e) => {
      throw new UnreadableFileError(`is not well-formed XML (${e.message.replace(/^.*?:\d+:\d+: /, '')})`)
    })
    p.on('text', (t) => (this.text += t))
    p.on('opentag', (tag) => this.open(tag.name))
    p.on('closetag', (tag) => this.close(tag.name))
  }

  private open(name: string) {
    this.text = ''
    const e = ENTRIES.get(name)
    this.stack[this.depth++] = e
    if (e === undefined || e.opens === undefined) {
      if (name === 'Message') this.sawMessage = true
      return
    }
    this.group = e.opens
    this.token(e.token)
  }

  private close(name: string) {
    const e = this.stack[--this.depth]
    if (e === undefined) {
      if (this.group === G.Header) this.header[name] = this.text.trim()
    } else if (e.opens !== undefined) {
      this.token(CLOSE_BASE + e.opens)
      this.group = PARENT[e.opens]
      if (e.opens === G.Child) this.onChildClosed()
    } else if (e.group === this.group) {
      this.token(e.token)
      this.value(this.text.trim())
    }
    this.text = ''
  }

  private room(bytes: number) {
    if (this.used + bytes <= this.out.length) return
    const bigger = new Uint8Array(Math.max(this.out.length * 2, this.used + bytes))
    bigger.set(this.out.subarray(0, this.used))
    this.out = bigger
  }

  private token(code: number) {
    this.room(2)
    this.out[this.used++] = code
    this.out[this.used++] = 0
  }

  /** A value as UTF-8 and its zero byte: ASCII copied here, anything else by the encoder. */
  private value(s: string) {
    this.room(s.length * 3 + 1)
    const b = this.out
    let u = this.used
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i)
      if (c >= 128) {
        u = this.used + UTF8.encodeInto(s, b.subarray(this.used)).written
        break
      }
      b[u++] = c
    }
    b[u++] = 0
    this.used = u
  }

  write(chunk: string) {
    this.parser.write(chunk)
  }

  /** The tokens read since the last `take()` (empty when none), in a buffer of their own that may be transferred. */
  take(): Uint8Array {
    const tokens = this.out.subarray(0, this.used)
    this.out = new Uint8Array(Math.max(OUT_BYTES, this.used))
    this.used = 0
    return tokens
  }

  /** Ends the document: a truncated file (an element left open) is unreadable. */
  end() {
    this.parser.close()
    if (!this.sawMessage) throw new UnreadableFileError('is XML but not a CIN census (no <Message> element)')
  }
}
