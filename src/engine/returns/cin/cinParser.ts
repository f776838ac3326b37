import { SaxesParser } from 'saxes'
import { UnreadableFileError } from '../format.ts'

/** Leaf values of one element group, by element name; repeated elements (Disability, CPPreviewDate) as arrays. */
export type Fields = Record<string, string>
export interface RawEpisode {
  fields: Fields
  assessments: Array<{ fields: Fields; factors: string[] }>
  cinPlans: Fields[]
  s47s: Fields[]
  cpPlans: Array<{ fields: Fields; reviews: string[] }>
}
export interface RawChild {
  position: number
  fields: Fields
  disabilities: string[]
  episodes: RawEpisode[]
  elements: Set<string>
}

type Group = 'header' | 'child' | 'episode' | 'assessment' | 'cinPlan' | 's47' | 'cpPlan' | 'none'
const OPENS: Record<string, Group> = {
  Header: 'header',
  Child: 'child',
  CINdetails: 'episode',
  Assessments: 'assessment',
  CINPlanDates: 'cinPlan',
  Section47: 's47',
  ChildProtectionPlans: 'cpPlan',
}
const PARENT: Record<Group, Group> = {
  header: 'none',
  child: 'none',
  episode: 'child',
  assessment: 'episode',
  cinPlan: 'episode',
  s47: 'episode',
  cpPlan: 'episode',
  none: 'none',
}

/**
 * A streaming CIN census parser (saxes, no DTD: a DOCTYPE is refused, so no entity can be declared or expanded).
 * Feed it text with `write`; each complete <Child> arrives through `onChild`, the header fields through `header`.
 * Memory holds one child at a time.
 */
export class CinParser {
  readonly header: Fields = {}
  private parser = new SaxesParser({ position: false })
  private group: Group = 'none'
  private text = ''
  private child: RawChild | undefined
  private episode: RawEpisode | undefined
  private fields: Fields = {}
  private assessment: RawEpisode['assessments'][number] | undefined
  private cpPlan: RawEpisode['cpPlans'][number] | undefined
  private children = 0
  private sawMessage = false

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
    if (name === 'Message') this.sawMessage = true
    const g = OPENS[name]
    if (!g) return
    this.group = g
    if (g === 'child') {
      this.child = { position: ++this.children, fields: {}, disabilities: [], episodes: [], elements: new Set() }
      this.fields = this.child.fields
    } else if (g === 'episode' && this.child) {
      this.episode = { fields: {}, assessments: [], cinPlans: [], s47s: [], cpPlans: [] }
      this.child.episodes.push(this.episode)
      this.fields = this.episode.fields
    } else if (this.episode && g !== 'header') this.openInEpisode(g, this.episode)
    else if (g === 'header') this.fields = this.header
  }

  private openInEpisode(g: Group, ep: RawEpisode) {
    const fields: Fields = {}
    if (g === 'assessment') ep.assessments.push((this.assessment = { fields, factors: [] }))
    else if (g === 'cinPlan') ep.cinPlans.push(fields)
    else if (g === 's47') ep.s47s.push(fields)
    else if (g === 'cpPlan') ep.cpPlans.push((this.cpPlan = { fields, reviews: [] }))
    this.fields = fields
  }

  private close(name: string) {
    const g = OPENS[name]
    if (g) return this.closeGroup(g)
    const value = this.text.trim()
    this.text = ''
    if (name === 'Disability') this.child?.disabilities.push(value)
    else if (name === 'AssessmentFactors') this.assessment?.factors.push(value)
    else if (name === 'CPPreviewDate') this.cpPlan?.reviews.push(value)
    else if (this.group !== 'none') {
      this.fields[name] = value
      if (name === 'Sex' || name === 'GenderCurrent') this.child?.elements.add(name)
    }
  }

  private closeGroup(g: Group) {
    if (g === 'child' && this.child) {
      const c = this.child
      this.child = undefined
      this.episode = undefined
      this.onChild(c)
    }
    this.group = PARENT[g]
    this.fields =
      this.group === 'episode' && this.episode
        ? this.episode.fields
        : this.group === 'child' && this.child
          ? this.child.fields
          : {}
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
