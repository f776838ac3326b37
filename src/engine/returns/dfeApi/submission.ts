import type { ApiChild } from './schema.ts'

/** One accepted DfE CSC API request, on its way to the LA's casework store. */
export interface ApiRequest {
  laCode: string
  /** The day whose rolling snapshot the request goes into (YYYY-MM-DD, UK time). */
  day: string
  clientId: string
  requestId: string
  /** SHA-256 and size of the request body as it arrived: the snapshot's source. */
  sha256: string
  bytes: number
  /** The children in the order sent; each is the child's whole record (or a purge of it). */
  children: ApiChild[]
}

/**
 * Where API requests go: the LA's casework store. `apply` runs one request on the day's rolling snapshot (the day's
 * first request starts it from the current snapshot) in one go: each child replaces everything held about it, a
 * purged child is removed. When a purge finds no such child, nothing of the request is kept and the indexes of
 * those children come back. Requests of one LA run one at a time.
 */
export interface ApiChildStore {
  apply(request: ApiRequest): Promise<{ unknownPurges: number[] }>
  /** Closes what the store opened (the LA casework files). */
  close?(): Promise<void>
}
