import { Hono } from 'hono';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppDeps } from '../../src/deps';
import { jobs, monitors, servers } from '../../src/db/schema/index';
import { requireRole } from '../../src/auth/guard';
import { HttpError } from '../../src/http/errors';
import { readJsonBody } from '../../src/http/json-body';
import { scanMonitors } from '../../src/monitor/overdue-scan';
import { refreshMonitors } from '../../src/monitor/refresh';
import { scheduleProblem } from '../../src/monitor/schedule';
import { GLOBAL_SCOPE, jobScope, loadSettings, saveScopeSettings, scopeSettings, serverScope } from '../../src/monitor/settings';
import { deliverOutbox } from '../../src/notify/deliver';

const EVENT_FILTERS = ['off', 'all', 'warnings', 'errors'] as const;

/** Every field optional; null clears it back to inheriting from the wider scope. */
export const scopeSettingsSchema = z
  .object({
    interval: z.string().max(40).nullable(),
    cron: z.string().max(120).nullable(),
    timeZone: z.string().max(64).nullable(),
    weekdays: z.number().int().min(1).max(127).nullable(),
    graceSeconds: z.number().int().min(0).max(30 * 86_400).nullable(),
    paused: z.boolean().nullable(),
    events: z.enum(EVENT_FILTERS).nullable(),
    channels: z.array(z.number().int().positive()).max(100).nullable(),
    reminder: z.enum(['never', 'daily', 'weekly']).nullable(),
    digest: z.boolean().nullable(),
  })
  .partial()
  .strict();

async function resolveScope(deps: AppDeps, kind: string, id: string | undefined): Promise<string> {
  const { db } = deps.store;
  if (kind === 'global') return GLOBAL_SCOPE;
  if (kind === 'server' && id) {
    const [s] = await db.select({ id: servers.id }).from(servers).where(eq(servers.id, id));
    if (!s) throw new HttpError(404, `No server with id ${id}.`);
    return serverScope(s.id);
  }
  if (kind === 'job' && id && /^\d+$/.test(id)) {
    const [j] = await db.select({ id: jobs.id }).from(jobs).where(eq(jobs.id, Number(id)));
    if (!j) throw new HttpError(404, `No job with id ${id}.`);
    return jobScope(j.id);
  }
  throw new HttpError(404, 'Scope must be global, server/<machine-id> or job/<id>.');
}

/**
 * /api/monitor: monitoring state of every job (viewers read), settings per scope with
 * inheritance, pause/resume and "check now" (admins).
 */
export function monitorRoutes(deps: AppDeps) {
  const { store, clock } = deps;
  const admin = requireRole(deps, 'admin');

  async function saveSettings(scope: string, values: z.infer<typeof scopeSettingsSchema>) {
    const now = clock();
    const current = (await scopeSettings(store.db, scope)) ?? {};
    const merged = { ...current, ...values };
    const problem = scheduleProblem(merged);
    if (problem) throw new HttpError(400, problem, { code: 'invalid_schedule' });
    await saveScopeSettings(store.db, scope, values, now);
    const refreshed = await refreshMonitors(store, scope, now);
    const scan = await scanMonitors(store, now);
    return { scope, settings: merged, refreshed, scan };
  }

  return new Hono()
    .get('/jobs', async (c) => {
      const rows = await store.db
        .select({ jobId: jobs.id, name: jobs.name, serverId: jobs.serverId, server: servers.name, monitor: monitors })
        .from(jobs)
        .innerJoin(servers, eq(servers.id, jobs.serverId))
        .leftJoin(monitors, eq(monitors.jobId, jobs.id))
        .orderBy(jobs.id);
      return c.json({
        jobs: rows.map((r) => ({
          jobId: r.jobId,
          name: r.name,
          serverId: r.serverId,
          server: r.server,
          state: r.monitor?.state ?? 'new',
          stateSince: r.monitor?.stateSince ?? null,
          scheduleSource: r.monitor?.scheduleSource ?? null,
          nextDueAt: r.monitor?.nextDueAt ?? null,
          graceSeconds: r.monitor?.graceSeconds ?? null,
          lastRunAt: r.monitor?.lastRunAt ?? null,
          lastStatus: r.monitor?.lastStatus ?? null,
        })),
      });
    })
    .get('/jobs/:jobId{[0-9]+}', async (c) => {
      const jobId = Number(c.req.param('jobId'));
      const [row] = await store.db.select({ job: jobs, monitor: monitors }).from(jobs).leftJoin(monitors, eq(monitors.jobId, jobs.id)).where(eq(jobs.id, jobId));
      if (!row) throw new HttpError(404, `No job with id ${jobId}.`);
      const effective = (await loadSettings(store.db, [{ jobId, serverId: row.job.serverId }])).get(jobId)!;
      return c.json({ jobId, name: row.job.name, serverId: row.job.serverId, monitor: row.monitor, settings: (await scopeSettings(store.db, jobScope(jobId))) ?? {}, effective });
    })
    .get('/settings/:kind{global|server|job}/:id?', async (c) => {
      const scope = await resolveScope(deps, c.req.param('kind'), c.req.param('id'));
      return c.json({ scope, settings: (await scopeSettings(store.db, scope)) ?? {} });
    })
    .put('/settings/:kind{global|server|job}/:id?', admin, async (c) => {
      const scope = await resolveScope(deps, c.req.param('kind'), c.req.param('id'));
      return c.json(await saveSettings(scope, await readJsonBody(c, scopeSettingsSchema)));
    })
    .post('/jobs/:jobId{[0-9]+}/pause', admin, async (c) => c.json(await saveSettings(await resolveScope(deps, 'job', c.req.param('jobId')), { paused: true })))
    .post('/jobs/:jobId{[0-9]+}/resume', admin, async (c) => c.json(await saveSettings(await resolveScope(deps, 'job', c.req.param('jobId')), { paused: null })))
    .post('/check', admin, async (c) => {
      const now = clock();
      const scan = await scanMonitors(store, now);
      const delivery = await deliverOutbox(deps, now);
      return c.json({ scan, delivery });
    });
}
