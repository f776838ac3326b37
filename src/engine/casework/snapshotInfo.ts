import type { RecordCounts } from './model.ts'

/** A casework snapshot as the store lists it. */
export interface SnapshotInfo {
  snapshotId: number
  laCode: string
  asAt: string
  kind: 'upload' | 'api'
  status: 'building' | 'complete' | 'rejected' | 'abandoned'
  createdAt: string
  completedAt: string | null
  createdBy: string | null
  records: RecordCounts
  errors: number
  warnings: number
  message: string | null
  current: boolean
}

/** A row of the snapshot table as a SnapshotInfo (`current`: the current snapshot's id). */
export function snapshotInfoOf(r: Record<string, string | number | null>, current: number | null): SnapshotInfo {
  return {
    snapshotId: Number(r.snapshot_id),
    laCode: String(r.la_code),
    asAt: String(r.as_at),
    kind: r.kind as SnapshotInfo['kind'],
    status: r.status as SnapshotInfo['status'],
    createdAt: String(r.created_at),
    completedAt: r.completed_at === null ? null : String(r.completed_at),
    createdBy: r.created_by ? String(r.created_by) : null,
    records: r.records_json ? (JSON.parse(String(r.records_json)) as RecordCounts) : {},
    errors: Number(r.errors),
    warnings: Number(r.warnings),
    message: r.message === null ? null : String(r.message),
    current: Number(r.snapshot_id) === current,
  }
}
