import { GRADES } from '../../../engine/grades.ts'
import type { Request } from 'express'

/** What the national overview and its CSV share: the filters and sort order from the query string. */
export const SORTS = [
  'name',
  'region',
  'grade',
  'date',
  'inadequate',
  'referrals',
  'cin_at_31_march',
  'cpp_at_31_march',
  'cla_rate',
] as const
export type Sort = (typeof SORTS)[number]

export function filtersFrom(req: Request) {
  const region = typeof req.query.region === 'string' && req.query.region ? req.query.region.slice(0, 60) : undefined
  const grade =
    typeof req.query.grade === 'string' && (GRADES as readonly string[]).includes(req.query.grade)
      ? req.query.grade
      : undefined
  const sort: Sort = SORTS.includes(req.query.sort as Sort) ? (req.query.sort as Sort) : 'name'
  const dir = req.query.dir === 'desc' ? 'desc' : 'asc'
  return { region, grade, sort, dir }
}
