import { Hono, type Context } from 'hono';
import type { AppDeps } from '../../src/deps';
import { requireReadAccess } from '../../src/auth/read-access';
import { findServer, latestRunsOfServer, summarize } from '../../src/backups/read-model';
import { toDuplistatusBackup, toDuplistatusServer } from '../../src/backups/duplistatus-shape';
import { overdueJobCount } from '../../src/monitor/overdue-count';

const noStore = { 'Cache-Control': 'no-store' };

/** duplistatus-compatible read API: /api/summary, /api/lastbackup/:server, /api/lastbackups/:server. */
export function readApiRoutes(deps: AppDeps) {
  const { db } = deps.store;

  async function lookup(c: Context) {
    const id = c.req.param('server') ?? '';
    const result = await findServer(db, id);
    if (result.found) return { server: result.server };
    if (result.reason === 'ambiguous') {
      return {
        response: c.json(
          {
            error: 'Multiple servers found with the same name',
            message: `Multiple servers are named "${id}". Use the server ID instead: ${result.candidates.map((s) => s.id).join(', ')}`,
            status: 400,
            duplicate_servers: result.candidates,
          },
          400,
          noStore,
        ),
      };
    }
    return { response: c.json({ error: 'Server not found', message: `No server found with identifier: ${id}`, status: 404 }, 404, noStore) };
  }

  return new Hono()
    .use('/summary', requireReadAccess(deps))
    .use('/lastbackup/*', requireReadAccess(deps))
    .use('/lastbackups/*', requireReadAccess(deps))
    .get('/summary', async (c) => {
      const s = await summarize(db);
      const now = deps.clock().getTime();
      return c.json(
        {
          totalServers: s.totalServers,
          totalBackupsRuns: s.totalBackupsRuns,
          totalBackups: s.totalBackups,
          totalUploadedSize: s.totalUploadedSize,
          totalStorageUsed: s.totalStorageUsed,
          totalBackupSize: s.totalBackupSize,
          overdueBackupsCount: await overdueJobCount(db),
          secondsSinceLastBackup: s.lastBackupAt ? Math.max(0, Math.floor((now - Date.parse(s.lastBackupAt)) / 1000)) : null,
        },
        200,
        noStore,
      );
    })
    .get('/lastbackup/:server', async (c) => {
      const found = await lookup(c);
      if (!found.server) return found.response;
      const latest = (await latestRunsOfServer(db, found.server.id))
        .filter((e) => e.run)
        .sort((a, b) => b.run!.beginTime.localeCompare(a.run!.beginTime))[0];
      return c.json(
        {
          server: toDuplistatusServer(found.server, latest?.job),
          latest_backup: latest?.run ? toDuplistatusBackup(latest.run) : null,
          status: 200,
        },
        200,
        noStore,
      );
    })
    .get('/lastbackups/:server', async (c) => {
      const found = await lookup(c);
      if (!found.server) return found.response;
      const entries = await latestRunsOfServer(db, found.server.id);
      const withRuns = entries.filter((e) => e.run);
      return c.json(
        {
          server: toDuplistatusServer(found.server, undefined),
          latest_backups: withRuns.map((e) => toDuplistatusBackup(e.run!)),
          backup_jobs_count: entries.length,
          backup_names: entries.map((e) => e.job.name),
          status: 200,
        },
        200,
        noStore,
      );
    });
}
