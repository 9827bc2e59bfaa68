import { useEffect, useState } from 'preact/hooks';

export type PushSubscribeProps = {
  messages: Record<'enable' | 'disable' | 'enabled' | 'disabled' | 'unsupported' | 'denied' | 'events' | 'failed' | 'save' | 'saved' | 'filterAll' | 'filterWarnings' | 'filterErrors' | 'filterOff', string>;
};

type Saved = { id: number; events: string };

const b64ToBytes = (b64: string) => Uint8Array.from(atob(b64.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  if (!res.ok) throw new Error(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${res.status}`);
  return res.json();
}

/** Subscribes this browser to web push (per device), with the events it wants; or unsubscribes it. */
export default function PushSubscribe({ messages: m }: PushSubscribeProps) {
  const [supported, setSupported] = useState(true);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [events, setEvents] = useState('warnings');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) {
      setSupported(false);
      return;
    }
    void (async () => {
      const reg = await navigator.serviceWorker.ready;
      const sub = await reg.pushManager.getSubscription();
      if (!sub) return;
      const { subscriptions } = (await api('GET', '/api/notify/push/subscriptions')) as { subscriptions: (Saved & { endpoint: string })[] };
      const mine = subscriptions.find((s) => s.endpoint === sub.endpoint);
      if (mine) {
        setSaved(mine);
        setEvents(mine.events);
      }
    })().catch((err: Error) => setStatus(`${m.failed} ${err.message}`));
  }, []);

  async function enable() {
    setBusy(true);
    setStatus('');
    try {
      if ((await Notification.requestPermission()) !== 'granted') throw new Error(m.denied);
      const { publicKey } = (await api('GET', '/api/notify/push/key')) as { publicKey: string };
      const reg = await navigator.serviceWorker.ready;
      const sub = (await reg.pushManager.getSubscription()) ?? (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: b64ToBytes(publicKey) }));
      const json = sub.toJSON() as { endpoint: string; keys: { p256dh: string; auth: string } };
      const { subscription } = (await api('POST', '/api/notify/push/subscriptions', { endpoint: json.endpoint, keys: json.keys, label: navigator.userAgent.slice(0, 100), events })) as { subscription: Saved };
      setSaved(subscription);
      setStatus(m.enabled);
    } catch (err) {
      setStatus(`${m.failed} ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  async function disable() {
    if (!saved) return;
    setBusy(true);
    try {
      const sub = await (await navigator.serviceWorker.ready).pushManager.getSubscription();
      await sub?.unsubscribe();
      await api('DELETE', `/api/notify/push/subscriptions/${saved.id}`);
      setSaved(null);
      setStatus(m.disabled);
    } catch (err) {
      setStatus(`${m.failed} ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  async function save() {
    if (!saved) return;
    try {
      await api('PUT', `/api/notify/push/subscriptions/${saved.id}`, { events });
      setStatus(m.saved);
    } catch (err) {
      setStatus(`${m.failed} ${(err as Error).message}`);
    }
  }

  if (!supported) return <p class="muted">{m.unsupported}</p>;
  return (
    <div class="push-subscribe">
      <label>
        {m.events}{' '}
        <select value={events} onChange={(e) => setEvents((e.target as HTMLSelectElement).value)}>
          <option value="all">{m.filterAll}</option>
          <option value="warnings">{m.filterWarnings}</option>
          <option value="errors">{m.filterErrors}</option>
          <option value="off">{m.filterOff}</option>
        </select>
      </label>{' '}
      {saved ? (
        <>
          <button type="button" class="button" onClick={save} disabled={busy}>{m.save}</button>{' '}
          <button type="button" class="button" onClick={disable} disabled={busy}>{m.disable}</button>
        </>
      ) : (
        <button type="button" class="button" onClick={enable} disabled={busy}>{m.enable}</button>
      )}
      <p role="status" aria-live="polite">{status}</p>
    </div>
  );
}
