import { useEffect, useState } from 'preact/hooks';

type Keys =
  | 'channels' | 'addChannel' | 'kind' | 'name' | 'secret' | 'secretKept' | 'create' | 'test' | 'delete' | 'enabled' | 'options' | 'none' | 'failed' | 'sent'
  | 'monitoring' | 'interval' | 'cron' | 'timeZone' | 'grace' | 'events' | 'reminder' | 'digest' | 'save' | 'saved'
  | 'preview' | 'event' | 'language' | 'show'
  | 'filterAll' | 'filterWarnings' | 'filterErrors' | 'filterOff' | 'never' | 'daily' | 'weekly';

/** One config field of a channel kind; `unavailable` ones (not honoured on this runtime) can only be turned off, and `hint` says why. */
export type NotifySettingsField = { name: string; label: string; type?: 'number' | 'list' | 'security' | 'boolean'; hint?: string; unavailable?: boolean };

export type NotifySettingsProps = {
  messages: Record<Keys, string>;
  /** Config fields per channel kind, with the secret's label. */
  kinds: Record<string, { fields: NotifySettingsField[]; secret: string | null }>;
  global: { interval: string | null; cron: string | null; timeZone: string | null; graceSeconds: number | null; events: string | null; reminder: string | null; digest: boolean | null };
};

type Channel = { id: number; kind: string; name: string; enabled: boolean; config: Record<string, unknown>; hasSecret: boolean };

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const json = (await res.json().catch(() => ({}))) as Record<string, any>;
  if (!res.ok) throw new Error([json.error, ...(json.issues ?? [])].filter(Boolean).join(' ') || `HTTP ${res.status}`);
  return json;
}

