/**
 * The demo story's underlying issues (see coventryStory.ts): invented analyses of the recommendations in Ofsted's
 * 2014 report on Coventry.
 */
/** Underlying issues [item, day written, text]: written by the improvement lead, agreed by the DCS unless a draft. */
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
]
