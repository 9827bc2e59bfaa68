import { and, desc, eq, lt, sql, getTableColumns, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database';
import type { Store } from '../db/store';
import { integrationRequests, type IntegrationDirection, type IntegrationStatus } from '../db/schema/index';
import { compressBody, decompressBody } from '../ingest/body-codec';
import { bind, placeholders, preparedOnce } from '../db/prepared';
import type { BoundWrite } from '../db/writer';

const SECRET_HEADERS = /^(authorization|cookie|proxy-authorization|x-api-key)$|token|secret|password/i;

/** Request headers worth keeping for diagnosis, without credentials. */
export function safeHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    out[key] = SECRET_HEADERS.test(key) ? '[redacted]' : value;
  });
  return out;
}

export type NewIntegrationRequest = {
  direction: IntegrationDirection;
  kind: string;
  endpoint: string;
  method: string;
  status: IntegrationStatus;
  headers: Record<string, string>;
  body: Uint8Array | null;
  sourceAddress?: string | null;
  operation?: string | null;
  reference?: string | null;
  error?: string | null;
  responseCode?: number | null;
};

const REQUEST_COLUMNS = [
  'direction', 'kind', 'endpoint', 'method', 'status', 'headers', 'body', 'bodyEncoding', 'bodyBytes',
  'sourceAddress', 'operation', 'reference', 'error', 'responseCode', 'createdAt', 'updatedAt',
] as const;

const insertRequest = preparedOnce((db) =>
  db.insert(integrationRequests).values(placeholders(REQUEST_COLUMNS)).returning({ id: integrationRequests.id }).prepare(),
);

/** The stored row for one request, body compressed. */
export function integrationRequestRow(req: NewIntegrationRequest, now: Date): typeof integrationRequests.$inferInsert {
  const at = now.toISOString();
  const { body, bodyEncoding } = req.body ? compressBody(req.body) : { body: null, bodyEncoding: 'br' as const };
  return { ...req, body, bodyEncoding, bodyBytes: req.body?.byteLength ?? 0, createdAt: at, updatedAt: at };
}

/** A stored request's body as it was received; null when none was kept. */
export async function receivedBody(row: Pick<typeof integrationRequests.$inferSelect, 'body' | 'bodyEncoding'>): Promise<Uint8Array | null> {
  return row.body ? decompressBody(row.body, row.bodyEncoding) : null;
}

/** The insert of a prepared row, to write alone or in one group with the rows it explains. */
export function integrationRequestInsert(db: Database, row: typeof integrationRequests.$inferInsert): BoundWrite {
  return bind(insertRequest(db), REQUEST_COLUMNS, row);
}

/** Stores one request; returns its id. */
export async function recordIntegrationRequest({ db, writer }: Store, req: NewIntegrationRequest, now: Date): Promise<number> {
  const [rows] = (await writer.write([integrationRequestInsert(db, integrationRequestRow(req, now))])) as [{ id: number }[]];
  return rows[0]!.id;
}

export function markIntegrationRequest(
  db: Database,
  id: number,
  outcome: { status: IntegrationStatus; error?: string | null; responseCode?: number | null; operation?: string | null; reference?: string | null },
  now: Date,
) {
  return db
    .update(integrationRequests)
    .set({ ...outcome, error: outcome.error ?? null, updatedAt: now.toISOString() })
    .where(eq(integrationRequests.id, id));
}

export type IntegrationRequestFilter = {
  direction?: IntegrationDirection;
  status?: IntegrationStatus;
  kind?: string;
  beforeId?: number;
  limit?: number;
};

/** Newest first, keyset-paginated by id; bodies are not loaded. */
export async function listIntegrationRequests(db: Database, f: IntegrationRequestFilter = {}) {
  const where: SQL[] = [];
  if (f.direction) where.push(eq(integrationRequests.direction, f.direction));
  if (f.status) where.push(eq(integrationRequests.status, f.status));
  if (f.kind) where.push(eq(integrationRequests.kind, f.kind));
  if (f.beforeId) where.push(lt(integrationRequests.id, f.beforeId));
  const { body: _body, ...columns } = getTableColumns(integrationRequests);
  return db
    .select(columns)
    .from(integrationRequests)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(integrationRequests.id))
    .limit(Math.min(f.limit ?? 50, 500));
}

export async function getIntegrationRequest(db: Database, id: number) {
  const [row] = await db.select().from(integrationRequests).where(eq(integrationRequests.id, id));
  return row;
}

export async function countIntegrationRequests(db: Database, status: IntegrationStatus, sinceIso: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(integrationRequests)
    .where(and(eq(integrationRequests.status, status), sql`${integrationRequests.createdAt} >= ${sinceIso}`));
  return Number(row?.n ?? 0);
}
