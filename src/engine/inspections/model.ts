/** What the Ofsted report reader returns: the shape `sightline reports parse --json` prints. */
export type Framework = 'SIF' | 'ILACS' | 'focused visit' | 'monitoring visit' | 'other'

export interface Judgement {
  area: string
  grade: string
}

export interface Recommendation {
  /** The report's paragraph number ("23"), or null for a bullet. */
  number: string | null
  /** The heading the report groups it under; items from the LSCB section are prefixed "LSCB: ". */
  category: string
  addressee: 'local authority' | 'safeguarding board'
  text: string
  /** An un-numbered theme sub-heading above the item, where the report has one. */
  theme?: string
}

/** Something the reader is unsure of, shown beside the field on the review page; never silently guessed. */
export interface Flag {
  field: string
  message: string
}

export interface ParsedReport {
  la: string
  framework: Framework
  inspectionStart: string | null
  inspectionEnd: string | null
  published: string | null
  judgements: Judgement[]
  lscbJudgement: string | null
  recommendations: Recommendation[]
  flags: Flag[]
}