const value = (form: HTMLFormElement, name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? '';

/** Admin settings: notification channels with "send test", monitoring defaults, and a template preview. */
export default function NotifySettings({ messages: m, kinds, global }: NotifySettingsProps) {
  const [channels, setChannels] = useState<Channel[]>([]);
  const [kind, setKind] = useState(Object.keys(kinds)[0]!);
  const [status, setStatus] = useState('');
  const [preview, setPreview] = useState<{ title: string; body: string } | null>(null);

  const load = () => api('GET', '/api/notify/channels').then((r) => setChannels(r.channels as Channel[])).catch((e: Error) => setStatus(`${m.failed} ${e.message}`));
  useEffect(() => void load(), []);

  async function run(action: () => Promise<unknown>, done: string) {
    setStatus('');
    try {
      await action();
      setStatus(done);
      await load();
    } catch (err) {
      setStatus(`${m.failed} ${(err as Error).message}`);
    }
  }

  function create(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const config: Record<string, unknown> = {};
    for (const f of kinds[kind]!.fields) {
      if (f.type === 'boolean') {
        const box = form.elements.namedItem(f.name) as HTMLInputElement;
        if (!box.disabled) config[f.name] = box.checked;
        continue;
      }
      const v = value(form, f.name);
      if (v === '') continue;
      config[f.name] = f.type === 'number' ? Number(v) : f.type === 'list' ? v.split(/[,\s]+/).filter(Boolean) : v;
    }
    const secret = value(form, 'secret');
    void run(() => api('POST', '/api/notify/channels', { kind, name: value(form, 'name'), config, ...(secret ? { secret } : {}) }).then(() => form.reset()), m.saved);
  }

  function saveGlobal(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const orNull = (name: string) => value(form, name) || null;
    const grace = value(form, 'graceMinutes');
    void run(
      () =>
        api('PUT', '/api/monitor/settings/global', {
          interval: orNull('interval'),
          cron: orNull('cron'),
          timeZone: orNull('timeZone'),
          graceSeconds: grace ? Math.round(Number(grace) * 60) : null,
          events: orNull('events'),
          reminder: orNull('reminder'),
          digest: (form.elements.namedItem('digest') as HTMLInputElement).checked,
        }),
      m.saved,
    );
  }

  function showPreview(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    api('POST', '/api/notify/preview', { kind: value(form, 'event'), language: value(form, 'language') })
      .then((r) => setPreview({ title: r.title as string, body: r.body as string }))
      .catch((err: Error) => setStatus(`${m.failed} ${err.message}`));
  }

  return (
    <div class="notify-settings">
      <p role="status" aria-live="polite">{status}</p>
      <section class="panel">
        <h2>{m.channels}</h2>
        {channels.length === 0 ? <p class="empty">{m.none}</p> : (
          <div class="table-wrap">
            <table>
              <thead><tr><th>{m.name}</th><th>{m.kind}</th><th>{m.enabled}</th><th>{m.options}</th><th>{m.secret}</th><th /></tr></thead>
              <tbody>
                {channels.map((c) => (
                  <tr key={c.id}>
                    <td>{c.name}</td>
                    <td>{c.kind}</td>
                    <td>
                      <input type="checkbox" aria-label={`${m.enabled}: ${c.name}`} checked={c.enabled} onChange={(e) => void run(() => api('PUT', `/api/notify/channels/${c.id}`, { enabled: (e.target as HTMLInputElement).checked }), m.saved)} />
                    </td>
                    <td>
                      {(kinds[c.kind]?.fields ?? []).filter((f) => f.type === 'boolean').map((f) => {
                        const on = c.config[f.name] === true;
                        const save = (e: Event) => {
                          const config = { ...c.config, [f.name]: (e.target as HTMLInputElement).checked };
                          // Shown at once: re-rendering the old value until the list reloads would flip the box back.
                          setChannels((list) => list.map((x) => (x.id === c.id ? { ...x, config } : x)));
                          void run(() => api('PUT', `/api/notify/channels/${c.id}`, { config }), m.saved);
                        };
                        return (
                          <label key={f.name} title={f.hint}>
                            <input type="checkbox" aria-label={`${f.label}: ${c.name}`} checked={on} disabled={f.unavailable && !on} onChange={save} /> {f.label}
                          </label>
                        );
                      })}
                    </td>
                    <td>{c.hasSecret ? m.secretKept : '—'}</td>
                    <td>
                      <button type="button" class="button" onClick={() => void run(() => api('POST', `/api/notify/channels/${c.id}/test`), m.sent)}>{m.test}</button>{' '}
                      {c.kind !== 'webpush' && <button type="button" class="button" onClick={() => void run(() => api('DELETE', `/api/notify/channels/${c.id}`), m.saved)}>{m.delete}</button>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>{m.addChannel}</h3>
        <form class="settings-form" onSubmit={create}>
          <fieldset>
          <label>{m.kind} <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>{Object.keys(kinds).map((k) => <option value={k}>{k}</option>)}</select></label>
          <label>{m.name} <input name="name" required maxLength={100} /></label>
          {kinds[kind]!.fields.map((f) => f.type === 'boolean' ? (
            <div key={`${kind}-${f.name}`}>
              <label class="check"><input name={f.name} type="checkbox" disabled={f.unavailable} aria-describedby={f.hint ? `hint-${kind}-${f.name}` : undefined} /> {f.label}</label>
              {f.hint && <small id={`hint-${kind}-${f.name}`} class="muted">{f.hint}</small>}
            </div>
          ) : (
            <label key={`${kind}-${f.name}`}>
              {f.label}{' '}
              {f.type === 'security' ? (
                <select name={f.name}><option value="starttls">STARTTLS</option><option value="tls">TLS</option><option value="none">none</option></select>
              ) : (
                f.type === 'number' ? <input name={f.name} type="number" /> : <input name={f.name} type="text" />
              )}
            </label>
          ))}
          {kinds[kind]!.secret && <label>{kinds[kind]!.secret} <input name="secret" type="password" autocomplete="new-password" /></label>}
          </fieldset>
          <button class="button" type="submit">{m.create}</button>
        </form>
      </section>

      <section class="panel">
        <h2>{m.monitoring}</h2>
        <form class="settings-form" onSubmit={saveGlobal}>
          <fieldset>
          <label>{m.interval} <input name="interval" placeholder="1D" value={global.interval ?? ''} /></label>
          <label>{m.cron} <input name="cron" placeholder="0 2 * * *" value={global.cron ?? ''} /></label>
          <label>{m.timeZone} <input name="timeZone" placeholder="Europe/Paris" value={global.timeZone ?? ''} /></label>
          <label>{m.grace} <input name="graceMinutes" type="number" min="0" value={global.graceSeconds === null ? '' : String(global.graceSeconds / 60)} /></label>
          <label>{m.events} <select name="events" value={global.events ?? ''}><option value="" /><option value="all">{m.filterAll}</option><option value="warnings">{m.filterWarnings}</option><option value="errors">{m.filterErrors}</option><option value="off">{m.filterOff}</option></select></label>
          <label>{m.reminder} <select name="reminder" value={global.reminder ?? ''}><option value="" /><option value="never">{m.never}</option><option value="daily">{m.daily}</option><option value="weekly">{m.weekly}</option></select></label>
          <label class="check"><input name="digest" type="checkbox" checked={global.digest ?? false} /> {m.digest}</label>
          </fieldset>
          <button class="button" type="submit">{m.save}</button>
        </form>
      </section>

      <section class="panel">
        <h2>{m.preview}</h2>
        <form class="settings-form" onSubmit={showPreview}>
          <fieldset>
          <label>{m.event} <select name="event">{['failed', 'warning', 'overdue', 'recovered', 'success'].map((k) => <option value={k}>{k}</option>)}</select></label>
          <label>{m.language} <select name="language"><option value="en">English</option><option value="fr">Français</option></select></label>
          </fieldset>
          <button class="button" type="submit">{m.show}</button>
        </form>
        {preview && (
          <div class="preview">
            <h3>{preview.title}</h3>
            <pre>{preview.body}</pre>
          </div>
        )}
      </section>
    </div>
  );
}
