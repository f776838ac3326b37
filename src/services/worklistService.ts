import type { Store } from '../data/store.ts'

/** `AND <column> IN (...)` for an LA scope; null means every LA. */
const scoped = (column: string, scope: string[] | null, from: number) =>
  scope === null
    ? { sql: '', params: [] as string[] }
    : { sql: ` AND ${column} = ANY($${from}::text[])`, params: [scope] as unknown as string[] }

/** A recommendation as a person names it: the report's paragraph, else its place in the report's list. */
const REC_LABEL = `CASE WHEN r.paragraph IS NOT NULL AND r.paragraph <> '' THEN 'Paragraph ' || r.paragraph ELSE 'Recommendation ' || r.ordinal END`

/** Submissions to decide, challenges open or answered, and analyses not yet agreed, across the scope. */
async function toReview(store: Store, scope: string[] | null) {
  const s = scoped('p.la_code', scope, 1)
  const submissions = await store.query<{
    la_code: string
    la_name: string
    plan_id: number
    plan_title: string
    kind: string
    summary: string
    submitted_by: string
    submitted_on: string
  }>(
    `SELECT p.la_code, l.name AS la_name, p.id AS plan_id, p.title AS plan_title, s.kind, s.summary,
            u.display_name AS submitted_by, (s.submitted_at AT TIME ZONE 'UTC')::date::text AS submitted_on
       FROM submission s JOIN plan p ON p.id = s.plan_id JOIN local_authority l ON l.la_code = p.la_code
       JOIN app_user u ON u.id = s.submitted_by
      WHERE s.status = 'submitted'${s.sql} ORDER BY s.submitted_at`,
    s.params,
  )
  const challenges = await store.query<{
    la_code: string
    la_name: string
    plan_id: number
    plan_title: string
    item_id: number | null
    recommendation: string | null
    text: string
    status: string
    raised_by: string
    raised_on: string
  }>(
    `SELECT p.la_code, l.name AS la_name, p.id AS plan_id, p.title AS plan_title, c.item_id, ${REC_LABEL} AS recommendation,
            c.text, c.status, u.display_name AS raised_by, (c.created_at AT TIME ZONE 'UTC')::date::text AS raised_on
       FROM plan_comment c JOIN plan p ON p.id = c.plan_id JOIN local_authority l ON l.la_code = p.la_code
       JOIN app_user u ON u.id = c.author_id
       LEFT JOIN plan_item i ON i.id = c.item_id LEFT JOIN recommendation r ON r.id = i.recommendation_id
      WHERE c.kind = 'challenge' AND c.status IN ('open', 'answered')${s.sql} ORDER BY c.created_at`,
    s.params,
  )
  const analyses = await store.query<{
    la_code: string
    la_name: string
    plan_id: number
    plan_title: string
    item_id: number
    recommendation: string
    author: string
    written_on: string
  }>(
    `SELECT p.la_code, l.name AS la_name, p.id AS plan_id, p.title AS plan_title, i.id AS item_id, ${REC_LABEL} AS recommendation,
            u.display_name AS author, a.written_on::text AS written_on
       FROM issue_analysis a JOIN plan_item i ON i.id = a.item_id JOIN plan p ON p.id = i.plan_id
       JOIN recommendation r ON r.id = i.recommendation_id JOIN local_authority l ON l.la_code = p.la_code
       JOIN app_user u ON u.id = a.author_id
      WHERE a.status <> 'agreed' AND a.archived_at IS NULL${s.sql} ORDER BY a.written_on, i.id`,
    s.params,
  )
  return {
    submissions,
    awaitingAnswer: challenges.filter((c) => c.status === 'open'),
    answered: challenges.filter((c) => c.status === 'answered'),
    analyses,
  }
}

/**
 * Where each role's work is: a reviewer's "to review" list (submissions, challenges, analyses awaiting agreement) and
 * the safeguarding partnership's recommendations and plan items, across the LAs the person may see. Rows carry
 * people's names (never usernames) and the report's own paragraph numbers (never database ids).
 */
export function worklistService(store: Store) {
  return {
    /** The LA's improvement plans and the state each is in (draft, submitted, accepted, returned). */
    async plansOf(laCode: string) {
      return store.query<{ id: number; title: string; status: string }>(
        `SELECT id, title, status FROM plan WHERE la_code = $1 ORDER BY id`,
        [laCode],
      )
    },

    toReview: (scope: string[] | null) => toReview(store, scope),

    /** The safeguarding partnership's recommendations (addressed to the board) and the plan items answering them. */
    async forPartnership(scope: string[] | null) {
      const s = scoped('ir.la_code', scope, 1)
      return store.query<{
        la_code: string
        la_name: string
        framework: string
        published: string | null
        recommendation: string
        category: string
        text: string
        plan_id: number | null
        plan_title: string | null
        item_id: number | null
      }>(
        `SELECT ir.la_code, l.name AS la_name, ir.framework, ir.published::text AS published, ${REC_LABEL} AS recommendation,
                r.category, r.text, p.id AS plan_id, p.title AS plan_title, i.id AS item_id
           FROM recommendation r JOIN imported_report ir ON ir.id = r.report_id JOIN local_authority l ON l.la_code = ir.la_code
           LEFT JOIN plan_item i ON i.recommendation_id = r.id LEFT JOIN plan p ON p.id = i.plan_id
          WHERE r.addressee = 'safeguarding board' AND ir.archived_at IS NULL${s.sql}
          ORDER BY ir.published DESC NULLS LAST, r.ordinal`,
        s.params,
      )
    },
  }
}

export type WorklistService = ReturnType<typeof worklistService>
