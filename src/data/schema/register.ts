import { boolean, date, doublePrecision, integer, pgTable, primaryKey, serial, text } from 'drizzle-orm/pg-core'

export const localAuthority = pgTable('local_authority', {
  laCode: text('la_code').primaryKey(),
  onsCode: text('ons_code').unique(),
  name: text('name').notNull(),
  region: text('region').notNull(),
  laType: text('la_type').notNull(),
  isCurrent: boolean('is_current').notNull(),
})

export const statisticalNeighbour = pgTable(
  'statistical_neighbour',
  {
    model: text('model').notNull(),
    laCode: text('la_code').notNull(),
    neighbourCode: text('neighbour_code').notNull(),
    rank: integer('rank').notNull(),
    band: text('band').notNull(),
  },
  (t) => [primaryKey({ columns: [t.model, t.laCode, t.neighbourCode] })],
)

export const childPopulation = pgTable(
  'child_population',
  {
    areaCode: text('area_code').notNull(),
    geographicLevel: text('geographic_level').notNull(),
    year: integer('year').notNull(),
    population: integer('population').notNull(),
    vintage: text('vintage').notNull(),
  },
  (t) => [primaryKey({ columns: [t.areaCode, t.year] })],
)

export const statistic = pgTable(
  'statistic',
  {
    dataset: text('dataset').notNull(),
    measure: text('measure').notNull(),
    geographicLevel: text('geographic_level').notNull(),
    areaCode: text('area_code').notNull(),
    year: integer('year').notNull(),
    value: doublePrecision('value'),
    symbol: text('symbol'),
  },
  (t) => [primaryKey({ columns: [t.dataset, t.measure, t.geographicLevel, t.areaCode, t.year] })],
)

export const statMeasure = pgTable(
  'stat_measure',
  {
    dataset: text('dataset').notNull(),
    measure: text('measure').notNull(),
    title: text('title').notNull(),
    unit: text('unit').notNull(),
    polarity: text('polarity'),
    description: text('description'),
  },
  (t) => [primaryKey({ columns: [t.dataset, t.measure] })],
)

export const inspection = pgTable('inspection', {
  id: serial('id').primaryKey(),
  laCode: text('la_code').notNull(),
  framework: text('framework').notNull(),
  startDate: date('start_date'),
  endDate: date('end_date'),
  published: date('published'),
  overallGrade: text('overall_grade'),
  source: text('source').notNull(),
  sourceKey: text('source_key').notNull().unique(),
})

export const inspectionJudgement = pgTable(
  'inspection_judgement',
  {
    inspectionId: integer('inspection_id')
      .notNull()
      .references(() => inspection.id, { onDelete: 'cascade' }),
    area: text('area').notNull(),
    grade: text('grade').notNull(),
    originalLabel: text('original_label'),
  },
  (t) => [primaryKey({ columns: [t.inspectionId, t.area] })],
)
