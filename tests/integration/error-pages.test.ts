import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loginAs } from '../support/auth';
import { createTestApp } from '../support/test-app';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

// What a browser sends when it navigates or posts a form.
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('error pages', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  const browse = (path: string, cookie: string, lang: string, init: RequestInit = {}) =>
    t.app.request(`http://backwatch.local${path}`, { ...init, headers: { cookie, accept: BROWSER_ACCEPT, 'accept-language': lang, ...init.headers } });

  it('shows a signed-in viewer the admin console refusal in French, with both roles named in French', async () => {
    const res = await browse('/admin', await loginAs(t, 'viewer', 'watcher'), 'fr-FR,fr;q=0.9');
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain('<title>Accès refusé · Backwatch</title>');
    expect(html).toContain('Cette page demande le rôle Administrateur ; votre compte a le rôle Lecteur.');
    expect(html).toContain('Retour au tableau de bord');
    expect(html).not.toMatch(/This needs|Access denied/);
  });

  it('shows the same refusal in English to an English browser', async () => {
    const res = await browse('/admin/users', await loginAs(t, 'user', 'kim'), 'en-GB');
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('<title>Access denied · Backwatch</title>');
    expect(html).toContain('This page needs the Admin role; your account has the User role.');
  });

  it('answers an unknown page with a 404 page in French', async () => {
    const res = await browse('/no-such-page', await loginAs(t, 'viewer'), 'fr');
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('<title>Page introuvable · Backwatch</title>');
    expect(html).toContain('Aucune page à cette adresse.');
  });

  it('refuses a cross-site form post with a page in French', async () => {
    const res = await browse('/logout', await loginAs(t, 'viewer'), 'fr', { method: 'POST', headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('<title>Requête refusée · Backwatch</title>');
    expect(html).toContain('Ce formulaire a été envoyé depuis un autre site');
  });

  it('keeps JSON for the API and for requests that do not ask for HTML', async () => {
    const cookie = await loginAs(t, 'viewer');
    const api = await browse('/api/admin/users', cookie, 'fr');
    expect(api.status).toBe(403);
    expect(await api.json()).toMatchObject({ code: 'forbidden' });
    const script = await t.app.request('/admin', { headers: { cookie, accept: '*/*' } });
    expect(script.status).toBe(403);
    expect(await script.json()).toMatchObject({ code: 'forbidden' });
    const missing = await t.app.request('/no-such-page', { headers: { cookie } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'No route for GET /no-such-page.' });
  });
});
