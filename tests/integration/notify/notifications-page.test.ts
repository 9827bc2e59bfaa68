import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../support/test-app';
import { loginAs } from '../../support/auth';
import type { MailTransport } from '../../../src/notify/channels/email/transport';

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

  it('offers allowSelfSigned in the e-mail channel form, with what it gives up', async () => {
    const html = await (await t.app.request('/notifications', { headers: { cookie: await loginAs(t, 'admin') } })).text();
    const box = /<input[^>]*name="allowSelfSigned"[^>]*>/.exec(html)?.[0];
    expect(box).toContain('type="checkbox"');
    expect(box).not.toContain('disabled');
    expect(html).toContain('Accept a self-signed certificate');
    expect(html).toContain('only for a server on a network you trust');
  });

  it('shows allowSelfSigned off and says why where the mail transport cannot honour it (Workers), in French too', async () => {
    // The Worker entry's transport declares it; its worker-mailer needs cloudflare:sockets, so a stand-in declares the same here.
    const workersMail: MailTransport = Object.assign(async () => '250 accepted', { allowsSelfSigned: false });
    const workers = await createTestApp({ deps: { sendMail: workersMail } });
    try {
      const cookie = await loginAs(workers, 'admin');
      const html = await (await workers.app.request('/notifications', { headers: { cookie } })).text();
      expect(/<input[^>]*name="allowSelfSigned"[^>]*>/.exec(html)?.[0]).toContain('disabled');
      expect(html).toContain('Not available on Cloudflare Workers, which always check the server’s certificate');
      expect(html).not.toContain('only for a server on a network you trust');
      const fr = await (await workers.app.request('/notifications', { headers: { cookie, 'accept-language': 'fr-FR' } })).text();
      expect(fr).toContain('Accepter un certificat auto-signé');
      expect(fr).toContain('Indisponible sur Cloudflare Workers');
    } finally {
      workers.close();
    }
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
