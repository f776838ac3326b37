import crypto from 'node:crypto'
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { appUser, userLaScope } from '../data/schema/core.ts'
import * as t from '../data/schema/plans.ts'
import { inspection, localAuthority } from '../data/schema/register.ts'
import type { DbOrTx, Store, Tx } from '../data/store.ts'
import {
  findRow,
  historyOf,
  insertHistory,
  insertRow,
  plain,
  scopeOf,
  SUBJECT_LABELS,
  updateRowIfVersion,
  type Row,
  type SubjectType,
} from '../data/repositories/planRepository.ts'
import { can, isLaScoped, type Permission, type Role } from '../engine/access/permissions.ts'
import { formatDate } from '../engine/dates.ts'
import { GRADES, type Grade } from '../engine/grades.ts'
import { COMMITMENT_MEASURES, type CommitmentMeasure } from '../engine/plans/completeness.ts'
import { readableDiff } from '../engine/plans/diff.ts'
import { ACTION_STATUSES, type ActionStatus, type Rag } from '../engine/plans/rag.ts'
import { sniffUpload, type UploadKind } from '../engine/uploads/sniff.ts'
import { recordAudit, type Actor } from './auditService.ts'
import { PlanConflictError, PlanForbiddenError, PlanInputError, PlanNotFoundError } from './planErrors.ts'

/** The person acting. laScope (from the signed-in principal) limits which LAs they may touch; omitted for the system. */
export interface PlanActor extends Actor {
  laScope?: string[] | null
}

export const FRAMEWORKS = ['SIF', 'ILACS', 'focused visit', 'monitoring visit', 'other'] as const
export type Framework = (typeof FRAMEWORKS)[number]
export const ADDRESSEES = ['local authority', 'safeguarding board'] as const
export type Addressee = (typeof ADDRESSEES)[number]

/** One recommendation as read from a report and confirmed by a person. */
export interface RecommendationInput {
  number: string | null
  category: string
  addressee: string
  text: string
  /** The theme sub-heading the report groups it under, if any. */
  theme?: string | null
}

