import type { MonitorEventKind } from '../db/schema/index';
import type { EventDetails } from '../monitor/event-details';
import { formatBytes, formatDateTime, formatDuration, formatNumber, formatRelative } from '../ui/format';
import { en } from '../ui/i18n/en';
import { t as translate, type MessageKey } from '../ui/i18n/index';
import type { NotifyLanguage } from './messages';

export type ServerFacts = { name: string; alias: string; note: string; url: string };
export type Locale = { language: NotifyLanguage; timeZone: string };

const TAGS: Record<NotifyLanguage, string> = { en: 'en-GB', fr: 'fr-FR' };

function status(language: NotifyLanguage, value: string): string {
  const key = `status.${value}`;
  return Object.hasOwn(en, key) ? translate(language, key as MessageKey) : value;
}

/**
 * Template variables for an event, with duplistatus' names (see DUPLISTATUS-COMPAT.md) plus
 * ours (`event`, `job_url`, `schedule_source`). `log_text` is left out: each channel caps it.
 */
export function eventVariables(kind: MonitorEventKind, d: EventDetails, server: ServerFacts, jobUrl: string | null, loc: Locale, now: Date): Record<string, string> {
  const tag = TAGS[loc.language];
  const when = (iso: string | null) => (iso ? formatDateTime(tag, iso, loc.timeZone) : '—');
  const ago = (iso: string | null) => (iso ? formatRelative(tag, iso, now) : '—');
  const vars: Record<string, string> = {
    event: kind,
    server_name: server.name,
    server_alias: server.alias ? `${server.alias} (${server.name})` : server.name,
    server_note: server.note,
    server_url: server.url,
    backup_name: d.backupName,
    job_url: jobUrl ?? '',
    schedule_source: d.scheduleSource ?? '',
    last_backup_date: when(d.lastRunAt),
    last_elapsed: ago(d.lastRunAt),
    expected_date: when(d.nextDueAt),
    expected_elapsed: ago(d.nextDueAt),
    backup_interval: d.schedule ?? '—',
    overdue_tolerance: formatDuration(tag, d.graceSeconds),
  };
  const r = d.run;
  if (r) {
    Object.assign(vars, {
      status: status(loc.language, r.status),
      backup_date: when(r.beginTime),
      duration: formatDuration(tag, r.durationSeconds),
      uploaded_size: formatBytes(tag, r.bytesUploaded),
      storage_size: formatBytes(tag, r.knownFileSize),
      file_size: formatBytes(tag, r.sizeOfExaminedFiles),
      available_versions: formatNumber(tag, r.availableVersions),
      file_count: formatNumber(tag, r.examinedFiles),
      messages_count: formatNumber(tag, r.messagesCount),
      warnings_count: formatNumber(tag, r.warningsCount),
      errors_count: formatNumber(tag, r.errorsCount),
    });
  }
  return vars;
}
