/**
 * The columns of Ofsted's published inspection outcomes: the 2009-2023 history file's framework groups and the
 * ILACS files' judgement areas and inspection types, with the reading of one row's judgements.
 */
import type { Grade } from '../grades.ts'
import type { CsvRow } from './csvTable.ts'
import type { DataIssue } from './issues.ts'
import { parseGrade } from './values.ts'

export interface JudgementRow {
  area: string
  grade: Grade
  originalLabel: string
}

/** One framework's columns in the 2009-2023 history file. */
export interface HistoryFramework {
  framework: string
  date: string
  overall?: string
  judgements: Array<[area: string, column: string]>
}

export const ILACS_AREAS = {
  leaders: 'The impact of leaders on social work practice with children and families',
  help: 'The experiences and progress of children who need help and protection',
  care: 'The experiences and progress of children in care and care leavers',
  inCare: 'The experiences and progress of children in care',
  leavers: 'The experiences and progress of care leavers',
}

export const HISTORY: HistoryFramework[] = [
  {
    framework: 'SLAC',
    date: 'Safeguarding & Looked After Children (SLAC) Inspection publication date',
    judgements: [
      ['Safeguarding: overall effectiveness', 'SLAC Safeguarding Overall effectiveness (OE)'],
      ['Looked after children: overall effectiveness', 'SLAC Looked After Children Overall Effectiveness (OE)'],
    ],
  },
  {
    framework: 'SLAC re-inspection (safeguarding)',
    date: 'SLAC re-inspection of Safeguarding publication date',
    judgements: [['Safeguarding: overall effectiveness', 'SLAC re-inspection Safeguarding OE']],
  },
  {
    framework: 'SLAC re-inspection (looked after children)',
    date: 'SLAC re-inspection of services for Children Looked After publication date',
    judgements: [
      ['Looked after children: overall effectiveness', 'SLAC re-inspection of services Children Looked After OE'],
    ],
  },
  {
    framework: 'CPI',
    date: 'Child Protection Inspections (CPI) publication date',
    overall: 'CPI Overall Effectiveness (OE)',
    judgements: [],
  },
  {
    framework: 'CPI re-inspection',
    date: 'Child Protection Re-Inspection (CPRI) publication date',
    overall: 'CPRI Overall Effectiveness (OE)',
    judgements: [],
  },
  {
    framework: 'TLAC',
    date: 'Targeted Looked After Children (TLAC) inspection publication date',
    overall: 'TLAC Overall Effectiveness (OE)',
    judgements: [],
  },
  {
    framework: 'SIF',
    date: "Single Inspection of LA Children's Services (SIF)  First SIF publication date",
    overall: 'First SIF Overall Judgement(OE)',
    judgements: [
      ['Children who need help and protection', 'First SIF children who need help and protection'],
      ['Children looked after and achieving permanence', 'First SIF children looked after and achieving permanence'],
      ['Adoption performance', 'First SIF CLA Sub: Adoption Performance'],
      ['Experiences and progress of care leavers', 'First SIF CLA Sub: Experiences and progress of care leavers'],
      ['Leadership, management and governance', 'First SIF leadership, management and governance'],
      ['LSCB effectiveness', 'LSCB Overall Effectiveness'],
    ],
  },
  {
    framework: 'SIF re-inspection',
    date: "Single Inspection of LA Children's Services (SIF) SIF Re-inspection publication date",
    overall: 'SIF Re-inspection Overall Judgement(OE)',
    judgements: [
      ['Children who need help and protection', 'SIF Re-inspection children who need help and protection'],
      [
        'Children looked after and achieving permanence',
        'SIF Re-inspection children looked after and achieving permanence',
      ],
      ['Adoption performance', 'SIF Re-inspection CLA Sub: Adoption Performance'],
      [
        'Experiences and progress of care leavers',
        'SIF Re-inspection CLA Sub: Experiences and progress of care leavers',
      ],
      ['Leadership, management and governance', 'SIF Re-inspection leadership, management and governance'],
    ],
  },
  {
    framework: 'ILACS',
    date: 'First ILACS framework publication date',
    overall: 'First ILACS framework overall effectiveness',
    judgements: [
      [ILACS_AREAS.leaders, 'First ILACS framework impact of leaders'],
      [ILACS_AREAS.help, 'First ILACS framework experiences and progress of children who need help and protection'],
      [ILACS_AREAS.care, 'First ILACS framework experiences and progress of children in care and care leavers'],
    ],
  },
  {
    framework: 'ILACS',
    date: 'Second ILACS framework publication date',
    overall: 'Second ILACS framework overall effectiveness',
    judgements: [
      [ILACS_AREAS.leaders, 'Second ILACS framework impact of leaders'],
      [ILACS_AREAS.help, 'Second ILACS framework experiences and progress of children who need help and protection'],
      [ILACS_AREAS.inCare, 'Second ILACS framework experiences and progress of children in care'],
      [ILACS_AREAS.leavers, 'Second ILACS framework experiences and progress of care leavers'],
    ],
  },
]

export const ILACS_TYPE: Record<string, string> = {
  'ilacs standard inspection': 'ILACS standard',
  'ilacs short inspection': 'ILACS short',
  'ilacs focused visit': 'Focused visit',
  'ilacs monitoring visit': 'Monitoring visit',
  'la monitoring visit': 'Monitoring visit',
  jtai: 'JTAI',
}

export function frameworkOf(type: string, historyFramework: string): string {
  if (historyFramework !== 'ILACS') return historyFramework
  return ILACS_TYPE[type.trim().toLowerCase()] ?? 'ILACS'
}

export function judgementsFrom(
  r: CsvRow,
  pairs: Array<[string, string]>,
  source: string,
  issues: DataIssue[],
): JudgementRow[] {
  const out: JudgementRow[] = []
  for (const [area, column] of pairs) {
    const raw = r.get(column)
    // '-' and 'N/A' mean the area was not judged (e.g. an LA with no adoption service to grade).
    if (!raw || /^(-|n\/?a|not judged|not applicable)$/i.test(raw)) continue
    const g = parseGrade(raw)
    if (!g) {
      issues.push({ severity: 'error', source, row: r.line, column, value: raw, message: 'not an Ofsted grade' })
      continue
    }
    out.push({ area, grade: g.grade, originalLabel: g.original })
  }
  return out
}
