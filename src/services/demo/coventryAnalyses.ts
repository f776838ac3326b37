/**
 * The demo story's underlying issues (see coventryStory.ts): invented analyses of the recommendations in Ofsted's
 * 2014 report on Coventry.
 */
/**
 * Underlying issues [item, day written, text]: written by the improvement lead, agreed by the DCS (someone other than
 * the author) on the day unless a draft. The two drafts are rewritten and agreed before the plan is submitted.
 */
export const ANALYSES: Array<[number, string, string]> = [
  [
    0,
    '2014-04-08',
    'Contacts wait in the MASH queue because screening is done by unqualified staff without a duty manager decision; 31% of referrals in January waited more than 24 hours.',
  ],
  [
    1,
    '2014-04-10',
    'Recommendations from the fundamental service review were accepted but never turned into owned actions; no one reports on them to the Cabinet Member.',
  ],
  [
    2,
    '2014-04-10',
    'Early help is commissioned in three separate contracts with no shared front door, so families are referred to social care by default.',
  ],
  [
    3,
    '2014-04-15',
    'Average caseloads are 24 (up to 38 in assessment teams) because 28% of posts are filled by agency staff on short contracts; managers have no caseload report.',
  ],
  [
    4,
    '2014-04-15',
    'Police attend 40% of strategy discussions because the invitation goes by email to a shared mailbox that is not monitored out of hours.',
  ],
  [
    5,
    '2014-04-17',
    'Section 47 enquiries are recorded late because the recording system has no prompt and no timeliness report.',
  ],
  [
    6,
    '2014-04-17',
    'Police conference attendance depends on one liaison officer; there is no cover when that officer is away.',
  ],
  [
    7,
    '2014-04-22',
    'Assessment templates are long and process-led; social workers copy chronology into the analysis section.',
  ],
  [
    8,
    '2014-04-22',
    'Plans are written in the conference and not revisited; core groups do not record progress against outcomes.',
  ],
  [
    9,
    '2014-04-24',
    'Private fostering notifications go to a team that no longer exists; nobody tracks the 42-day assessment timescale.',
  ],
  [
    10,
    '2014-04-29',
    'Visits are squeezed by caseloads (see paragraph 26) and by travel: teams are based in one building away from the estates they serve.',
  ],
  [11, '2014-04-29', 'Life story work waits for a specialist worker post that has been vacant since 2012.'],
  [
    12,
    '2014-05-06',
    'Health passports were piloted in 2012 and not rolled out; dental checks are not recorded on the system.',
  ],
  [13, '2014-05-06', 'IRO caseloads are 95 against a handbook range of 50-70, so IROs see children only at reviews.'],
  [
    14,
    '2014-05-13',
    'Return interviews are offered by a commissioned service that is not told about missing episodes out of hours.',
  ],
  [
    15,
    '2014-05-13',
    'Pathway plans are started late (after 17) and written by the social worker rather than with the young person.',
  ],
  [
    16,
    '2014-05-20',
    'There is no leaflet or app setting out care leavers\u2019 entitlements; personal advisers give different answers.',
  ],
  [17, '2014-05-20', 'Adoption decisions wait for panel dates; the panel meets monthly and is often inquorate.'],
  [
    18,
    '2014-05-27',
    'Draft: foster carer recruitment has not kept pace with the rise in children looked after since 2012.',
  ],
  [
    19,
    '2014-05-27',
    'Draft: the workforce strategy has not been refreshed since 2011 and does not address agency reliance.',
  ],
  [
    20,
    '2014-05-22',
    'Audits are done but their findings go only to the team audited; performance reports are not trusted because the recording system double-counts transfers.',
  ],
  [
    21,
    '2014-05-22',
    'The LSCB has no agreed way to hold partners to account for attendance at child protection conferences and core groups.',
  ],
  [
    22,
    '2014-05-22',
    'Actions from serious case reviews are logged but not followed up; nobody reports their completion to the board.',
  ],
  [
    23,
    '2014-05-27',
    'Health and police signed up to the Prevention and Early Help strategy but have no named lead or measures in it.',
  ],
  [
    24,
    '2014-05-27',
    'The quality assurance sub-group looks only at social care audits, not at partners\u2019 data or complaints.',
  ],
  [
    25,
    '2014-05-27',
    'Young people\u2019s views are collected at reviews but never summarised for the board or for service planning.',
  ],
  [26, '2014-05-27', 'Partners do not know what private fostering is; the last awareness campaign was in 2011.'],
]

/** The two drafts rewritten by the improvement lead [item, day, text], then agreed by the DCS the day after. */
export const REVISED_ANALYSES: Array<[number, string, string]> = [
  [
    18,
    '2014-05-28',
    'Foster carer recruitment has not kept pace with the rise in children looked after since 2012: 41 carers approved in 2013 against 60 needed, and no campaign aimed at teenagers or sibling groups.',
  ],
  [
    19,
    '2014-05-28',
    'The workforce strategy has not been refreshed since 2011 and does not address agency reliance: 28% of social work posts are filled by agency staff, with no retention offer.',
  ],
]
