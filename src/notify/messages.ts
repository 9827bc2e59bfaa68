import type { MonitorEventKind } from '../db/schema/index';

export type NotifyLanguage = 'en' | 'fr';
export const NOTIFY_LANGUAGES: NotifyLanguage[] = ['en', 'fr'];
export type EventTemplate = { title: string; body: string };
export type EventTemplates = Record<MonitorEventKind, EventTemplate>;

const RUN_BODY_EN = [
  'Backup {backup_name} on {server_alias} finished with {status} on {backup_date} after {duration}.',
  'Uploaded {uploaded_size}, storage used {storage_size}, {file_count} files ({file_size}), {available_versions} versions.',
  'Warnings: {warnings_count}, errors: {errors_count}.',
  '{log_text}',
].join('\n');

const RUN_BODY_FR = [
  'La sauvegarde {backup_name} sur {server_alias} s’est terminée avec le statut {status} le {backup_date} après {duration}.',
  'Envoyé : {uploaded_size}, stockage utilisé : {storage_size}, {file_count} fichiers ({file_size}), {available_versions} versions.',
  'Avertissements : {warnings_count}, erreurs : {errors_count}.',
  '{log_text}',
].join('\n');

/** A finished run's three outcomes share duplistatus' titles in every language; only the body is translated. */
function runOutcomes(body: string): Pick<EventTemplates, 'success' | 'warning' | 'failed'> {
  return {
    success: { title: '✅ {status} - {backup_name} @ {server_alias}', body },
    warning: { title: '⚠️ {status} - {backup_name} @ {server_alias}', body },
    failed: { title: '❌ {status} - {backup_name} @ {server_alias}', body },
  };
}

/**
 * Default templates per event, duplistatus' wording where it has one. `{name}` variables are
 * listed in docs and in the settings page; unknown names stay literal.
 */
export const DEFAULT_TEMPLATES: Record<NotifyLanguage, EventTemplates> = {
  en: {
    ...runOutcomes(RUN_BODY_EN),
    overdue: {
      title: '🕑 Overdue - {backup_name} @ {server_alias}',
      body: [
        'Backup {backup_name} on {server_alias} was expected on {expected_date} ({expected_elapsed}) and has not run.',
        'Last backup: {last_backup_date} ({last_elapsed}). Schedule: {backup_interval}, tolerance {overdue_tolerance}.',
      ].join('\n'),
    },
    recovered: {
      title: '✅ Recovered - {backup_name} @ {server_alias}',
      body: 'Backup {backup_name} on {server_alias} is fine again: {status} on {backup_date} after {duration}.',
    },
  },
  fr: {
    ...runOutcomes(RUN_BODY_FR),
    overdue: {
      title: '🕑 En retard - {backup_name} @ {server_alias}',
      body: [
        'La sauvegarde {backup_name} sur {server_alias} était attendue le {expected_date} ({expected_elapsed}) et n’a pas eu lieu.',
        'Dernière sauvegarde : {last_backup_date} ({last_elapsed}). Planification : {backup_interval}, tolérance {overdue_tolerance}.',
      ].join('\n'),
    },
    recovered: {
      title: '✅ Rétablie - {backup_name} @ {server_alias}',
      body: 'La sauvegarde {backup_name} sur {server_alias} fonctionne à nouveau : {status} le {backup_date} après {duration}.',
    },
  },
};

/** Words templates need that are not variables. */
export const PHRASES: Record<NotifyLanguage, { reminder: string; more: (n: number) => string; never: string; test: string }> = {
  en: { reminder: 'Reminder: ', more: (n) => `… and ${n} more lines`, never: 'never', test: 'Test notification from Backwatch' },
  fr: { reminder: 'Rappel : ', more: (n) => `… et ${n} lignes de plus`, never: 'jamais', test: 'Notification de test de Backwatch' },
};
