import { CLOSE_BASE, G, LEAF_BASE, LEAVES, PARENT, SEPARATOR, type Entry } from './cinParser.ts'

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

/**
 * Turns the CIN parser's tokens (cinParser.ts) back into children: feed it each `take()` in order; each complete
 * <Child> arrives through `onChild`. Memory holds one child at a time. It runs beside the parser, or on a thread of
 * its own for a large file (cinThread.ts), with the same result.
 */
export class CinChildren {
  private group: G = G.None
  private child: RawChild | undefined
  private episode: RawEpisode | undefined
  private values: Values = []
  private assessment: RawEpisode['assessments'][number] | undefined
  private cpPlan: RawEpisode['cpPlans'][number] | undefined
  private children = 0

  constructor(private onChild: (c: RawChild) => void) {}

  private utf8 = new TextDecoder()

  feed(tokens: Uint8Array) {
    if (!tokens.length) return
    // Every token and value ends with a separator, so the last piece is empty.
    const t = this.utf8.decode(tokens).split(SEPARATOR)
    for (let i = 0; i < t.length - 1; i++) {
      const code = t[i].charCodeAt(0)
      if (code >= LEAF_BASE) this.leaf(LEAVES[code - LEAF_BASE], t[++i])
      else if (code >= CLOSE_BASE) this.close((code - CLOSE_BASE) as G)
      else this.open(code as G)
    }
  }

  private open(g: G) {
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

  /** A leaf of the open group (the parser passes on only those). */
  private leaf(e: Entry, value: string) {
    if (e.at !== undefined) this.values[e.at] = value
    else if (e.list === 'disability') this.child?.disabilities.push(value)
    else if (e.list === 'factor') this.assessment?.factors.push(value)
    else this.cpPlan?.reviews.push(value)
  }

  private close(g: G) {
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
}
