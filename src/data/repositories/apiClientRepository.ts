import { and, asc, eq, isNull } from 'drizzle-orm'
import { apiClient, apiToken } from '../schema/apiClients.ts'
import { localAuthority } from '../schema/register.ts'
import type { DbOrTx } from '../store.ts'

/** A registered machine client, as the services see it (no hashes). */
export interface ApiClientRow {
  id: number
  clientId: string
  laCode: string
  name: string
  scopes: string[]
  createdBy: string
  createdAt: string
  revokedAt: string | null
}

/** What authenticating a client needs: the row and its credential hashes. */
export interface ApiClientCredentials extends ApiClientRow {
  secretHash: string
  supplierKeyHash: string
}

/** A live or dead token, with its client. */
export interface ApiTokenRow {
  client: ApiClientCredentials
  scopes: string[]
  expiresAt: Date
  revokedAt: Date | null
}

type ClientRecord = typeof apiClient.$inferSelect

function toCredentials(r: ClientRecord): ApiClientCredentials {
  return {
    id: r.id,
    clientId: r.clientId,
    laCode: r.laCode,
    name: r.name,
    scopes: r.scopes,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
    secretHash: r.secretHash,
    supplierKeyHash: r.supplierKeyHash,
  }
}

function toRow(r: ClientRecord): ApiClientRow {
  const { secretHash: _s, supplierKeyHash: _k, ...row } = toCredentials(r)
  return row
}

export async function insertApiClient(
  db: DbOrTx,
  values: Omit<typeof apiClient.$inferInsert, 'id' | 'createdAt' | 'revokedAt' | 'revokedBy'>,
): Promise<ApiClientRow> {
  const [row] = await db.insert(apiClient).values(values).returning()
  return toRow(row)
}

export async function findApiClient(db: DbOrTx, clientId: string): Promise<ApiClientCredentials | undefined> {
  const [row] = await db.select().from(apiClient).where(eq(apiClient.clientId, clientId))
  return row ? toCredentials(row) : undefined
}

export async function listApiClients(db: DbOrTx, laCode?: string): Promise<ApiClientRow[]> {
  const rows = await db
    .select()
    .from(apiClient)
    .where(laCode ? eq(apiClient.laCode, laCode) : undefined)
    .orderBy(asc(apiClient.laCode), asc(apiClient.id))
  return rows.map(toRow)
}

/** Revokes a live client and every token it holds; undefined when there is no live client with that id. */
export async function revokeApiClient(db: DbOrTx, clientId: string, by: string): Promise<ApiClientRow | undefined> {
  const now = new Date()
  const [row] = await db
    .update(apiClient)
    .set({ revokedAt: now, revokedBy: by })
    .where(and(eq(apiClient.clientId, clientId), isNull(apiClient.revokedAt)))
    .returning()
  if (!row) return undefined
  await db
    .update(apiToken)
    .set({ revokedAt: now })
    .where(and(eq(apiToken.clientId, row.id), isNull(apiToken.revokedAt)))
  return toRow(row)
}

export async function insertApiToken(
  db: DbOrTx,
  values: { tokenHash: string; clientId: number; scopes: string[]; expiresAt: Date },
): Promise<void> {
  await db.insert(apiToken).values(values)
}

export async function findApiToken(db: DbOrTx, tokenHash: string): Promise<ApiTokenRow | undefined> {
  const [row] = await db
    .select({ token: apiToken, client: apiClient })
    .from(apiToken)
    .innerJoin(apiClient, eq(apiClient.id, apiToken.clientId))
    .where(eq(apiToken.tokenHash, tokenHash))
  if (!row) return undefined
  return {
    client: toCredentials(row.client),
    scopes: row.token.scopes,
    expiresAt: row.token.expiresAt,
    revokedAt: row.token.revokedAt,
  }
}

/** Revokes one token (by its hash); false when there was no live token. */
export async function revokeApiToken(db: DbOrTx, tokenHash: string): Promise<boolean> {
  const rows = await db
    .update(apiToken)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiToken.tokenHash, tokenHash), isNull(apiToken.revokedAt)))
    .returning({ hash: apiToken.tokenHash })
  return rows.length > 0
}

export async function localAuthorityExists(db: DbOrTx, laCode: string): Promise<boolean> {
  const rows = await db
    .select({ code: localAuthority.laCode })
    .from(localAuthority)
    .where(eq(localAuthority.laCode, laCode))
  return rows.length > 0
}
