import { describe, expect, it } from 'vitest';
import { desc } from 'drizzle-orm';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import worker from '../../src/worker';
import { openWebDatabase } from '../../src/db/web-client';
import { errorLog, integrationRequests } from '../../src/db/schema/index';

async function call(bindings: Record<string, string | undefined>, path: string, init?: RequestInit) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(new URL(path, 'https://backwatch.test'), init), bindings, ctx as never);
  await waitOnExecutionContext(ctx);
  return res;
}

describe('the Worker on a database whose schema is behind', () => {
  const behind = { ...env, TURSO_DATABASE_URL: env.BEHIND_TURSO_DATABASE_URL };
  const behindDb = openWebDatabase(env.BEHIND_TURSO_DATABASE_URL!, env.TURSO_AUTH_TOKEN);

  it('answers 503 naming the migrate command, and writes an Error Log row', async () => {
    const res = await call(behind, '/api/health');
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toContain('npm run db:migrate');

    // Only columns of the first migration: the rest of today's schema is not there.
    const [row] = await behindDb.select({ method: errorLog.method, path: errorLog.path, message: errorLog.message }).from(errorLog).orderBy(desc(errorLog.id)).limit(1);
    expect(row).toMatchObject({ method: 'GET', path: '/api/health' });
    expect(row!.message).toContain('schema is behind');
  });

  it('stores nothing from an upload it refused', async () => {
    const res = await call(behind, `/api/upload/${env.UPLOAD_TOKEN}`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(503);
    expect(await behindDb.select({ id: integrationRequests.id }).from(integrationRequests)).toEqual([]);
  });
});

describe('the Worker without its database binding', () => {
  it('answers 500 naming the missing secret', async () => {
    const res = await call({ ...env, TURSO_DATABASE_URL: undefined }, '/api/health');
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ problems: [expect.stringContaining('TURSO_DATABASE_URL')] });
  });
});
