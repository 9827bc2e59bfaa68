import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, upload } from '../support/test-app';
import { fixtureNames, fixtureText } from '../support/fixtures';
import { loginAs } from '../support/auth';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;
let t: TestApp;
let cookie: string;

const get = (path: string, headers: Record<string, string> = {}) => t.app.request(path, { headers: { cookie, ...headers } });

beforeEach(async () => {
  t = await createTestApp();
  for (const name of fixtureNames('duplicati')) await upload(t.app, fixtureText(name));
  await t.settle();
  cookie = await loginAs(t, 'user');
});
afterEach(() => t.close());

describe('dashboard data for auto-refresh', () => {
  it('answers 304 to the current ETag and new data after a new run', async () => {
    const first = await get('/api/ui/dashboard');
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    const body = (await first.json()) as { jobs: { name: string; history: unknown[] }[] };
    expect(body.jobs.map((j) => j.name).sort()).toEqual(['Büro-Dokumente', 'Documents', 'Photos']);

    const unchanged = await get('/api/ui/dashboard', { 'if-none-match': etag });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');

    const report = JSON.parse(fixtureText('duplicati/01-backup-success-2.1.json'));
    report.Data.BeginTime = '2026-01-15T11:00:00.0000000Z';
    report.Data.EndTime = '2026-01-15T11:05:00.0000000Z';
    expect((await upload(t.app, report)).status).toBe(200);
    await t.settle();
    const changed = await get('/api/ui/dashboard', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('is private: an anonymous request gets 401', async () => {
    expect((await t.app.request('/api/ui/dashboard')).status).toBe(401);
  });
});

describe('dashboard page and its view for the island', () => {
  const cardNames = (html: string) => [...html.matchAll(/<li class="card[^"]*" data-job="\d+"( hidden)?><h3><a [^>]*>([^<]+)</g)].map((m) => `${m[2]}${m[1] ? ' (hidden)' : ''}`);

  it('renders every job on the server, the ones outside the filter in the URL hidden after the others', async () => {
    const html = await (await get('/?status=problems')).text();
    const names = cardNames(html);
    expect(names[0]).toBe('Documents');
    expect(names.slice(1).sort()).toEqual(['Büro-Dokumente (hidden)', 'Photos (hidden)']);
    // The island gets what filtering needs, not the history strips.
    const props = JSON.parse(/<script type="application\/json" id="island-props-1">([\s\S]*?)<\/script>/.exec(html)![1]!);
    expect(props.state.facts).toHaveLength(3);
    expect(JSON.stringify(props)).not.toContain('history');
  });

  it('sends the tiles and jobs as server HTML in the layout and language asked for, 304 while nothing changed', async () => {
    const res = await get('/api/ui/dashboard/view?layout=table&q=photo', { 'accept-language': 'fr' });
    expect(res.status).toBe(200);
    const view = (await res.json()) as { version: string; facts: unknown[]; tilesHtml: string; jobsHtml: string };
    expect(view.facts).toHaveLength(3);
    expect(view.tilesHtml).toContain('Serveurs');
    expect(view.jobsHtml).toMatch(/^<div class="table-wrap"><table class="jobs-table">/);
    expect([...view.jobsHtml.matchAll(/<tr data-job="\d+"( hidden)?>/g)].map((m) => Boolean(m[1]))).toEqual([false, true, true]);

    const unchanged = await get('/api/ui/dashboard/view?layout=table', { 'if-none-match': res.headers.get('etag')! });
    expect(unchanged.status).toBe(304);
  });

  it('rejects an unknown layout with the allowed ones', async () => {
    const res = await get('/api/ui/dashboard/view?layout=grid');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('layout must be one of cards, table.');
  });
});

describe('metrics endpoint', () => {
  it('rejects an unknown scope or range with a message saying what is allowed', async () => {
    const badScope = await get('/api/ui/metrics?scope=planet:3');
    expect(badScope.status).toBe(400);
    expect(((await badScope.json()) as { error: string }).error).toMatch(/server:<machine-id> or job:<id>/);
    const badRange = await get('/api/ui/metrics?range=2D');
    expect(badRange.status).toBe(400);
    expect(((await badRange.json()) as { error: string }).error).toContain('1W, 1M, 3M, 6M, 1Y, All');
  });

  it('returns every run of all jobs over All, one series per value', async () => {
    const res = await get('/api/ui/metrics?scope=all&range=All');
    const data = (await res.json()) as { runs: number; charts: { id: string; x: number[]; ys: unknown[][] }[] };
    expect(data.runs).toBe(6);
    const problems = data.charts.find((c) => c.id === 'problems')!;
    expect(problems.ys).toHaveLength(2);
    expect(problems.x).toHaveLength(6);
  });
});

describe('pages', () => {
  it('render with no inline script: island props travel in JSON data blocks', async () => {
    for (const path of ['/', '/metrics', '/jobs/1', '/servers/unknown-machine']) {
      const html = await (await get(path)).text();
      const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      for (const [, attrs, content] of scripts) {
        if (content!.trim()) expect(attrs).toContain('type="application/json"');
        else expect(attrs).toMatch(/type="module" src="\/assets\//);
      }
      expect(html).not.toMatch(/\sstyle="/);
    }
  });

  it('answer 404 pages for unknown servers and jobs', async () => {
    expect((await get('/servers/unknown-machine')).status).toBe(404);
    expect((await get('/jobs/999999')).status).toBe(404);
    expect((await get('/jobs/not-a-number')).status).toBe(404);
  });

  it('page a long log 100 lines at a time instead of sending it whole', async () => {
    const { jobs } = (await (await get('/api/ui/dashboard')).json()) as { jobs: { id: number; name: string }[] };
    const photos = jobs.find((j) => j.name === 'Photos')!.id;
    const logList = (html: string) => /<section class="panel" id="log"[\s\S]*?<\/section>/.exec(html)![0];
    const first = logList(await (await get(`/jobs/${photos}`)).text());
    expect(first.match(/<li>/g)).toHaveLength(100);
    expect(first).toContain('Page 1 of 2');
    const second = logList(await (await get(`/jobs/${photos}?mpage=2`)).text());
    expect(second.match(/<li>/g)).toHaveLength(1);
    expect(second).toContain('start="101"');
  });

  it('redirect an anonymous visitor to the login page', async () => {
    const res = await t.app.request('/');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^\/login/);
  });
});

describe('server page', () => {
  it('saves an alias and a note that the dashboard then shows; a viewer may not change them', async () => {
    const { servers } = (await (await get('/api/ui/dashboard')).json()) as { servers: { id: string; name: string }[] };
    const nas = servers.find((s) => s.name === 'nas-01')!;
    const form = (who: string) =>
      t.app.request(`/servers/${nas.id}`, {
        method: 'POST',
        headers: { cookie: who, 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
        body: new URLSearchParams({ alias: 'Basement NAS', note: 'Replaced disks in March' }).toString(),
      });
    expect((await form(await loginAs(t, 'viewer', 'watcher'))).status).toBe(403);
    const saved = await form(cookie);
    expect(saved.status).toBe(303);
    const page = await (await get(`/servers/${nas.id}`)).text();
    expect(page).toContain('Server Basement NAS');
    expect(page).toContain('Replaced disks in March');
    const dashboard = (await (await get('/api/ui/dashboard')).json()) as { jobs: { serverName: string }[] };
    expect(dashboard.jobs.filter((j) => j.serverName === 'Basement NAS')).toHaveLength(2);
  });
});

describe('preferences', () => {
  it('are stored per account and change the rendered language and layout', async () => {
    const saved = await t.app.request('/prefs', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost' },
      body: JSON.stringify({ locale: 'fr', layout: 'table' }),
    });
    expect(saved.status).toBe(200);
    const html = await (await get('/', { 'accept-language': 'en' })).text();
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain('"layout":"table"');
    const other = await loginAs(t, 'viewer', 'someone-else');
    const theirs = await (await t.app.request('/', { headers: { cookie: other } })).text();
    expect(theirs).toContain('<html lang="en"');
  });

  it('reject values outside the offered choices', async () => {
    const res = await t.app.request('/prefs', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost' },
      body: JSON.stringify({ refreshSeconds: 5 }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { issues: string[] }).issues[0]).toContain('0, 15, 30, 60, 120, 300, 600');
  });

  it('return a form post to the page it came from, never to another site', async () => {
    const post = (back: string) =>
      t.app.request('/prefs', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
        body: new URLSearchParams({ theme: 'dark', back }).toString(),
      });
    expect((await post('/metrics?range=1W')).headers.get('location')).toBe('/metrics?range=1W');
    expect((await post('//evil.example/')).headers.get('location')).toBe('/');
    expect((await post('https://evil.example/')).headers.get('location')).toBe('/');
  });
});