/** An Ofsted report as a person confirmed it on the review page (the extractor's output, corrected). */
export interface ConfirmedReport {
  laCode: string
  framework: Framework
  inspectionStart: string | null
  inspectionEnd: string | null
  published: string | null
  judgements: Array<{ area: string; grade: Grade }>
  lscbJudgement: Grade | null
  recommendations: RecommendationInput[]
  flags?: unknown[]
  /** The extractor's output before corrections, kept for the record. */
  extraction?: unknown
  file?: { bytes: Buffer; fileName: string }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const isDate = (v: unknown): v is string => typeof v === 'string' && ISO_DATE.test(v) && !Number.isNaN(Date.parse(v))

/** "LSCB", "Local Safeguarding Children Board", "the local authority" -> the two stored addressees. */
export function normaliseAddressee(v: string): Addressee | undefined {
  const s = v.trim().toLowerCase()
  if (/lscb|safeguarding (children )?(board|partnership)|^board$|partners/.test(s)) return 'safeguarding board'
  if (/^(la|local authority|the local authority|council)$/.test(s) || s.includes('local authority'))
    return 'local authority'
  return undefined
}

export interface PlanServiceOptions {
  uploadLimitBytes: number
  reportLimitBytes: number
  /** The clock for version history; the demo seed replays a plan's history on its real dates. */
  now?: () => Date
}

export function planService(store: Store, options: PlanServiceOptions) {
  const db = store.db
  const now = options.now ?? (() => new Date())
  const today = () => now().toISOString().slice(0, 10)

  function assertScope(actor: PlanActor, laCode: string) {
    if (actor.laScope && !actor.laScope.includes(laCode))
      throw new PlanForbiddenError('You do not have access to this local authority')
  }
  function assertPermission(actor: PlanActor, permission: Permission) {
    if (actor.role && !can({ role: actor.role as Role, isAdmin: false }, permission))
      throw new PlanForbiddenError(`Your role cannot ${permission.replace('plan:', '')} plans`)
  }
  function requireUser(actor: PlanActor): number {
    if (actor.id === null) throw new PlanForbiddenError('This needs a named user')
    return actor.id
  }

  async function log(
    tx: Tx,
    type: SubjectType,
    scope: { planId: number | null; laCode: string },
    action: string,
    before: Row | null,
    after: Row,
    actor: PlanActor,
    /** Facts for the audit event only, beyond the row (for example which plan a report was added to). */
    auditExtra: Record<string, unknown> = {},
  ) {
    const b = plain(before)
    const a = plain(after)
    await insertHistory(tx, {
      ...scope,
      at: now(),
      subjectType: type,
      subjectId: after.id,
      version: after.version,
      action,
      actorId: actor.id,
      actorName: actor.name,
      before: b,
      after: a,
    })
    await recordAudit(tx, {
      actor,
      action: `plan.${type}.${action}`,
      subjectType: type,
      subjectId: after.id,
      laCode: scope.laCode,
      before: b,
      after: { ...a, ...auditExtra },
    })
  }

  async function scope(tx: DbOrTx, type: SubjectType, id: number) {
    const s = await scopeOf(tx, type, id)
    if (!s) throw new PlanNotFoundError(SUBJECT_LABELS[type], id)
    return s
  }

  /** Inserts a record as version 1 and writes its history. */
  async function create(
    tx: Tx,
    type: SubjectType,
    values: Record<string, unknown>,
    sc: { planId: number | null; laCode: string },
    actor: PlanActor,
    action = 'create',
  ) {
    const row = await insertRow(tx, type, values)
    await log(tx, type, sc, action, null, row, actor)
    return row
  }

  async function conflict(tx: Tx, type: SubjectType, current: Row, yourVersion: number) {
    const history = await historyOf(tx, type, current.id)
    const seen = history.find((h) => h.version === yourVersion)?.after as Record<string, unknown> | undefined
    const later = history.filter((h) => h.version > yourVersion)
    const latest = later.at(-1)
    return new PlanConflictError(
      SUBJECT_LABELS[type],
      current.id,
      yourVersion,
      current.version,
      plain(current)!,
      readableDiff(seen ?? {}, plain(current)),
      [...new Set(later.map((h) => h.actorName))],
      latest ? latest.at.toISOString() : null,
    )
  }

  /**
   * Saves a change if the record is still at `version` (optimistic concurrency). A stale version is refused with the
   * other person's change; nothing is written.
   */
  async function update(
    tx: Tx,
    type: SubjectType,
    id: number,
    version: number,
    patch: Record<string, unknown>,
    actor: PlanActor,
    action = 'update',
  ) {
    const sc = await scope(tx, type, id)
    assertScope(actor, sc.laCode)
    const current = await findRow(tx, type, id, true)
    if (!current) throw new PlanNotFoundError(SUBJECT_LABELS[type], id)
    if (current.archivedAt && action !== 'restore')
      throw new PlanInputError('form', `This ${SUBJECT_LABELS[type]} has been archived`)
    if (current.version !== version) throw await conflict(tx, type, current, version)
    const row = await updateRowIfVersion(tx, type, id, version, patch)
    if (!row) throw await conflict(tx, type, (await findRow(tx, type, id))!, version)
    await log(tx, type, sc, action, current, row, actor)
    return row
  }

  async function storeFile(
    tx: Tx,
    file: { bytes: Buffer; fileName: string },
    actor: PlanActor,
    allowed: UploadKind[],
    maxBytes: number,
  ) {
    const sniffed = sniffUpload(file.bytes, maxBytes)
    if (!sniffed.ok) throw new PlanInputError('file', sniffed.message)
    if (!allowed.includes(sniffed.kind))
      throw new PlanInputError(
        'file',
        `The selected file must be a ${allowed.map((k) => k.toUpperCase()).join(' or ')}`,
      )
    const sha256 = crypto.createHash('sha256').update(file.bytes).digest('hex')
    const [row] = await tx
      .insert(t.storedFile)
      .values({
        sha256,
        mediaType: sniffed.mediaType,
        sizeBytes: file.bytes.length,
        fileName: safeName(file.fileName),
        bytes: file.bytes,
        createdBy: actor.id,
      })
      .returning({ id: t.storedFile.id, sha256: t.storedFile.sha256, mediaType: t.storedFile.mediaType })
    return row
  }

  async function itemIdsOfPlan(tx: DbOrTx, planId: number) {
    return (await tx.select({ id: t.planItem.id }).from(t.planItem).where(eq(t.planItem.planId, planId))).map(
      (r) => r.id,
    )
  }

  const tx = <T>(fn: (tx: Tx) => Promise<T>) => db.transaction(fn)

  return {
    /** The register's record of the inspection a report describes (see registerInspectionFor), for the review page. */
    registerMatch: (r: Parameters<typeof registerInspectionFor>[1]) => registerInspectionFor(db, r),

    /** The register's name for an LA code, or null. */
    laName: async (laCode: string) =>
      (await db.select({ name: localAuthority.name }).from(localAuthority).where(eq(localAuthority.laCode, laCode)))[0]
        ?.name ?? null,

    /** Saves a confirmed report with its recommendations; links the register's record of the same inspection. */
    importReport: (input: ConfirmedReport, actor: PlanActor) =>
      tx(async (tx) => {
        assertPermission(actor, 'report:import')
        assertScope(actor, input.laCode)
        const report = validateReport(input)
        const [la] = await tx.select().from(localAuthority).where(eq(localAuthority.laCode, report.laCode))
        if (!la)
          throw new PlanInputError('la', `There is no local authority with code ${report.laCode} in the register`)
        const dupes = await tx
          .select({ id: t.importedReport.id })
          .from(t.importedReport)
          .where(
            and(
              eq(t.importedReport.laCode, report.laCode),
              eq(t.importedReport.framework, report.framework),
              report.inspectionStart
                ? eq(t.importedReport.inspectionStart, report.inspectionStart)
                : isNull(t.importedReport.inspectionStart),
              report.published ? eq(t.importedReport.published, report.published) : isNull(t.importedReport.published),
              isNull(t.importedReport.archivedAt),
            ),
          )
        if (dupes.length)
          throw new PlanInputError('form', `This report has already been imported (report ${dupes[0].id})`)
        const inspectionId = (await registerInspectionFor(tx, report))?.id ?? null
        const file = input.file ? await storeFile(tx, input.file, actor, ['pdf'], options.reportLimitBytes) : undefined
        const row = await create(
          tx,
          'report',
          {
            laCode: report.laCode,
            framework: report.framework,
            inspectionStart: report.inspectionStart,
            inspectionEnd: report.inspectionEnd,
            published: report.published,
            lscbJudgement: report.lscbJudgement,
            inspectionId,
            fileId: file?.id ?? null,
            flags: input.flags ?? [],
            extraction: input.extraction ?? null,
            importedBy: actor.id,
            importedAt: now(),
          },
          { planId: null, laCode: report.laCode },
          actor,
          'import',
        )
        if (report.judgements.length)
          await tx
            .insert(t.reportJudgement)
            .values(
              report.judgements.map((j, i) => ({ reportId: row.id, ordinal: i + 1, area: j.area, grade: j.grade })),
            )
        if (report.recommendations.length)
          await tx.insert(t.recommendation).values(
            report.recommendations.map((r, i) => ({
              reportId: row.id,
              ordinal: i + 1,
              paragraph: r.number,
              category: r.category,
              addressee: r.addressee,
              text: r.text,
              theme: r.theme,
            })),
          )
        return {
          reportId: row.id,
          inspectionId,
          recommendations: report.recommendations.length,
          fileSha256: file?.sha256 ?? null,
        }
      }),

    /** Creates a plan answering one or more imported reports of the same LA: one item per recommendation. */
    createPlan: (input: { laCode: string; title: string; reportIds: number[] }, actor: PlanActor) =>
      tx(async (tx) => {
        assertPermission(actor, 'plan:edit')
        assertScope(actor, input.laCode)
        if (!input.title.trim()) throw new PlanInputError('title', 'Enter a title for the plan')
        const plan = await create(
          tx,
          'plan',
          { laCode: input.laCode, title: input.title.trim(), createdBy: actor.id, createdAt: now() },
          { planId: null, laCode: input.laCode },
          actor,
        )
        const sc = { planId: plan.id, laCode: input.laCode }
        await tx
          .update(t.planHistory)
          .set({ planId: plan.id })
          .where(and(eq(t.planHistory.subjectType, 'plan'), eq(t.planHistory.subjectId, plan.id)))
        for (const reportId of input.reportIds) await addReport(tx, sc, reportId, actor)
        return { planId: plan.id }
      }),

    /**
     * Adds a later report (a monitoring visit letter, a re-inspection) to an existing plan: one new item per
     * recommendation; the plan's existing items are not touched. Refused, with nothing saved, for a report of another
     * LA, a report already in a plan, or an archived report or plan. A plan takes new items in every status (an
     * accepted plan goes on being delivered and updated), as every other plan write does.
     */
    addReportToPlan: (planId: number, reportId: number, actor: PlanActor) =>
      tx(async (tx) => {
        assertPermission(actor, 'plan:edit')
        const sc = await scope(tx, 'plan', planId)
        assertScope(actor, sc.laCode)
        const plan = (await findRow(tx, 'plan', planId, true))!
        if (plan.archivedAt)
          throw new PlanInputError('planId', `The plan “${String(plan.title)}” has been archived: choose an open plan`)
        const { itemIds, reportName: name } = await addReport(tx, sc, reportId, actor, {
          field: 'reportId',
          onlyUnplanned: true,
        })
        return {
          planId,
          reportId,
          reportName: name,
          planTitle: String(plan.title),
          planStatus: String(plan.status),
          itemIds,
          recommendations: itemIds.length,
        }
      }),

    addAnalysis: (itemId: number, input: { text: string; writtenOn?: string }, actor: PlanActor) =>
      tx(async (tx) => {
        assertPermission(actor, 'plan:edit')
        const sc = await scopeFor(tx, 'item', itemId, actor)
        const text = required(input.text, 'text', 'Enter the underlying issues')
        const writtenOn = optionalDate(input.writtenOn, 'writtenOn') ?? today()
        return create(tx, 'analysis', { itemId, text, authorId: requireUser(actor), writtenOn }, sc, actor)
      }),

    updateAnalysis: (id: number, version: number, input: { text: string }, actor: PlanActor) =>
      tx(async (tx) => {
        assertPermission(actor, 'plan:edit')
        const current = await findRow(tx, 'analysis', id)
        if (current?.status === 'agreed')
          throw new PlanInputError('text', 'An agreed analysis cannot be changed: write a new one')
        return update(
          tx,
          'analysis',
          id,
          version,
          { text: required(input.text, 'text', 'Enter the underlying issues') },
          actor,
        )
      }),

    /** Marks an analysis agreed; from then the item counts as explained. */
    agreeAnalysis: (id: number, version: number, actor: PlanActor, agreedOn = today()) =>
      tx(async (tx) => {
        assertPermission(actor, 'plan:edit')
        return update(
          tx,
          'analysis',
          id,
          version,
          { status: 'agreed', agreedBy: requireUser(actor), agreedOn: optionalDate(agreedOn, 'agreedOn') },
          actor,
          'agree',
        )
      }),

    addObjective: (itemId: number, input: { text: string }, actor: PlanActor) =>
      tx(async (tx) => {
        assertPermission(actor, 'plan:edit')
        const sc = await scopeFor(tx, 'item', itemId, actor)
        return create(tx, 'objective', { itemId, text: required(input.text, 'text', 'Enter the objective') }, sc, actor)
      }),

    /** Adds an action, with its first milestone if given, in one transaction: a bad milestone saves neither. */
    addAction: (
      itemId: number,
      input: ActionInput,
      actor: PlanActor,
      firstMilestone?: { title: string; dueDate: string },
    ) =>
      tx(async (tx) => {
        assertPermission(actor, 'plan:edit')
        const sc = await scopeFor(tx, 'item', itemId, actor)
        const values = await validateAction(tx, input, sc.laCode)
        const action = await create(tx, 'action', { ...values, itemId }, sc, actor)
        if (firstMilestone) {
          const milestone = {
            actionId: action.id,
            title: required(firstMilestone.title, 'milestoneTitle', 'Enter the milestone'),
            dueDate: requiredDate(firstMilestone.dueDate, 'milestoneDate'),
          }
          await create(tx, 'milestone', milestone, sc, actor)
        }
        return action
      }),

    updateAction: (id: number, version: number, input: Partial<ActionInput>, actor: PlanActor) =>
      tx(async (tx) => {
        assertPermission(actor, 'plan:edit')
        const current = await findRow(tx, 'action', id)
        if (!current) throw new PlanNotFoundError('action', id)
        const sc = await scope(tx, 'action', id)
        const merged = { ...(current as unknown as ActionInput), ...input }
        const values = await validateAction(tx, merged, sc.laCode)
        const patch = Object.fromEntries(Object.keys(input).map((k) => [k, values[k as keyof typeof values]]))
        if (input.status === 'complete' && !current.completedOn && !input.completedOn) patch.completedOn = today()
        return update(tx, 'action', id, version, patch, actor)
      }),

    /** Sets (or clears, with rag null) a manual delivery RAG; a reason is required. */
    overrideRag: (
      id: number,
      version: number,
      rag: Exclude<Rag, 'grey'> | null,
      reason: string | null,
      actor: PlanActor,
    ) =>
      tx(async (tx) => {
        assertPermission(actor, 'plan:edit')
        if (rag && !['red', 'amber', 'green', 'blue'].includes(rag))
          throw new PlanInputError('rag', 'Select red, amber, green or complete')
        if (rag && !reason?.trim()) throw new PlanInputError('reason', 'Enter why the RAG rating is being overridden')
        const patch = rag
          ? { ragOverride: rag, ragOverrideReason: reason!.trim(), ragOverrideBy: actor.id }
          : { ragOverride: null, ragOverrideReason: null, ragOverrideBy: null }
        return update(tx, 'action', id, version, patch, actor, rag ? 'override-rag' : 'clear-rag-override')
      }),

    addMilestone: (actionId: number, input: { title: string; dueDate: string }, actor: PlanActor) =>
      tx(async (tx) => {
        assertPermission(actor, 'plan:edit')
        const sc = await scopeFor(tx, 'action', actionId, actor)
        return create(
          tx,
          'milestone',
          {
            actionId,
            title: required(input.title, 'title', 'Enter the milestone'),
            dueDate: requiredDate(input.dueDate, 'dueDate'),
          },
          sc,
          actor,
        )
      }),

    completeMilestone: (id: number, version: number, completedOn: string, actor: PlanActor) =>
      tx(async (tx) => {
        assertPermission(actor, 'plan:edit')
        return update(
          tx,
          'milestone',
          id,
          version,
          { completedOn: requiredDate(completedOn, 'completedOn') },
          actor,
          'complete',
        )
      }),

    /** Adds a dated note, a link or an uploaded file (type sniffed from its content) to an item or one of its actions. */
    addEvidence: (itemId: number, input: EvidenceInput, actor: PlanActor) =>
      tx(async (tx) => {
        assertPermission(actor, 'plan:edit')
        const sc = await scopeFor(tx, 'item', itemId, actor)
        const title = required(input.title, 'title', 'Enter a title for the evidence')
        const evidenceDate = requiredDate(input.evidenceDate, 'evidenceDate')
        if (input.actionId) {
          const action = await findRow(tx, 'action', input.actionId)
          if (!action || action.itemId !== itemId)
            throw new PlanInputError('actionId', 'Select an action of this recommendation')
        }
        const values: Record<string, unknown> = {
          itemId,
          actionId: input.actionId ?? null,
          kind: input.kind,
          title,
          evidenceDate,
          addedBy: actor.id,
          addedAt: now(),
        }
        if (input.kind === 'note') values.note = required(input.note, 'note', 'Enter the note')
        else if (input.kind === 'link') {
          const url = (input.url ?? '').trim()
          if (!/^https?:\/\/[^\s]+$/i.test(url))
            throw new PlanInputError('url', 'Enter a link starting with https:// or http://')
          values.url = url
          values.note = input.note?.trim() || null
        } else if (input.kind === 'file') {
          if (!input.file) throw new PlanInputError('file', 'Select a file')
          values.fileId = (
            await storeFile(
              tx,
              input.file,
              actor,
              ['pdf', 'docx', 'xlsx', 'csv', 'png', 'jpeg'],
              options.uploadLimitBytes,
            )
          ).id
          values.note = input.note?.trim() || null
        } else throw new PlanInputError('kind', 'Select note, link or file')
        return create(tx, 'evidence', values, sc, actor)
      }),

    /** The stored bytes of an evidence file or report, after a scope check. */
    async evidenceFile(evidenceId: number, actor: PlanActor) {
      const sc = await scope(db, 'evidence', evidenceId)
      assertScope(actor, sc.laCode)
      const [row] = await db
        .select({
          bytes: t.storedFile.bytes,
          mediaType: t.storedFile.mediaType,
          fileName: t.storedFile.fileName,
          sha256: t.storedFile.sha256,
        })
        .from(t.evidence)
        .innerJoin(t.storedFile, eq(t.storedFile.id, t.evidence.fileId))
        .where(eq(t.evidence.id, evidenceId))
      if (!row) throw new PlanNotFoundError('evidence file', evidenceId)
      return row
    },

    addKpi: (planId: number, input: KpiInput, actor: PlanActor) =>
      tx(async (tx) => {
        assertPermission(actor, 'plan:edit')
        const sc = await scopeFor(tx, 'plan', planId, actor)
        const values = validateKpi(input)
        const row = await create(tx, 'kpi', { ...values, planId }, sc, actor)
        const planItems = new Set(await itemIdsOfPlan(tx, planId))
        for (const itemId of input.itemIds ?? []) {
          if (!planItems.has(itemId)) throw new PlanInputError('itemIds', 'Select recommendations from this plan')
          await tx.insert(t.kpiItem).values({ kpiId: row.id, itemId })
        }
        for (const p of input.trajectory ?? [])
          await tx
            .insert(t.kpiTrajectory)
            .values({ kpiId: row.id, month: monthStart(p.month, 'trajectory'), value: p.value })
        return row
      }),

    /** Records this month's value by hand (source 'manual'); a second entry for the month updates it, versioned. */
    setKpiValue: (
      kpiId: number,
      input: { month: string; value: number; note?: string; version?: number },
      actor: PlanActor,
    ) =>
      tx(async (tx) => {
        assertPermission(actor, 'plan:edit')
        const sc = await scopeFor(tx, 'kpi', kpiId, actor)
        const month = monthStart(input.month, 'month')
        if (!Number.isFinite(input.value)) throw new PlanInputError('value', 'Enter the value as a number')
        const [existing] = await tx
          .select()
          .from(t.kpiValue)
          .where(
            and(
              eq(t.kpiValue.kpiId, kpiId),
              eq(t.kpiValue.month, month),
              eq(t.kpiValue.source, 'manual'),
              isNull(t.kpiValue.archivedAt),
            ),
          )
        if (existing)
          return update(
            tx,
            'kpiValue',
            existing.id,
            input.version ?? existing.version,
            { value: input.value, note: input.note ?? null, enteredBy: actor.id, enteredAt: now() },
            actor,
          )
        return create(
          tx,
          'kpiValue',
          {
            kpiId,
            month,
            value: input.value,
            note: input.note ?? null,
            source: 'manual',
            enteredBy: actor.id,
            enteredAt: now(),
          },
          sc,
          actor,
        )
      }),

    addCommitment: (
      planId: number,
      input: { title: string; measure: CommitmentMeasure; dueDate: string; itemId?: number | null },
      actor: PlanActor,
    ) =>
      tx(async (tx) => {
        assertPermission(actor, 'plan:review') // commitments are set by those overseeing the plan (or the system)
        const sc = await scopeFor(tx, 'plan', planId, actor)
        if (!COMMITMENT_MEASURES.includes(input.measure))
          throw new PlanInputError('measure', 'Select how the commitment is measured')
        if (input.itemId && !(await itemIdsOfPlan(tx, planId)).includes(input.itemId))
          throw new PlanInputError('itemId', 'Select a recommendation from this plan')
        return create(
          tx,
          'commitment',
          {
            planId,
            itemId: input.itemId ?? null,
            title: required(input.title, 'title', 'Enter the commitment'),
            measure: input.measure,
            dueDate: requiredDate(input.dueDate, 'dueDate'),
            createdBy: actor.id,
          },
          sc,
          actor,
        )
      }),

    /** The LA's improvement lead submits the plan or an update; the snapshot records what was submitted. */
    submit: (
      planId: number,
      input: { kind: 'plan' | 'update'; summary: string; snapshot?: unknown },
      actor: PlanActor,
    ) =>
      tx(async (tx) => {
        assertPermission(actor, 'plan:submit')
        const sc = await scopeFor(tx, 'plan', planId, actor)
        const summary = required(input.summary, 'summary', 'Enter a summary of what you are submitting')
        const pending = await tx
          .select({ id: t.submission.id })
          .from(t.submission)
          .where(and(eq(t.submission.planId, planId), eq(t.submission.status, 'submitted')))
        if (pending.length) throw new PlanInputError('form', 'A submission is already waiting for a decision')
        const row = await create(
          tx,
          'submission',
          {
            planId,
            kind: input.kind,
            summary,
            submittedBy: requireUser(actor),
            submittedAt: now(),
            snapshot: input.snapshot ?? null,
          },
          sc,
          actor,
          'submit',
        )
        const plan = (await findRow(tx, 'plan', planId))!
        await update(tx, 'plan', planId, plan.version, { status: 'submitted' }, actor, 'submit')
        return row
      }),

    /** Oversight accepts or returns a submission, with reasons. Accepting needs every challenge answered. */
    decide: (
      submissionId: number,
      version: number,
      decision: 'accepted' | 'returned',
      reason: string,
      actor: PlanActor,
    ) =>
      tx(async (tx) => {
        assertPermission(actor, 'plan:review')
        const sc = await scopeFor(tx, 'submission', submissionId, actor)
        const current = await findRow(tx, 'submission', submissionId)
        if (current?.status !== 'submitted')
          throw new PlanInputError('decision', 'This submission has already been decided')
        const why = required(
          reason,
          'reason',
          decision === 'accepted'
            ? 'Enter why you are accepting the submission'
            : 'Enter why you are returning the submission',
        )
        if (decision === 'accepted') {
          const [open] = await tx
            .select({ n: sql<number>`count(*)` })
            .from(t.planComment)
            .where(
              and(
                eq(t.planComment.planId, sc.planId!),
                eq(t.planComment.status, 'open'),
                isNull(t.planComment.archivedAt),
              ),
            )
          if (Number(open.n) > 0)
            throw new PlanInputError(
              'decision',
              `${open.n} challenge${Number(open.n) === 1 ? ' has' : 's have'} not been answered yet`,
            )
        }
        const row = await update(
          tx,
          'submission',
          submissionId,
          version,
          { status: decision, decidedBy: requireUser(actor), decidedAt: now(), decisionReason: why },
          actor,
          decision === 'accepted' ? 'accept' : 'return',
        )
        const plan = (await findRow(tx, 'plan', sc.planId!))!
        await update(
          tx,
          'plan',
          plan.id,
          plan.version,
          { status: decision },
          actor,
          decision === 'accepted' ? 'accept' : 'return',
        )
        return row
      }),

    /** A comment or a challenge (which must be answered) on the plan, an item or a submission. */
    comment: (
      planId: number,
      input: { kind: 'comment' | 'challenge'; text: string; itemId?: number | null; submissionId?: number | null },
      actor: PlanActor,
    ) =>
      tx(async (tx) => {
        if (input.kind === 'challenge') assertPermission(actor, 'plan:review')
        else if (
          actor.role &&
          !can({ role: actor.role as Role, isAdmin: false }, 'plan:review') &&
          !can({ role: actor.role as Role, isAdmin: false }, 'plan:edit')
        )
          throw new PlanForbiddenError('Your role cannot comment on plans')
        const sc = await scopeFor(tx, 'plan', planId, actor)
        if (input.itemId && !(await itemIdsOfPlan(tx, planId)).includes(input.itemId))
          throw new PlanInputError('itemId', 'Select a recommendation from this plan')
        const text = required(
          input.text,
          'text',
          input.kind === 'challenge' ? 'Enter the challenge' : 'Enter the comment',
        )
        return create(
          tx,
          'comment',
          {
            planId,
            itemId: input.itemId ?? null,
            submissionId: input.submissionId ?? null,
            kind: input.kind,
            text,
            authorId: requireUser(actor),
            createdAt: now(),
            status: input.kind === 'challenge' ? 'open' : null,
          },
          sc,
          actor,
          input.kind,
        )
      }),

    /** Answers a challenge; the challenge becomes 'answered' (the reviewer may then close it or challenge again). */
    answer: (challengeId: number, version: number, text: string, actor: PlanActor) =>
      tx(async (tx) => {
        assertPermission(actor, 'plan:edit')
        const sc = await scopeFor(tx, 'comment', challengeId, actor)
        const challenge = await findRow(tx, 'comment', challengeId)
        if (challenge?.kind !== 'challenge') throw new PlanInputError('form', 'Only a challenge can be answered')
        const answerText = required(text, 'text', 'Enter your answer')
        await update(tx, 'comment', challengeId, version, { status: 'answered' }, actor, 'answered')
        return create(
          tx,
          'comment',
          {
            planId: sc.planId,
            itemId: challenge.itemId,
            submissionId: challenge.submissionId,
            parentId: challengeId,
            kind: 'answer',
            text: answerText,
            authorId: requireUser(actor),
            createdAt: now(),
          },
          sc,
          actor,
          'answer',
        )
      }),

    closeChallenge: (challengeId: number, version: number, actor: PlanActor) =>
      tx(async (tx) => {
        assertPermission(actor, 'plan:review')
        const challenge = await findRow(tx, 'comment', challengeId)
        if (challenge?.status !== 'answered')
          throw new PlanInputError('form', 'A challenge can be closed only once it has been answered')
        return update(
          tx,
          'comment',
          challengeId,
          version,
          { status: 'closed', closedBy: requireUser(actor), closedAt: now() },
          actor,
          'close',
        )
      }),

    /** Generic edit for simple text fields (objective text, action progress, KPI definition, ...), versioned. */
    updateFields: (
      type: 'objective' | 'kpi' | 'commitment' | 'milestone' | 'evidence' | 'item',
      id: number,
      version: number,
      patch: Record<string, unknown>,
      actor: PlanActor,
    ) =>
      tx(async (tx) => {
        assertPermission(actor, type === 'commitment' ? 'plan:review' : 'plan:edit')
        const allowed: Record<typeof type, string[]> = {
          objective: ['text'],
          kpi: [
            'name',
            'definition',
            'unit',
            'targetValue',
            'targetDate',
            'baselineValue',
            'baselineDate',
            'amberTolerance',
          ],
          commitment: ['title', 'dueDate', 'metOn'],
          milestone: ['title', 'dueDate', 'completedOn'],
          evidence: ['title', 'note', 'evidenceDate'],
          item: ['theme'],
        }
        const bad = Object.keys(patch).filter((k) => !allowed[type].includes(k))
        if (bad.length) throw new PlanInputError(bad[0], `${bad[0]} cannot be changed here`)
        for (const [k, v] of Object.entries(patch))
          if (/Date$|On$/.test(k) && v !== null && !isDate(v)) throw new PlanInputError(k, 'Enter a real date')
        return update(tx, type, id, version, patch, actor)
      }),

    /** Archives (never deletes) a record, with who and why. */
    archive: (type: SubjectType, id: number, version: number, reason: string, actor: PlanActor) =>
      tx(async (tx) => {
        assertPermission(actor, type === 'commitment' || type === 'submission' ? 'plan:review' : 'plan:edit')
        if (type === 'submission') throw new PlanInputError('form', 'Submissions cannot be archived')
        const why = required(reason, 'reason', 'Enter why you are archiving this')
        return update(
          tx,
          type,
          id,
          version,
          { archivedAt: now(), archivedBy: requireUser(actor), archiveReason: why },
          actor,
          'archive',
        )
      }),

    restore: (type: SubjectType, id: number, version: number, actor: PlanActor) =>
      tx(async (tx) => {
        assertPermission(actor, 'plan:edit')
        return update(
          tx,
          type,
          id,
          version,
          { archivedAt: null, archivedBy: null, archiveReason: null },
          actor,
          'restore',
        )
      }),

    /** Every version of a record with a readable diff from the one before. */
    async history(type: SubjectType, id: number, actor: PlanActor) {
      const sc = await scope(db, type, id)
      assertScope(actor, sc.laCode)
      return (await historyOf(db, type, id)).map((h) => ({
        version: h.version,
        action: h.action,
        actorName: h.actorName,
        at: h.at.toISOString(),
        changes: readableDiff(h.before as Record<string, unknown> | null, h.after as Record<string, unknown> | null),
      }))
    },
  }

  async function scopeFor(tx: DbOrTx, type: SubjectType, id: number, actor: PlanActor) {
    const sc = await scope(tx, type, id)
    assertScope(actor, sc.laCode)
    const row = await findRow(tx, type, id)
    if (row?.archivedAt) throw new PlanInputError('form', `This ${SUBJECT_LABELS[type]} has been archived`)
    return sc
  }

  /**
   * Links a report to a plan, in the caller's transaction: the link is a versioned write on the report (history row
   * 'add-to-plan' in the plan's history, so the plan as at an earlier date does not list it, and an audit event naming
   * the plan), then one new item per recommendation.
   */
  async function addReport(
    tx: Tx,
    sc: { planId: number | null; laCode: string },
    reportId: number,
    actor: PlanActor,
    opts: { field: string; onlyUnplanned: boolean } = { field: 'reportIds', onlyUnplanned: false },
  ) {
    const planId = sc.planId!
    // Locked, so two people adding the same report at once cannot both pass the checks below.
    const report = await findRow(tx, 'report', reportId, true)
    if (!report) throw new PlanInputError(opts.field, `There is no Ofsted report ${reportId}`)
    const what = reportName(report)
    if (report.archivedAt)
      throw new PlanInputError(opts.field, `The ${what} has been archived, so it cannot be added to a plan`)
    if (report.laCode !== sc.laCode) {
      const names = await tx
        .select({ laCode: localAuthority.laCode, name: localAuthority.name })
        .from(localAuthority)
        .where(inArray(localAuthority.laCode, [String(report.laCode), sc.laCode]))
      const name = (code: string) => names.find((n) => n.laCode === code)?.name ?? `LA ${code}`
      throw new PlanInputError(
        opts.field,
        `The ${what} is about ${name(String(report.laCode))}, not ${name(sc.laCode)}: a plan can only answer reports about its own local authority`,
      )
    }
    const plansOfReport = await tx
      .select({ id: t.plan.id, title: t.plan.title })
      .from(t.planReport)
      .innerJoin(t.plan, eq(t.plan.id, t.planReport.planId))
      .where(and(eq(t.planReport.reportId, reportId), isNull(t.plan.archivedAt)))
    if (plansOfReport.some((p) => p.id === planId))
      throw new PlanInputError(opts.field, `The plan already answers the ${what}`)
    const other = plansOfReport[0]
    if (opts.onlyUnplanned && other)
      throw new PlanInputError(
        opts.field,
        `The ${what} is already in another plan, “${other.title}”: its recommendations are answered there`,
      )
    await tx.insert(t.planReport).values({ planId, reportId })
    // The report's import becomes part of the plan's timeline.
    await tx
      .update(t.planHistory)
      .set({ planId })
      .where(
        and(
          eq(t.planHistory.subjectType, 'report'),
          eq(t.planHistory.subjectId, reportId),
          isNull(t.planHistory.planId),
        ),
      )
    const linked = await updateRowIfVersion(tx, 'report', reportId, report.version, {})
    if (!linked) throw await conflict(tx, 'report', (await findRow(tx, 'report', reportId))!, report.version)
    const recs = await tx
      .select()
      .from(t.recommendation)
      .where(eq(t.recommendation.reportId, reportId))
      .orderBy(asc(t.recommendation.ordinal))
    await log(tx, 'report', { planId, laCode: sc.laCode }, 'add-to-plan', report, linked, actor, {
      planId,
      recommendations: recs.length,
    })
    const ids: number[] = []
    for (const r of recs)
      ids.push((await create(tx, 'item', { planId, recommendationId: r.id, theme: r.theme }, sc, actor)).id)
    return { itemIds: ids, reportName: what }
  }

  async function validateAction(tx: DbOrTx, input: ActionInput, laCode: string) {
    const title = required(input.title, 'title', 'Enter the action')
    if (input.status && !ACTION_STATUSES.includes(input.status)) throw new PlanInputError('status', 'Select a status')
    const startDate = optionalDate(input.startDate, 'startDate')
    const dueDate = optionalDate(input.dueDate, 'dueDate')
    if (startDate && dueDate && dueDate < startDate)
      throw new PlanInputError('dueDate', 'The due date must be on or after the start date')
    if (input.ownerId !== undefined && input.ownerId !== null) {
      const [owner] = await tx
        .select({ id: appUser.id, role: appUser.role, scoped: userLaScope.laCode })
        .from(appUser)
        .leftJoin(userLaScope, and(eq(userLaScope.userId, appUser.id), eq(userLaScope.laCode, laCode)))
        .where(and(eq(appUser.id, input.ownerId), isNull(appUser.disabledAt)))
        .then((rows) => rows.filter((u) => u.scoped !== null || !isLaScoped(u.role as Role)))
      if (!owner) throw new PlanInputError('ownerId', 'Select an owner who works on this local authority')
    }
    return {
      title,
      ownerId: input.ownerId ?? null,
      leadOfficer: input.leadOfficer?.trim() || null,
      startDate,
      dueDate,
      status: input.status ?? 'not started',
      completedOn: optionalDate(input.completedOn, 'completedOn'),
      progress: input.progress?.trim() || null,
      objectiveId: input.objectiveId ?? null,
    }
  }
}

export interface ActionInput {
  title: string
  ownerId?: number | null
  leadOfficer?: string | null
  startDate?: string | null
  dueDate?: string | null
  status?: ActionStatus
  completedOn?: string | null
  progress?: string | null
  objectiveId?: number | null
}

export interface EvidenceInput {
  kind: 'note' | 'link' | 'file'
  title: string
  evidenceDate: string
  note?: string
  url?: string
  file?: { bytes: Buffer; fileName: string }
  actionId?: number | null
}

export interface KpiInput {
  name: string
  definition: string
  polarity: 'higher' | 'lower' | 'context'
  unit?: string
  baselineValue?: number | null
  baselineDate?: string | null
  targetValue?: number | null
  targetDate?: string | null
  amberTolerance?: number | null
  caseworkIndicator?: string | null
  itemIds?: number[]
  trajectory?: Array<{ month: string; value: number }>
}

function required(v: string | null | undefined, field: string, message: string): string {
  const s = (v ?? '').trim()
  if (!s) throw new PlanInputError(field, message)
  return s
}

function optionalDate(v: string | null | undefined, field: string): string | null {
  if (v === null || v === undefined || v === '') return null
  if (!isDate(v)) throw new PlanInputError(field, 'Enter a real date')
  return v
}

function requiredDate(v: string | null | undefined, field: string): string {
  const d = optionalDate(v, field)
  if (!d) throw new PlanInputError(field, 'Enter a date')
  return d
}

/** '2014-07' or '2014-07-15' -> '2014-07-01'. */
export function monthStart(v: string, field: string): string {
  const m = /^(\d{4})-(\d{2})(-\d{2})?$/.exec(v ?? '')
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new PlanInputError(field, 'Enter a month, like 2014-07')
  return `${m[1]}-${m[2]}-01`
}

/** "monitoring visit report published 12 May 2016": how a person tells one of an LA's reports from another. */
export function reportName(r: Record<string, unknown>): string {
  const when = r.inspectionStart
    ? ` (inspected ${formatDate(r.inspectionStart)})`
    : r.published
      ? ` (published ${formatDate(r.published)})`
      : ''
  return `${String(r.framework ?? 'Ofsted')} report${when}`
}

function safeName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file'
  return base.replace(/[\u0000-\u001f"<>|:*?]/g, '_').slice(0, 200) || 'file'
}

function validateKpi(input: KpiInput) {
  const name = required(input.name, 'name', 'Enter the KPI name')
  const definition = required(input.definition, 'definition', 'Enter how the KPI is calculated')
  if (!['higher', 'lower', 'context'].includes(input.polarity))
    throw new PlanInputError('polarity', 'Select whether higher or lower is better')
  const num = (v: number | null | undefined, field: string) => {
    if (v === null || v === undefined) return null
    if (!Number.isFinite(v)) throw new PlanInputError(field, 'Enter a number')
    return v
  }
  return {
    name,
    definition,
    polarity: input.polarity,
    unit: input.unit?.trim() || '%',
    baselineValue: num(input.baselineValue, 'baselineValue'),
    baselineDate: optionalDate(input.baselineDate, 'baselineDate'),
    targetValue: num(input.targetValue, 'targetValue'),
    targetDate: optionalDate(input.targetDate, 'targetDate'),
    amberTolerance: num(input.amberTolerance, 'amberTolerance'),
    caseworkIndicator: input.caseworkIndicator ?? null,
  }
}

/** Checks a confirmed report; every problem names the field so the review page can show it. */
export function validateReport(input: ConfirmedReport) {
  const laCode = required(input.laCode, 'la', 'Select the local authority')
  if (!FRAMEWORKS.includes(input.framework)) throw new PlanInputError('framework', 'Select the inspection framework')
  const inspectionStart = optionalDate(input.inspectionStart, 'inspectionStart')
  const inspectionEnd = optionalDate(input.inspectionEnd, 'inspectionEnd')
  const published = optionalDate(input.published, 'published')
  if (inspectionStart && inspectionEnd && inspectionEnd < inspectionStart)
    throw new PlanInputError('inspectionEnd', 'The last day of the inspection must be on or after the first')
  const judgements = input.judgements.map((j, i) => {
    if (!j.area?.trim()) throw new PlanInputError(`judgements.${i}.area`, 'Enter the judgement area')
    if (!GRADES.includes(j.grade)) throw new PlanInputError(`judgements.${i}.grade`, 'Select a grade')
    return { area: j.area.trim(), grade: j.grade }
  })
  if (input.lscbJudgement && !GRADES.includes(input.lscbJudgement))
    throw new PlanInputError('lscbJudgement', 'Select a grade')
  const recommendations = input.recommendations.map((r, i) => {
    const addressee = normaliseAddressee(r.addressee ?? '')
    if (!addressee) throw new PlanInputError(`recommendations.${i}.addressee`, 'Select who the recommendation is for')
    return {
      number: r.number?.toString().trim() || null,
      category: required(r.category, `recommendations.${i}.category`, 'Enter the category as the report groups it'),
      addressee,
      text: required(r.text, `recommendations.${i}.text`, 'Enter the recommendation text'),
      theme: r.theme?.trim() || null,
    }
  })
  return {
    laCode,
    framework: input.framework,
    inspectionStart,
    inspectionEnd,
    published,
    judgements,
    lscbJudgement: input.lscbJudgement ?? null,
    recommendations,
  }
}

export type PlanService = ReturnType<typeof planService>

/** Which of the register's framework labels (Ofsted's outcome files) each reader framework corresponds to. */
const REGISTER_FRAMEWORKS: Record<Framework, RegExp> = {
  SIF: /^SIF/,
  ILACS: /^ILACS/,
  'focused visit': /^Focused visit/i,
  'monitoring visit': /^Monitoring visit/i,
  other: /^(SLAC|CPI|TLAC)/,
}

/** Ofsted publishes a report within a few weeks of the visit; a listing more than this many days later is another one. */
const PUBLICATION_WINDOW_DAYS = 150

/**
 * The register's record of the same inspection. In order: same LA and first day; same LA and publication date; and,
 * since Ofsted's outcome files give only publication dates and most reports do not print one, the first inspection of
 * the same LA and framework published within 150 days after the visit ended.
 */
export async function registerInspectionFor(
  db: DbOrTx,
  r: {
    laCode: string
    framework: Framework
    inspectionStart: string | null
    inspectionEnd: string | null
    published: string | null
  },
) {
  const rows = await db
    .select({
      id: inspection.id,
      framework: inspection.framework,
      startDate: inspection.startDate,
      endDate: inspection.endDate,
      published: inspection.published,
      overallGrade: inspection.overallGrade,
    })
    .from(inspection)
    .where(eq(inspection.laCode, r.laCode))
    .orderBy(asc(inspection.published), asc(inspection.id))
  const byStart = rows.find(
    (x) =>
      r.inspectionStart &&
      x.startDate === r.inspectionStart &&
      (!r.inspectionEnd || !x.endDate || x.endDate === r.inspectionEnd),
  )
  const family = REGISTER_FRAMEWORKS[r.framework]
  const byPublished = rows.find((x) => r.published && !x.startDate && x.published === r.published)
  const visitEnd = r.inspectionEnd ?? r.inspectionStart
  const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000
  const byWindow = visitEnd
    ? rows.find(
        (x) =>
          !r.published &&
          x.published &&
          family.test(x.framework) &&
          days(visitEnd, x.published) >= 0 &&
          days(visitEnd, x.published) <= PUBLICATION_WINDOW_DAYS,
      )
    : undefined
  return byStart ?? byPublished ?? byWindow ?? null
}
