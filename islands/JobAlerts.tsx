import { useEffect, useState } from 'preact/hooks';

type Keys = 'title' | 'job' | 'server' | 'state' | 'schedule' | 'due' | 'events' | 'paused' | 'inherit' | 'checkNow' | 'checked' | 'saved' | 'failed' | 'none'
  | 'filterAll' | 'filterWarnings' | 'filterErrors' | 'filterOff' | 'learned' | 'user' | 'duplicati';

export type JobAlertsProps = { messages: Record<Keys, string> };

type JobRow = { jobId: number; name: string; server: string; state: string; scheduleSource: string | null; nextDueAt: string | null };
type Own = { events?: string | null; paused?: boolean | null };

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const json = (await res.json().catch(() => ({}))) as Record<string, any>;
  if (!res.ok) throw new Error(json.error ?? `HTTP ${res.status}`);
  return json;
}

/** Admins: every job's monitoring state, and per job which events alert and whether it is paused. */
export default function JobAlerts({ messages: m }: JobAlertsProps) {
  const [jobs, setJobs] = useState<JobRow[]>([]);
  const [own, setOwn] = useState<Record<number, Own>>({});
  const [status, setStatus] = useState('');

  async function load() {
    const { jobs: rows } = (await api('GET', '/api/monitor/jobs')) as { jobs: JobRow[] };
    setJobs(rows);
    const entries = await Promise.all(rows.map(async (j) => [j.jobId, ((await api('GET', `/api/monitor/settings/job/${j.jobId}`)) as { settings: Own }).settings] as const));
    setOwn(Object.fromEntries(entries));
  }
  useEffect(() => void load().catch((e: Error) => setStatus(`${m.failed} ${e.message}`)), []);

  async function save(jobId: number, change: Own, done = m.saved) {
    try {
      await api('PUT', `/api/monitor/settings/job/${jobId}`, change);
      await load();
      setStatus(done);
    } catch (err) {
      setStatus(`${m.failed} ${(err as Error).message}`);
    }
  }

  const source = (s: string | null) => (s === 'learned' ? m.learned : s === 'user' ? m.user : s === 'duplicati' ? m.duplicati : '—');

  return (
    <section class="panel">
      <h2>{m.title}</h2>
      <p>
        <button type="button" class="button" onClick={() => void api('POST', '/api/monitor/check').then(() => load()).then(() => setStatus(m.checked)).catch((e: Error) => setStatus(`${m.failed} ${e.message}`))}>{m.checkNow}</button>
      </p>
      <p role="status" aria-live="polite">{status}</p>
      {jobs.length === 0 ? <p class="empty">{m.none}</p> : (
        <div class="table-wrap">
          <table>
            <thead><tr><th>{m.job}</th><th>{m.server}</th><th>{m.state}</th><th>{m.schedule}</th><th>{m.due}</th><th>{m.events}</th><th>{m.paused}</th></tr></thead>
            <tbody>
              {jobs.map((j) => (
                <tr key={j.jobId}>
                  <td><a href={`/jobs/${j.jobId}`}>{j.name}</a></td>
                  <td>{j.server}</td>
                  <td>{j.state}</td>
                  <td>{source(j.scheduleSource)}</td>
                  <td>{j.nextDueAt ? new Date(j.nextDueAt).toLocaleString() : '—'}</td>
                  <td>
                    <select aria-label={`${m.events}: ${j.name}`} value={own[j.jobId]?.events ?? ''} onChange={(e) => void save(j.jobId, { events: (e.target as HTMLSelectElement).value || null })}>
                      <option value="">{m.inherit}</option>
                      <option value="all">{m.filterAll}</option>
                      <option value="warnings">{m.filterWarnings}</option>
                      <option value="errors">{m.filterErrors}</option>
                      <option value="off">{m.filterOff}</option>
                    </select>
                  </td>
                  <td>
                    <input type="checkbox" aria-label={`${m.paused}: ${j.name}`} checked={own[j.jobId]?.paused === true} onChange={(e) => void save(j.jobId, { paused: (e.target as HTMLInputElement).checked ? true : null })} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
