import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openNodeDatabase } from '../../src/db/node-client';
import { applyMigrations } from '../../src/db/migrate';
import { MIGRATIONS_DIR } from '../../src/project-root';
import { directWriter, groupCommitWriter } from '../../src/db/writer';
import { integrationRequests } from '../../src/db/schema/index';
import { integrationRequestInsert, integrationRequestRow, receivedBody, type NewIntegrationRequest } from '../../src/admin/integration-requests';
import { tempDir } from '../support/temp-dir';

// Statements built once with placeholders and bound per call, through both writers, on a real file.

async function open() {
  const dir = tempDir('backwatch-writer-');
  const opened = await openNodeDatabase(`file:${join(dir, 'writer.db')}`);
  await applyMigrations(opened.db, MIGRATIONS_DIR);
  return opened;
}

const request = (endpoint: string, body: string): NewIntegrationRequest => ({
  direction: 'inbound',
  kind: 'upload',
  endpoint,
  method: 'POST',
  status: 'Queued',
  headers: { 'content-type': 'application/json', 'x-n': endpoint },
  body: new TextEncoder().encode(body),
});

describe.each([
  ['group commit', groupCommitWriter],
  ['direct', directWriter],
])('the %s writer with bound statements', (_name, makeWriter) => {
  it('binds each call its own values through the column encoders and maps what RETURNING gives back', async () => {
    const { db, client } = await open();
    const writer = makeWriter(db);
    const now = new Date('2026-12-01T10:00:00Z');
    const [a, b] = (await writer.write([
      integrationRequestInsert(db, integrationRequestRow(request('/a', '{"a":1}'), now)),
      integrationRequestInsert(db, integrationRequestRow(request('/b', '{"b":2}'), now)),
    ])) as [{ id: number }[], { id: number }[]];
    expect(a![0]!.id).toBeLessThan(b![0]!.id);

    const stored = await db.select().from(integrationRequests).where(eq(integrationRequests.id, b![0]!.id));
    // headers went through the JSON encoder, the body through the blob one.
    expect(stored[0]!.headers).toEqual({ 'content-type': 'application/json', 'x-n': '/b' });
    expect(new TextDecoder().decode((await receivedBody(stored[0]!))!)).toBe('{"b":2}');
    expect(stored[0]!.createdAt).toBe(now.toISOString());
    client.close();
  });

  it('refuses a bound statement that lacks a value, naming the placeholder, and writes nothing of its group', async () => {
    const { db, client } = await open();
    const writer = makeWriter(db);
    const good = integrationRequestInsert(db, integrationRequestRow(request('/ok', '{}'), new Date()));
    const { endpoint: _missing, ...values } = good.values;
    await expect(writer.write([good, { prepared: good.prepared, values }])).rejects.toThrow('No value for placeholder "endpoint" was provided');
    expect(await db.select().from(integrationRequests)).toEqual([]);
    client.close();
  });
});
