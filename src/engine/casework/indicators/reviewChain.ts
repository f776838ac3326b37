/**
 * The review chain of docs/indicators.md as SQL, for CP plans and looked-after periods alike: take the first due
 * date; walk the reviews held from the start up to A in date order; a review after its due date makes the chain late;
 * each review sets the next due date from its own date; after the last review a due date before A is late.
 *
 * `base` is a table `(k, start, first)` (one row per plan or period: its key, its start and its first due date);
 * `reviews` a table `(k, review_date)`; `next(i)` the interval after the i-th review (1-based SQL expression).
 * Gives a table `(k, late, due)`: `due` is the date the next review is (or was) due after the last one held.
 */
export function reviewChains(o: { base: string; reviews: string; next: (i: string) => string }): string {
  return `(SELECT b.k,
      coalesce(bool_or(r.review_date > CASE WHEN r.i = 1 THEN b.first ELSE (r.prev + ${o.next('r.i - 1')})::DATE END), false)
      OR coalesce(max(CASE WHEN r.i = r.n THEN (r.review_date + ${o.next('r.i')})::DATE END), max(b.first)) < $a::DATE
      AS late,
      coalesce(max(CASE WHEN r.i = r.n THEN (r.review_date + ${o.next('r.i')})::DATE END), max(b.first)) AS due
    FROM ${o.base} b LEFT JOIN (
      SELECT k, review_date, row_number() OVER w AS i, lag(review_date) OVER w AS prev, count(*) OVER (PARTITION BY k) AS n
      FROM (SELECT DISTINCT v.k, v.review_date FROM ${o.reviews} v JOIN ${o.base} s ON s.k = v.k
        WHERE v.review_date >= s.start AND v.review_date <= $a::DATE)
      WINDOW w AS (PARTITION BY k ORDER BY review_date)) r ON r.k = b.k
    GROUP BY b.k)`
}
