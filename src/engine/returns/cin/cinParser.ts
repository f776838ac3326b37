import { SaxesParser } from 'saxes'
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

/** Leaf values of one element group, by place (CHILD, EPISODE, ...); undefined when the element was absent. */
export type Values = Array<string | undefined>
export interface RawEpisode {
  values: Values
  assessments: Array<{ values: Values; factors: string[] }>
  cinPlans: Values[]
  s47s: Values[]
  cpPlans: Array<{ values: Values; reviews: string[] }>
}
export interface RawChild {
  position: number
  values: Values
  disabilities: string[]
  episodes: RawEpisode[]
}

/** Element groups, numbered (the parent of each is PARENT[group]). */
const G = { None: 0, Header: 1, Child: 2, Episode: 3, Assessment: 4, CinPlan: 5, S47: 6, CpPlan: 7 } as const
type G = (typeof G)[keyof typeof G]
const PARENT: G[] = [G.None, G.None, G.None, G.Child, G.Episode, G.Episode, G.Episode, G.Episode]
/**
 * What an element is: a group that opens (`opens`), or a leaf of a group with its place there (`at`), or one of the
 * repeated leaves (`list`). One lookup per element, on open; the entry is kept on a stack for its close.
 */
interface Entry {
  opens?: G
  group?: G
  at?: number
  list?: 'disability' | 'factor' | 'review'
}
const leaves = (group: G, places: Record<string, number>) =>
  Object.entries(places).map(([k, at]): [string, Entry] => [k, { group, at }])
const ENTRIES = new Map<string, Entry>([
  ['Header', { opens: G.Header }],
  ['Child', { opens: G.Child }],
  ['CINdetails', { opens: G.Episode }],
  ['Assessments', { opens: G.Assessment }],
  ['CINPlanDates', { opens: G.CinPlan }],
  ['Section47', { opens: G.S47 }],
  ['ChildProtectionPlans', { opens: G.CpPlan }],
  ...leaves(G.Child, CHILD),
  ...leaves(G.Episode, EPISODE),
  ...leaves(G.Assessment, ASSESSMENT),
  ...leaves(G.CinPlan, CIN_PLAN),
  ...leaves(G.S47, S47),
  ...leaves(G.CpPlan, CP_PLAN),
  ['Disability', { group: G.Child, list: 'disability' }],
  ['AssessmentFactors', { group: G.Assessment, list: 'factor' }],
  ['CPPreviewDate', { group: G.CpPlan, list: 'review' }],
])

/**
 * A streaming CIN census parser (saxes, no DTD: a DOCTYPE is refused, so no entity can be declared or expanded).
 * Feed it text with `write`; each complete <Child> arrives through `onChild`, the header fields through `header`.
 * Memory holds one child at a time. Element names are looked up in Maps and values kept in arrays by place, so
 * each element costs a lookup and a store (no property named after an element, no object per leaf).
 */
export class CinParser {
  readonly header: Record<string, string> = {}
  private parser = new SaxesParser({ position: false })
  private group: G = G.None
  private text = ''
  private child: RawChild | undefined
  private episode: RawEpisode | undefined
  private values: Values = []
  private assessment: RawEpisode['assessments'][number] | undefined
  private cpPlan: RawEpisode['cpPlans'][number] | undefined
  private children = 0
  private sawMessage = false
  /** The entry of each open element, innermost last. */
  private stack: Array<Entry | undefined> = []
  private depth = 0

  constructor(private onChild: (c: RawChild) => void) {
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
    const g = e?.opens
    if (g === undefined) {
      if (name === 'Message') this.sawMessage = true
      return
    }
    this.group = g
    if (g === G.Child) {
      this.child = { position: ++this.children, values: [], disabilities: [], episodes: [] }
      this.values = this.child.values
    } else if (g === G.Episode && this.child) {
      this.episode = { values: [], assessments: [], cinPlans: [], s47s: [], cpPlans: [] }
      this.child.episodes.push(this.episode)
      this.values = this.episode.values
    } else if (g !== G.Header && this.episode) this.values = this.openInEpisode(g, this.episode)
    else this.values = []
  }

  private openInEpisode(g: G, ep: RawEpisode): Values {
    const values: Values = []
    if (g === G.Assessment) ep.assessments.push((this.assessment = { values, factors: [] }))
    else if (g === G.CinPlan) ep.cinPlans.push(values)
    else if (g === G.S47) ep.s47s.push(values)
    else if (g === G.CpPlan) ep.cpPlans.push((this.cpPlan = { values, reviews: [] }))
    return values
  }

  private close(name: string) {
    const e = this.stack[--this.depth]
    if (e === undefined || e.opens !== undefined) {
      if (e !== undefined) this.closeGroup(e.opens!)
      else if (this.group === G.Header) this.header[name] = this.text.trim()
      this.text = ''
      return
    }
    const value = this.text.trim()
    this.text = ''
    if (e.group !== this.group) return
    if (e.at !== undefined) this.values[e.at] = value
    else if (e.list === 'disability') this.child?.disabilities.push(value)
    else if (e.list === 'factor') this.assessment?.factors.push(value)
    else this.cpPlan?.reviews.push(value)
  }

  private closeGroup(g: G) {
    if (g === G.Child && this.child) {
      const c = this.child
      this.child = undefined
      this.episode = undefined
      this.onChild(c)
    }
    this.group = PARENT[g]
    this.values =
      this.group === G.Episode && this.episode
        ? this.episode.values
        : this.group === G.Child && this.child
          ? this.child.values
          : []
  }

  write(chunk: string) {
    this.parser.write(chunk)
  }

  /** Ends the document: a truncated file (an element left open) is unreadable. */
  end() {
    this.parser.close()
    if (!this.sawMessage) throw new UnreadableFileError('is XML but not a CIN census (no <Message> element)')
  }
}
