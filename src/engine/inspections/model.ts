/** What the Ofsted report reader returns: the shape `sightline reports parse --json` prints. */
export type Framework = 'SIF' | 'ILACS' | 'focused visit' | 'monitoring visit' | 'other'

export interface Judgement {
  area: string
  grade: string
  /** The PDF page (1-based) the grade is printed on. */
  page: number
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
  /** The PDF page (1-based) the item starts on. */
  page: number
}

/** Something the reader is unsure of, shown beside the field on the review page; never silently guessed. */
export interface Flag {
  field: string
  message: string
  /** The PDF page where the reviewer should look, when the reader knows it. */
  page?: number
}

export interface ParsedReport {
  la: string
  framework: Framework
  /** The layout family that read it (families/index.ts), e.g. 'SIF re-inspection', 'ILACS short'. */
  family: string
  pages: number
  inspectionStart: string | null
  inspectionEnd: string | null
  published: string | null
  judgements: Judgement[]
  lscbJudgement: string | null
  lscbJudgementPage: number | null
  recommendations: Recommendation[]
  flags: Flag[]
}

/** What a layout family's read() finds; the engine adds the fields every report shares (LA, dates, publication). */
export interface FamilyReading {
  judgements: Judgement[]
  lscbJudgement: string | null
  lscbJudgementPage: number | null
  recommendations: Recommendation[]
  flags: Flag[]
}
