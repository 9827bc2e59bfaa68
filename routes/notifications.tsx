import type { Context } from 'hono';
import type { AppDeps } from '../src/deps';
import { GLOBAL_SCOPE, scopeSettings } from '../src/monitor/settings';
import { CHANNELS } from '../src/notify/channels/index';
import { messagesFor, type MessageKey } from '../src/ui/i18n/index';
import { Island } from '../src/ui/island';
import { renderPage } from '../src/ui/page';
import NotifySettings, { type NotifySettingsField, type NotifySettingsProps } from '../islands/NotifySettings';
import PushSubscribe from '../islands/PushSubscribe';
import JobAlerts from '../islands/JobAlerts';

type Field = {
  name: string;
  type?: NotifySettingsField['type'];
  hint?: MessageKey;
  /** When this runtime cannot honour the field, and the hint that says why (the form shows it off). */
  unavailable?: { when: (deps: AppDeps) => boolean; hint: MessageKey };
};

/** The settings form's fields per channel kind; the channel's zod schema still validates them at the API. */
const FIELDS: Record<string, Field[]> = {
  email: [
    { name: 'host' }, { name: 'port', type: 'number' }, { name: 'security', type: 'security' },
    {
      name: 'allowSelfSigned', type: 'boolean', hint: 'notify.field.allowSelfSigned.hint',
      unavailable: { when: (deps) => deps.sendMail?.allowsSelfSigned === false, hint: 'notify.field.allowSelfSigned.workers' },
    },
    { name: 'username' }, { name: 'fromName' }, { name: 'fromAddress' }, { name: 'recipients', type: 'list' },
  ],
  ntfy: [{ name: 'serverUrl' }, { name: 'topic' }],
  webhook: [{ name: 'url' }],
};

/** GET /notifications: this device's push subscription for everyone; channels, monitoring defaults and preview for admins. */
export function notificationsPage(deps: AppDeps) {
  return async (c: Context) => {
    const global = (await scopeSettings(deps.store.db, GLOBAL_SCOPE)) ?? null;
    return renderPage(c, deps, (page) => {
      const t = page.t;
      const m = <const K extends readonly MessageKey[]>(keys: K) => messagesFor(page.locale, keys);
      const push = m(['notify.push.enable', 'notify.push.disable', 'notify.push.enabled', 'notify.push.disabled', 'notify.push.unsupported', 'notify.push.denied', 'notify.events', 'notify.failed', 'notify.save', 'notify.saved', 'notify.filter.all', 'notify.filter.warnings', 'notify.filter.errors', 'notify.filter.off']);
      const isAdmin = page.user?.role === 'admin';
      const kinds: NotifySettingsProps['kinds'] = Object.fromEntries(
        Object.entries(FIELDS).map(([kind, fields]) => [
          kind,
          {
            fields: fields.map(({ unavailable, hint, ...f }): NotifySettingsField => {
              const off = unavailable?.when(deps) ?? false;
              const why = off ? unavailable!.hint : hint;
              return { ...f, label: t(`notify.field.${f.name}` as MessageKey), ...(why ? { hint: t(why) } : {}), ...(off ? { unavailable: true } : {}) };
            }),
            secret: CHANNELS[kind]?.secret ? t(`notify.field.${CHANNELS[kind]!.secret!.name}` as MessageKey) : null,
          },
        ]),
      );
      const s = m(['notify.channels', 'notify.addChannel', 'notify.kind', 'notify.name', 'notify.secret', 'notify.secretKept', 'notify.create', 'notify.test', 'notify.delete', 'notify.enabled', 'notify.options', 'notify.none', 'notify.failed', 'notify.sent', 'notify.monitoring', 'notify.interval', 'notify.cron', 'notify.timeZone', 'notify.grace', 'notify.events', 'notify.reminder', 'notify.digest', 'notify.save', 'notify.saved', 'notify.preview', 'notify.event', 'notify.language', 'notify.show', 'notify.filter.all', 'notify.filter.warnings', 'notify.filter.errors', 'notify.filter.off', 'notify.never', 'notify.daily', 'notify.weekly']);
      return {
        title: t('notify.title'),
        body: (
          <>
            <section class="panel">
              <h2>{t('notify.device')}</h2>
              <p class="muted">{t('notify.deviceHint')}</p>
              <Island
                name="PushSubscribe"
                component={PushSubscribe}
                props={{
                  messages: {
                    enable: push['notify.push.enable'], disable: push['notify.push.disable'], enabled: push['notify.push.enabled'], disabled: push['notify.push.disabled'],
                    unsupported: push['notify.push.unsupported'], denied: push['notify.push.denied'], events: push['notify.events'], failed: push['notify.failed'],
                    save: push['notify.save'], saved: push['notify.saved'], filterAll: push['notify.filter.all'], filterWarnings: push['notify.filter.warnings'],
                    filterErrors: push['notify.filter.errors'], filterOff: push['notify.filter.off'],
                  },
                }}
              />
            </section>
            {isAdmin && (
              <Island
                name="JobAlerts"
                component={JobAlerts}
                props={{
                  messages: {
                    title: t('notify.jobs.title'), job: t('notify.jobs.job'), server: t('notify.jobs.server'), state: t('notify.jobs.state'), schedule: t('notify.jobs.schedule'),
                    due: t('notify.jobs.due'), events: t('notify.events'), paused: t('notify.jobs.paused'), inherit: t('notify.jobs.inherit'), checkNow: t('notify.jobs.checkNow'),
                    checked: t('notify.jobs.checked'), saved: t('notify.saved'), failed: t('notify.failed'), none: t('notify.jobs.none'), filterAll: t('notify.filter.all'),
                    filterWarnings: t('notify.filter.warnings'), filterErrors: t('notify.filter.errors'), filterOff: t('notify.filter.off'), learned: t('notify.jobs.learned'),
                    user: t('notify.jobs.user'), duplicati: t('notify.jobs.duplicati'),
                  },
                }}
              />
            )}
            {isAdmin && (
              <Island
                name="NotifySettings"
                component={NotifySettings}
                props={{
                  kinds,
                  global: {
                    interval: global?.interval ?? null, cron: global?.cron ?? null, timeZone: global?.timeZone ?? null, graceSeconds: global?.graceSeconds ?? null,
                    events: global?.events ?? null, reminder: global?.reminder ?? null, digest: global?.digest ?? null,
                  },
                  messages: {
                    channels: s['notify.channels'], addChannel: s['notify.addChannel'], kind: s['notify.kind'], name: s['notify.name'], secret: s['notify.secret'],
                    secretKept: s['notify.secretKept'], create: s['notify.create'], test: s['notify.test'], delete: s['notify.delete'], enabled: s['notify.enabled'], options: s['notify.options'],
                    none: s['notify.none'], failed: s['notify.failed'], sent: s['notify.sent'], monitoring: s['notify.monitoring'], interval: s['notify.interval'],
                    cron: s['notify.cron'], timeZone: s['notify.timeZone'], grace: s['notify.grace'], events: s['notify.events'], reminder: s['notify.reminder'],
                    digest: s['notify.digest'], save: s['notify.save'], saved: s['notify.saved'], preview: s['notify.preview'], event: s['notify.event'],
                    language: s['notify.language'], show: s['notify.show'], filterAll: s['notify.filter.all'], filterWarnings: s['notify.filter.warnings'],
                    filterErrors: s['notify.filter.errors'], filterOff: s['notify.filter.off'], never: s['notify.never'], daily: s['notify.daily'], weekly: s['notify.weekly'],
                  },
                }}
              />
            )}
          </>
        ),
      };
    });
  };
}
