import type { ActionStatus } from '../../engine/plans/rag.ts'

/**
 * The demo plan's story: Coventry's 2014 improvement plan, answering Ofsted's real SIF report of 21 March 2014, as it
 * unfolded on its real dates. Only data: seedDemoPlan.ts replays it through the plan commands. Items are named by
 * their position in the report (0-based); people by their demo account. Everything the people write is invented.
 */

/** The demo accounts that act in the story. */
export const CAST = ['improvement.lead', 'action.owner', 'dcs', 'analyst', 'commissioner', 'panel.member'] as const
export type CastMember = (typeof CAST)[number]

export const PLAN_TITLE = "Children's services improvement plan 2014-15"
export const STORY_STARTS = '2014-03-24'
/** The day Ofsted published the report: the post-inspection action plan is due 70 working days later. */
export const REPORT_PUBLISHED = '2014-03-21'

/** Set by the commissioner on 26 March 2014. */
export const COMMITMENTS_ON = '2014-03-26'
export const COMMITMENTS: Array<{ title: string; measure: string; dueDate?: string; workingDaysAfterReport?: number }> =
  [
    { title: 'Explanation of the issues underlying every recommendation', measure: 'explained', dueDate: '2014-05-30' },
    {
      title: 'Every recommendation has an action with an owner and a due date',
      measure: 'owned-action',
      dueDate: '2014-06-13',
    },
    {
      title: 'Post-inspection action plan sent to Ofsted and the Secretary of State (70 working days)',
      measure: 'manual',
      workingDaysAfterReport: 70,
    },
  ]

/** Actions [item, title, start, due, status, milestones [title, due]], added on 30 April 2014. */
export const ACTIONS_ON = '2014-04-30'
export const ACTIONS: Array<[number, string, string, string, ActionStatus, Array<[string, string]>]> = [
  [
    0,
    'Put a qualified duty manager decision on every contact within 24 hours',
    '2014-04-14',
    '2014-06-30',
    'on track',
    [
      ['Duty manager rota in place', '2014-05-09'],
      ['Daily MASH timeliness report live', '2014-06-13'],
    ],
  ],
  [
    1,
    'Turn the fundamental service review into an owned action log reported monthly to the board',
    '2014-04-14',
    '2014-05-31',
    'complete',
    [['Action log agreed by board', '2014-05-20']],
  ],
  [
    2,
    'Single early help front door with the three commissioned providers',
    '2014-05-01',
    '2014-10-31',
    'at risk',
    [
      ['Providers sign joint protocol', '2014-06-30'],
      ['Front door live', '2014-09-30'],
    ],
  ],
  [
    3,
    'Recruit 30 permanent social workers and cap caseloads at 20',
    '2014-04-01',
    '2014-12-31',
    'on track',
    [
      ['Recruitment campaign launched', '2014-05-15'],
      ['First cohort starts', '2014-07-31'],
    ],
  ],
  [
    4,
    'Police join every strategy discussion: monitored invitation route and out-of-hours rota',
    '2014-04-22',
    '2014-06-15',
    'off track',
    [['Protocol signed by police', '2014-05-16']],
  ],
  [
    5,
    'Timeliness report for strategy discussions and section 47 enquiries',
    '2014-04-22',
    '2014-06-30',
    'on track',
    [['Report specified', '2014-05-23']],
  ],
  [
    7,
    'New child-focused assessment template and training for all teams',
    '2014-05-01',
    '2014-09-30',
    'not started',
    [['Template agreed', '2014-06-30']],
  ],
  [
    9,
    'Private fostering tracker and 42-day assessment alert',
    '2014-04-22',
    '2014-05-31',
    'not started',
    [['Tracker built', '2014-05-16']],
  ],
  [
    14,
    'Out-of-hours notification of missing episodes to the return interview service',
    '2014-05-13',
    '2014-07-31',
    'on track',
    [['Data-sharing agreement signed', '2014-06-20']],
  ],
]

/** The DCS owns these items' actions (the action owner the others); item 4's lead officer is the police's. */
export const DCS_OWNS = [1, 3]
export const POLICE_LEAD_ITEM = 4

/** An action noted before it has an owner or a due date. */
export const UNOWNED_ACTION = {
  item: 10,
  title: 'Move two assessment teams into the north and east hubs',
  startDate: '2014-06-01',
  status: 'not started' as ActionStatus,
}

/** Milestones met [item of the action, milestone, day met], recorded by the action owner. */
export const MILESTONES_MET: Array<[number, string, string]> = [
  [0, 'Duty manager rota in place', '2014-05-09'],
  [3, 'Recruitment campaign launched', '2014-05-14'],
  [1, 'Action log agreed by board', '2014-05-20'],
  [5, 'Report specified', '2014-05-22'],
  [14, 'Data-sharing agreement signed', '2014-06-18'],
]

/** The DCS overrides the RAG of item 4's action. */
export const RAG_OVERRIDE = {
  day: '2014-05-21',
  item: 4,
  rag: 'amber' as const,
  reason: 'Police have agreed the protocol in principle; signature expected at the June board',
}

