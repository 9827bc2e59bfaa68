import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import { backupRuns, jobs, monitors, notifyChannels, servers } from '../db/schema/index';
import { GLOBAL_SCOPE, scopeSettings } from '../monitor/settings';
import { formatDateTime } from '../ui/format';
import { t } from '../ui/i18n/index';
import type { Message } from './channels/channel';
import { attemptDelivery, type NotifyDeps } from './deliver';
import { loadTemplateSettings } from './templates';

const LISTED = 50;

/**
 * The daily summary e-mail (when the global digest setting is on): runs in the last 24 hours,
 * jobs per state, and every failed or overdue job. Sent to each enabled e-mail channel.
 */
export async function sendDailyDigest(deps: NotifyDeps, now: Date): Promise<Record<string, number>> {
  const { db } = deps.store;
  const global = await scopeSettings(db, GLOBAL_SCOPE);
  if (!global?.digest) return { skipped: 1 };
  const channels = await db.select().from(notifyChannels).where(and(eq(notifyChannels.kind, 'email'), eq(notifyChannels.enabled, true)));
  if (channels.length === 0) return { skipped: 1 };
  const since = new Date(now.getTime() - 86_400_000).toISOString();
  const runs = await db.$count(backupRuns, gte(backupRuns.beginTime, since));
  const states = await db.select({ state: monitors.state, n: sql<number>`count(*)` }).from(monitors).groupBy(monitors.state);
  const attention = await db
    .select({ job: jobs.name, server: servers.name, alias: servers.alias, state: monitors.state, since: monitors.stateSince })
    .from(monitors)
    .innerJoin(jobs, eq(jobs.id, monitors.jobId))
    .innerJoin(servers, eq(servers.id, monitors.serverId))
    .where(inArray(monitors.state, ['failed', 'overdue']))
    .orderBy(monitors.stateSince)
    .limit(LISTED);
  const { language } = await loadTemplateSettings(db);
  const tz = global.timeZone ?? 'UTC';
  const fr = language === 'fr';
  const stateLine = states.map((s) => `${s.state}: ${s.n}`).join(', ') || '—';
  const lines = [
    fr ? `Exécutions sur les dernières 24 heures : ${runs}` : `Runs in the last 24 hours: ${runs}`,
    fr ? `Tâches par état : ${stateLine}` : `Jobs by state: ${stateLine}`,
    '',
    ...(attention.length
      ? [fr ? 'À surveiller :' : 'Needs attention:', ...attention.map((a) => `- ${a.job} @ ${a.alias || a.server}: ${a.state === 'overdue' ? t(language, 'status.overdue') : t(language, 'status.Error')} (${formatDateTime(fr ? 'fr-FR' : 'en-GB', a.since, tz)})`)]
      : [fr ? 'Toutes les sauvegardes vont bien.' : 'All backups are fine.']),
  ];
  const message: Message = {
    kind: 'digest',
    reminder: false,
    test: false,
    title: fr ? `Backwatch : résumé du ${formatDateTime('fr-FR', now, tz)}` : `Backwatch: summary for ${formatDateTime('en-GB', now, tz)}`,
    body: lines.join('\n'),
    vars: {},
    url: deps.config.publicUrl ?? null,
    tag: 'digest',
    jobId: null,
  };
  let sent = 0;
  let failed = 0;
  for (const channel of channels) {
    const result = await attemptDelivery(deps, channel, message, { fetch: deps.fetch ?? fetch, sendMail: deps.sendMail }, `digest:${now.toISOString().slice(0, 10)}`, now);
    if (result.error) failed++;
    else sent++;
  }
  return { runs, attention: attention.length, sent, failed };
}
