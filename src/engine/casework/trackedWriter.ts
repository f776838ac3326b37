import type { DuckDBConnection } from '@duckdb/node-api'
import { SnapshotWriter } from './snapshotWriter.ts'

/** An upload's writer that tells the store when it has finished, whichever way (commit, reject or abandon). */
export class TrackedWriter extends SnapshotWriter {
  private closed = false
  constructor(
    connection: DuckDBConnection,
    snapshotId: number,
    keepDayOfBirth: boolean,
    loadDir: string,
    private onClose: () => void,
  ) {
    super(connection, snapshotId, keepDayOfBirth, loadDir)
  }
  private async closing<T>(f: () => Promise<T>): Promise<T> {
    try {
      return await f()
    } finally {
      if (!this.closed) this.onClose()
      this.closed = true
    }
  }
  override commit() {
    return this.closing(() => super.commit())
  }
  override reject(message: string) {
    return this.closing(() => super.reject(message))
  }
  override abandon() {
    return this.closing(() => super.abandon())
  }
}
