import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { applyRetention, getRetention, setRetention } from '../../../src/admin/retention';
import { auditLog, errorLog, integrationRequests, jobLog, sessions, users } from '../../../src/db/schema/index';
import { createTestApp } from '../../support/test-app';

const NOW = new Date('2026-06-01T00:00:00.000Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();

describe('log retention', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  async function seed(ages: number[]) {
    for (const age of ages) {
      const at = daysAgo(age);
      await t.db.insert(errorLog).values({ createdAt: at, method: 'GET', path: '/x', message: `age ${age}` });
      await t.db.insert(jobLog).values({ name: 'overdue-scan', startedAt: at, durationMs: 1, status: 'Completed', counts: {} });
      await t.db.insert(integrationRequests).values({
        direction: 'inbound', kind: 'upload', endpoint: '/api/upload', method: 'POST', status: 'Completed', headers: {}, createdAt: at, updatedAt: at,
      });
      await t.db.insert(auditLog).values({ createdAt: at, action: 'login.success', actorType: 'admin' });
    }
  }

  const count = async (table: typeof errorLog | typeof jobLog | typeof integrationRequests | typeof auditLog) =>
    Number((await t.db.select({ n: sql<number>`count(*)` }).from(table))[0]!.n);

  it('deletes rows older than 90 days from the operational logs and older than 365 days from the audit log', async () => {
    await seed([1, 89, 91, 200, 364, 366]);

    const counts = await applyRetention(t.deps.store, NOW);

    expect(counts).toEqual({ error_log: 4, job_log: 4, integration_requests: 4, audit_log: 1, sessions: 0 });
    expect(await count(errorLog)).toBe(2);
    expect(await count(jobLog)).toBe(2);
    expect(await count(integrationRequests)).toBe(2);
    expect(await count(auditLog)).toBe(5);
  });

  it('follows the retention stored in settings for each log', async () => {
    await seed([5, 15, 40]);
    await setRetention(t.db, { error_log: 10, audit_log: 30 }, NOW);

    const counts = await applyRetention(t.deps.store, NOW);

    expect(counts).toMatchObject({ error_log: 2, job_log: 0, integration_requests: 0, audit_log: 1 });
    expect(await getRetention(t.db)).toEqual({ error_log: 10, job_log: 90, integration_requests: 90, audit_log: 30 });
  });

  it('rejects a retention of zero days and keeps the previous setting', async () => {
    await setRetention(t.db, { job_log: 7 }, NOW);
    await expect(setRetention(t.db, { job_log: 0 }, NOW)).rejects.toThrow(/at least 1 day/);
    expect((await getRetention(t.db)).job_log).toBe(7);
  });

  it('purges more rows than one delete slice holds', async () => {
    const at = daysAgo(120);
    const rows = Array.from({ length: 4500 }, (_, i) => ({ createdAt: at, method: 'GET', path: `/p/${i}`, message: 'old' }));
    for (let i = 0; i < rows.length; i += 500) await t.db.insert(errorLog).values(rows.slice(i, i + 500));
    await t.db.insert(errorLog).values({ createdAt: daysAgo(1), method: 'GET', path: '/new', message: 'new' });

    const counts = await applyRetention(t.deps.store, NOW);

    expect(counts.error_log).toBe(4500);
    expect(await count(errorLog)).toBe(1);
  });

  it('stops after its slice budget, says more rows remain, and finishes on the next run', async () => {
    const at = daysAgo(120);
    const rows = Array.from({ length: 4500 }, (_, i) => ({ createdAt: at, method: 'GET', path: `/p/${i}`, message: 'old' }));
    for (let i = 0; i < rows.length; i += 500) await t.db.insert(errorLog).values(rows.slice(i, i + 500));

    expect(await applyRetention(t.deps.store, NOW, 2)).toMatchObject({ error_log: 4000, job_log: 0, more: 1 });
    expect(await count(errorLog)).toBe(500);
    // Logs without old rows take no slice: the rest of the error log fits, and nothing remains.
    expect(await applyRetention(t.deps.store, NOW, 2)).toMatchObject({ error_log: 500, job_log: 0, more: 0 });
    expect(await count(errorLog)).toBe(0);
  });

  it('removes sessions past their absolute expiry', async () => {
    const [user] = await t.db.insert(users).values({ username: 'ann', role: 'user', passwordHash: 'x', createdAt: daysAgo(10), updatedAt: daysAgo(10) }).returning();
    await t.db.insert(sessions).values([
      { id: 'expired', userId: user!.id, createdAt: daysAgo(10), lastSeenAt: daysAgo(9), expiresAt: daysAgo(3) },
      { id: 'current', userId: user!.id, createdAt: daysAgo(1), lastSeenAt: daysAgo(1), expiresAt: daysAgo(-6) },
    ]);

    const counts = await applyRetention(t.deps.store, NOW);

    expect(counts.sessions).toBe(1);
    expect((await t.db.select({ id: sessions.id }).from(sessions)).map((s) => s.id)).toEqual(['current']);
  });
});
