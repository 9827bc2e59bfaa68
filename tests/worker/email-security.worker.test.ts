import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import worker from '../../src/worker';
import { openWebDatabase } from '../../src/db/web-client';
import { integrationRequests, notifyChannels, outbox } from '../../src/db/schema/index';
import { startTlsNotOfferedMessage } from '../../src/notify/channels/email/transport';
import { sealSecret } from '../../src/notify/secret-box';
import { createUser } from '../../src/auth/users';
import { freshReport } from '../support/scenarios';
import type { SmtpCaptureJson } from '../support/notify-peers';
import { GOOD_PASSWORD, sessionCookieFrom } from '../support/auth';
import errorReport from '../fixtures/duplicati/03-backup-error-2.1.json';

type SmtpPeer = { port: number; url: string };

// E-mail channels on the Worker, against real SMTP servers started in Node by email-setup.ts, with a
// database of their own so no other test's alert reaches them.
describe('e-mail channels on the Worker', () => {
  const emailEnv = { ...env, TURSO_DATABASE_URL: env.EMAIL_TURSO_DATABASE_URL };
  const db = openWebDatabase(env.EMAIL_TURSO_DATABASE_URL!, env.TURSO_AUTH_TOKEN);
  const noStartTls = JSON.parse(env.SMTP_NO_STARTTLS!) as SmtpPeer;
  const startTls = JSON.parse(env.SMTP_STARTTLS!) as SmtpPeer;
  const implicitTls = JSON.parse(env.SMTP_IMPLICIT_TLS!) as SmtpPeer;
  const workerFetch = async (path: string, init?: RequestInit) => {
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request(`https://backwatch.test${path}`, init), emailEnv, ctx as never);
    await waitOnExecutionContext(ctx);
    return res;
  };
  const seen = async (peer: SmtpPeer) => (await (await fetch(peer.url)).json()) as SmtpCaptureJson;

  /** The one delivery to a channel and the Integration Request it was recorded as. */
  async function deliveryTo(channelId: number) {
    const [delivery] = await db.select().from(outbox).where(eq(outbox.channelId, channelId));
    const [request] = await db.select().from(integrationRequests).where(eq(integrationRequests.reference, `outbox:${delivery!.id}`));
    return { delivery: delivery!, request: request! };
  }

  const channels: Record<'noStartTls' | 'startTls' | 'implicitTls', number> = { noStartTls: 0, startTls: 0, implicitTls: 0 };

  beforeAll(async () => {
    const at = new Date().toISOString();
    const secret = await sealSecret(env.SECRET_KEY!, env.SMTP_PASSWORD!);
    for (const [name, peer, security] of [['noStartTls', noStartTls, 'starttls'], ['startTls', startTls, 'starttls'], ['implicitTls', implicitTls, 'tls']] as const) {
      const [row] = await db
        .insert(notifyChannels)
        .values({
          kind: 'email', name, enabled: true, createdAt: at, updatedAt: at, secret,
          config: { host: '127.0.0.1', port: peer.port, security, username: env.SMTP_USER, fromAddress: 'backwatch@example.com', recipients: ['ops@example.com'] },
        })
        .returning({ id: notifyChannels.id });
      channels[name] = row!.id;
    }
    // A failed backup queues an alert for each channel; the upload's background work delivers them.
    const res = await workerFetch(`/api/upload/${env.UPLOAD_TOKEN}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(freshReport(errorReport).body) });
    expect(res.status).toBe(200);
  });

  it('with "starttls", sends neither the password nor the message when the server does not offer STARTTLS, and records why on the delivery', async () => {
    const server = await seen(noStartTls);
    // Greeted, asked what the server offers, and left: no AUTH, no MAIL, nothing of the message.
    expect(server.commands).toEqual(['EHLO', 'QUIT']);
    expect(server.messages).toEqual([]);

    const { delivery, request } = await deliveryTo(channels.noStartTls);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1 });
    expect(request).toMatchObject({ direction: 'outbound', kind: 'email', status: 'Failed', endpoint: `smtp://127.0.0.1:${noStartTls.port}` });
    expect(request.error).toBe(startTlsNotOfferedMessage({ host: '127.0.0.1', port: noStartTls.port }));
    expect(request.error).toContain('did not offer STARTTLS');
    expect(delivery.lastError).toBe(request.error);
  });

  it('with "starttls", upgrades when the server offers it, sending nothing in plain text (workerd then refuses the self-signed certificate)', async () => {
    const server = await seen(startTls);
    // Nothing but EHLO and STARTTLS in plain text; then the client left during the TLS handshake.
    expect(server.commands).toEqual(['EHLO', 'STARTTLS']);
    expect(server.messages).toEqual([]);

    const { delivery, request } = await deliveryTo(channels.startTls);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1 });
    expect(request).toMatchObject({ kind: 'email', status: 'Failed' });
    expect(request.error).toContain(`The TLS connection to the SMTP server 127.0.0.1:${startTls.port} failed after STARTTLS`);
    expect(request.error).toContain('certificate');
    expect(delivery.lastError).toBe(request.error);
  });

  it('with "tls", explains a refused handshake as a TLS problem, having sent nothing to the server', async () => {
    const server = await seen(implicitTls);
    // The handshake failed, so no SMTP command ever reached the server.
    expect(server.commands).toEqual([]);
    expect(server.messages).toEqual([]);

    const { delivery, request } = await deliveryTo(channels.implicitTls);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1 });
    expect(request).toMatchObject({ kind: 'email', status: 'Failed' });
    expect(request.error).toContain(`The TLS connection to the SMTP server 127.0.0.1:${implicitTls.port} failed before the greeting`);
    expect(request.error).toContain('certificate');
    expect(delivery.lastError).toBe(request.error);
  });

  it('shows allowSelfSigned off on the notifications page, saying that Workers always check the certificate', async () => {
    await createUser(db, { username: 'mail-admin', role: 'admin', password: GOOD_PASSWORD, mustChangePassword: false }, new Date());
    const login = await workerFetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'mail-admin', password: GOOD_PASSWORD }) });
    expect(login.status).toBe(200);
    const cookie = sessionCookieFrom(login);
    const html = await (await workerFetch('/notifications', { headers: { cookie } })).text();
    expect(/<input[^>]*name="allowSelfSigned"[^>]*>/.exec(html)?.[0]).toContain('disabled');
    expect(html).toContain('Not available on Cloudflare Workers');
  });
});