/** Evidence: a note, a link and a CSV file. */
export const EVIDENCE: Array<{ item: number; by: CastMember; input: Record<string, unknown> }> = [
  {
    item: 0,
    by: 'action.owner',
    input: {
      kind: 'note',
      title: 'Duty manager rota',
      evidenceDate: '2014-05-09',
      note: 'Rota in place from 12 May; every contact now has a recorded manager decision.',
    },
  },
  {
    item: 1,
    by: 'action.owner',
    input: {
      kind: 'link',
      title: 'Board minutes, 20 May 2014',
      evidenceDate: '2014-05-20',
      url: 'https://www.coventry.gov.uk/',
    },
  },
  {
    item: 0,
    by: 'analyst',
    input: {
      kind: 'file',
      title: 'MASH timeliness, April and May 2014',
      evidenceDate: '2014-06-02',
      file: {
        bytes: Buffer.from('month,contacts,decided_within_24_hours\n2014-04,1210,841\n2014-05,1188,951\n'),
        fileName: 'mash-timeliness.csv',
      },
    },
  },
]

/** Impact measures, added by the analyst: `items` are positions in the report, `trajectory` monthly targets. */
export const KPIS = {
  seen: {
    name: 'Referrals where the child is seen within 1 working day',
    definition:
      'Referrals in the month where the child was seen within 1 working day, as a percentage of referrals needing a visit',
    polarity: 'higher',
    unit: '%',
    baselineValue: 62,
    baselineDate: '2014-01-31',
    targetValue: 90,
    targetDate: '2014-12-31',
    items: [0, 5],
    trajectory: { from: '2014-04', values: [65, 70, 75, 80, 84, 87, 90, 90, 90] },
  },
  caseloads: {
    name: 'Average social worker caseload',
    definition: 'Open cases divided by social workers in post (FTE) at month end',
    polarity: 'lower',
    unit: 'cases',
    baselineValue: 24,
    baselineDate: '2014-01-31',
    targetValue: 18,
    targetDate: '2014-12-31',
    amberTolerance: 2,
    items: [3, 10],
    trajectory: { from: '2014-04', values: [24, 23, 22, 21, 20, 20, 19, 18, 18] },
  },
  returns: {
    name: 'Return interviews offered after a missing episode',
    definition: 'Missing episodes in the month followed by an offer of a return interview within 72 hours',
    polarity: 'higher',
    unit: '%',
    baselineValue: 55,
    targetValue: 95,
    targetDate: '2014-12-31',
    items: [14],
  },
}

/** Monthly values [measure, month, value], each entered on the 7th of the month after. */
export const KPI_VALUES: Array<[keyof typeof KPIS, string, number]> = [
  ['seen', '2014-04', 66],
  ['seen', '2014-05', 71],
  ['seen', '2014-06', 74],
  ['seen', '2014-07', 77],
  ['caseloads', '2014-04', 24],
  ['caseloads', '2014-05', 24],
  ['caseloads', '2014-06', 23],
  ['caseloads', '2014-07', 24],
  ['returns', '2014-05', 58],
  ['returns', '2014-06', 63],
  ['returns', '2014-07', 71],
]

/**
 * The oversight loop: submitted (every recommendation explained), challenged, answered, accepted; the 70-day plan
 * recorded as sent; then a new challenge left open, after which the police analysis is withdrawn and rewritten as a
 * draft awaiting agreement, so the story ends with one recommendation to explain again before the next update.
 */
export const OVERSIGHT = {
  submitted: {
    day: '2014-05-30',
    summary: 'Revised improvement plan with the underlying issues for all 27 recommendations agreed',
  },
  challenged: {
    day: '2014-06-03',
    item: 3,
    text: 'Recruiting 30 social workers will not bring caseloads to 20 while agency turnover stays at 28%. What is the retention plan, and when will caseloads start to fall?',
  },
  commented: { item: 0, text: 'The duty manager rota is a good start; please show the effect in the June figures.' },
  answered: {
    day: '2014-06-05',
    text: 'A retention offer (market supplement and a protected first-year caseload) goes to Cabinet on 17 June; the trajectory shows caseloads falling from July as the first cohort starts.',
  },
  accepted: {
    day: '2014-06-10',
    reason:
      'Underlying issues are explained and agreed for every recommendation, and every priority action has an owner; actions for the remaining recommendations are to be owned by 13 June.',
  },
  planSent: { day: '2014-06-27' },
  challengedAgain: {
    day: '2014-07-08',
    item: 4,
    text: 'Police attendance at strategy discussions is still not evidenced. When will the protocol be signed?',
  },
  rewritten: {
    day: '2014-07-15',
    item: 4,
    reason: 'Superseded: the police audit of June shows the invitations arrive; officers are not released to attend',
    text: 'Draft: police receive 95% of strategy discussion invitations, but the public protection unit has no officer free to attend before 4pm on most days.',
  },
}
