/** Code lists the simulator draws from (domain.md §6), with rough national weights. */
export const ETHNICITIES: ReadonlyArray<readonly [string, number]> = [
  ['WBRI', 62],
  ['WIRI', 1],
  ['WIRT', 0.3],
  ['WOTH', 5],
  ['WROM', 0.7],
  ['MWBC', 3],
  ['MWBA', 1],
  ['MWAS', 1.5],
  ['MOTH', 3],
  ['AIND', 2],
  ['APKN', 5],
  ['ABAN', 1.5],
  ['AOTH', 1.5],
  ['BCRB', 1.5],
  ['BAFR', 4],
  ['BOTH', 1],
  ['CHNE', 0.3],
  ['OOTH', 2.5],
  ['REFU', 0.4],
  ['NOBT', 1],
]

/** CIN referral sources with DfE's national shares; Annex A letters a)-u) map to them in this order. */
export const REFERRAL_SOURCES: ReadonlyArray<readonly [string, number]> = [
  ['1A', 4],
  ['1B', 1],
  ['1C', 3],
  ['1D', 1],
  ['2A', 18],
  ['2B', 1],
  ['3A', 2],
  ['3B', 2],
  ['3C', 0.5],
  ['3D', 1],
  ['3E', 3],
  ['3F', 6],
  ['4', 2],
  ['5A', 6],
  ['5B', 2],
  ['5C', 3],
  ['6', 29],
  ['7', 2],
  ['8', 5],
  ['9', 0.5],
  ['10', 2],
]
export const SOURCE_LETTERS = 'abcdefghijklmnopqrstu'
export const SOURCE_LABELS: Record<string, string> = {
  '1A': 'Individual: Family member/relative/carer',
  '1B': 'Individual: Acquaintance',
  '1C': 'Individual: Self',
  '1D': 'Individual: Other',
  '2A': 'Schools',
  '2B': 'Education services',
  '3A': 'Health services: GP',
  '3B': 'Health services: Health visitor',
  '3C': 'Health services: School nurse',
  '3D': 'Health services: Other primary health services',
  '3E': 'Health services: A&E',
  '3F': 'Health services: Other',
  '4': 'Housing',
  '5A': 'LA services: Social care',
  '5B': 'LA services: Other internal',
  '5C': 'LA services: External',
  '6': 'Police',
  '7': 'Other legal agency',
  '8': 'Other',
  '9': 'Anonymous',
  '10': 'Unknown',
}

export const NEED_CODES: ReadonlyArray<readonly [string, number]> = [
  ['N1', 57],
  ['N2', 10],
  ['N3', 4],
  ['N4', 10],
  ['N5', 13],
  ['N6', 2],
  ['N7', 0.5],
  ['N8', 3.5],
]

export const ABUSE: ReadonlyArray<readonly [string, number]> = [
  ['NEG', 48],
  ['EMO', 38],
  ['PHY', 7],
  ['SAB', 4],
  ['MUL', 3],
]
export const ABUSE_LABELS: Record<string, string> = {
  NEG: 'a) Neglect',
  PHY: 'b) Physical abuse',
  SAB: 'c) Sexual abuse',
  EMO: 'd) Emotional abuse',
  MUL: 'e) Multiple',
}

export const FACTORS = [
  '1B',
  '2B',
  '3A',
  '3B',
  '3C',
  '4A',
  '4B',
  '5B',
  '6B',
  '7A',
  '10A',
  '11A',
  '14A',
  '15A',
  '16A',
  '17A',
  '20',
  '21',
]
export const DISABILITIES = ['MOB', 'HAND', 'PC', 'INC', 'COMM', 'LD', 'HEAR', 'VIS', 'BEH', 'CON', 'AUT']

export const LEGAL_STATUSES: ReadonlyArray<readonly [string, number]> = [
  ['C2', 58],
  ['V2', 22],
  ['C1', 12],
  ['E1', 6],
  ['J1', 1],
  ['L2', 1],
]
export const PLACEMENTS: ReadonlyArray<readonly [string, number]> = [
  ['U4', 35],
  ['U6', 20],
  ['U1', 6],
  ['U3', 8],
  ['K2', 12],
  ['P1', 7],
  ['H5', 4],
  ['A5', 3],
  ['S1', 1],
  ['R1', 1],
  ['Z1', 3],
]
export const PROVIDERS: Record<string, string> = { P1: 'PR0', K2: 'PR4', H5: 'PR4', S1: 'PR5', R1: 'PR3', Z1: 'PR4' }
export const PLACE_CHANGE = [
  'CARPL',
  'CLOSE',
  'ALLEG',
  'STAND',
  'APPRR',
  'CREQB',
  'CREQO',
  'CHILD',
  'LAREQ',
  'PLACE',
  'OTHER',
]
export const PERMANENCE = [
  'a) Return to family',
  'b) Adoption',
  'c) SGO/CAO',
  'd) Supported living in the community',
  'e) Long-term residential placement',
  'f) Long-term fostering',
  'g) Other',
]
export const ACCOMMODATION = ['B', 'C', 'D', 'E', 'G', 'H', 'K', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z']
export const ACTIVITIES: ReadonlyArray<readonly [string, number]> = [
  ['F1', 10],
  ['P1', 3],
  ['F2', 18],
  ['P2', 4],
  ['F4', 6],
  ['P4', 3],
  ['G4', 8],
  ['G5', 5],
  ['G6', 43],
]
export const EET = new Set(['F1', 'P1', 'F2', 'P2', 'F3', 'P3', 'F4', 'P4', 'F5', 'P5'])
