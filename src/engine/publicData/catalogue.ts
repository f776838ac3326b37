/**
 * The open data files Sightline loads, each a named dataset recorded in the `dataset` table with its checksum.
 * Files live in data/public/ (see SOURCES.md there).
 */
/**
 * Bump when a reader changes what it produces (measure ids, areas, years): every dataset then reloads once, even though
 * its files are unchanged.
 */
export const READER_VERSION = 3

export const DATASET_FILES = {
  localAuthorities: ['Provider_data_lookup.csv', 'sn_model_2025_wide.csv'],
  neighbours: ['New_Statistical_Neighbour_Groupings_April_2021.csv', 'sn_model_2025_wide.csv'],
  population: ['ons_mid-year_population_estimates_2012_to_2024.csv'],
  inspections: [
    'LA_inspections_2009-2023.csv',
    'LA_Inspection_Outcomes_2025__ILACS_inspection_history.csv',
    'LA_Inspection_Outcomes_2025__In-year_inspections.csv',
  ],
  lait: ['lait_data_dictionary.csv'],
  laitValues: ['bds_long_0.parquet', 'lait_data_dictionary.csv'],
} as const
