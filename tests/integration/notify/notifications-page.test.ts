import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../support/test-app';
import { loginAs } from '../../support/auth';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

describe('the notifications page', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it('shows admins the device subscription, channels, monitoring defaults and preview', async () => {
    const cookie = await loginAs(t, 'admin');
    const res = await t.app.request('/notifications', { headers: { cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-island="PushSubscribe"');
    expect(html).toContain('data-island="NotifySettings"');
    expect(html).toContain('Enable notifications on this device');
    expect(html).toContain('href="/notifications"');
  });

  it('shows users only their own device subscription, in French when they ask for it', async () => {
    const cookie = await loginAs(t, 'user');
    const res = await t.app.request('/notifications', { headers: { cookie, 'accept-language': 'fr-FR,fr;q=0.9' } });
    const html = await res.text();
    expect(html).toContain('data-island="PushSubscribe"');
    expect(html).not.toContain('data-island="NotifySettings"');
    expect(html).toContain('Activer les notifications sur cet appareil');
  });

  it('sends anonymous visitors to the login page', async () => {
    const res = await t.app.request('/notifications');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toContain('/login');
  });

  it('lets a user manage only their own push subscriptions, and not the channels', async () => {
    const user = await loginAs(t, 'user');
    const headers = { cookie: user, 'content-type': 'application/json' };
    const created = await t.app.request('/api/notify/push/subscriptions', {
      method: 'POST', headers, body: JSON.stringify({ endpoint: 'https://push.example/abc', keys: { p256dh: 'B'.repeat(87), auth: 'A'.repeat(22) } }),
    });
    expect(created.status).toBe(201);
    expect((await t.app.request('/api/notify/channels', { headers })).status).toBe(403);
    const other = await loginAs(t, 'user', 'someone-else');
    const { subscription } = (await created.json()) as { subscription: { id: number } };
    expect((await t.app.request(`/api/notify/push/subscriptions/${subscription.id}`, { method: 'DELETE', headers: { cookie: other } })).status).toBe(404);
    expect((await t.app.request(`/api/notify/push/subscriptions/${subscription.id}`, { method: 'DELETE', headers: { cookie: user } })).status).toBe(200);
  });
});
