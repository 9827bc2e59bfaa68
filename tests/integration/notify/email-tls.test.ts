import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { integrationRequests, outbox } from '../../../src/db/schema/index';
import { receivedBody } from '../../../src/admin/integration-requests';
import { createLogger } from '../../../src/logger';
import { runScheduled } from '../../../src/monitor/scheduler';
import { createTestApp, manualClock, upload } from '../../support/test-app';
import { fixture } from '../../support/fixtures';
import { GOOD_PASSWORD, loginAs, loginRequest, sessionCookieFrom } from '../../support/auth';
import { startSmtpCapture, type SmtpTls } from '../../support/notify-peers';
import { startTlsNotOfferedMessage } from '../../../src/notify/channels/email/transport';
import { selfSignedCertificate, type TlsCertificate } from '../../support/tls-certificate';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;
type Smtp = Awaited<ReturnType<typeof startSmtpCapture>>;

const USER = { username: 'alerts@example.com', password: 'smtp-Pa55word-only-the-server-knows' };
/** The channel's `security` setting for each way the server speaks TLS. */
const SECURITY = { starttls: 'starttls', implicit: 'tls' } as const;

describe('e-mail over TLS (STARTTLS and implicit TLS) with a self-signed certificate', () => {
  let certificate: TlsCertificate;
  let t: TestApp;
  let admin: string;
  let logLines: string[];
  const smtpServers: Smtp[] = [];

  const api = (method: string, path: string, body?: unknown) =>
    t.app.request(path, { method, headers: { cookie: admin, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

  async function smtpServer(mode: SmtpTls['mode']) {
    const smtp = await startSmtpCapture(USER, { ...certificate, mode });
    smtpServers.push(smtp);
    return smtp;
  }

  async function emailChannel(name: string, smtp: Smtp, mode: SmtpTls['mode'], extra: { allowSelfSigned?: boolean; password?: string } = {}) {
    const res = await api('POST', '/api/notify/channels', {
      kind: 'email',
      name,
      config: { host: '127.0.0.1', port: smtp.port, security: SECURITY[mode], username: USER.username, fromAddress: 'backwatch@example.com', recipients: ['ops@example.com'], allowSelfSigned: extra.allowSelfSigned },
      secret: extra.password ?? USER.password,
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { channel: { id: number } }).channel.id;
  }

  beforeAll(() => {
    certificate = selfSignedCertificate();
  });
  beforeEach(async () => {
    logLines = [];
    t = await createTestApp({ clock: manualClock('2025-05-03T02:30:00.000Z'), deps: { logger: createLogger({ level: 'debug', write: (line) => logLines.push(line) }) } });
    admin = await loginAs(t, 'admin');
  });
  afterEach(async () => {
    t.close();
    await Promise.all(smtpServers.splice(0).map((s) => s.close()));
  });

  it.each(['starttls', 'implicit'] as const)('sends with authentication over %s once allowSelfSigned is on', async (mode) => {
    const smtp = await smtpServer(mode);
    const id = await emailChannel('Ops', smtp, mode, { allowSelfSigned: true });

    const res = await api('POST', `/api/notify/channels/${id}/test`);
    expect(await res.json()).toEqual({ ok: true, responseCode: 250, error: null });
    expect(smtp.messages).toHaveLength(1);
    // The server refuses AUTH on a plain connection, so an authenticated message proves it went over TLS.
    expect(smtp.messages[0]).toMatchObject({ authUser: USER.username, secure: true, subject: expect.stringContaining('Documents') });
  });

  it.each(['starttls', 'implicit'] as const)('refuses the certificate over %s by default and records why on the delivery', async (mode) => {
    const smtp = await smtpServer(mode);
    await emailChannel('Ops', smtp, mode);
    expect((await upload(t.app, fixture('duplicati/03-backup-error-2.1.json'))).status).toBe(200);
    await t.settle();

    expect(smtp.messages).toHaveLength(0);
    const [delivery] = await t.db.select().from(outbox);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1 });
    const [request] = await t.db.select().from(integrationRequests).where(eq(integrationRequests.reference, `outbox:${delivery!.id}`));
    expect(request).toMatchObject({ direction: 'outbound', kind: 'email', status: 'Failed', endpoint: `smtp://127.0.0.1:${smtp.port}` });
    expect(request!.error).toBe(
      `The TLS certificate of the SMTP server 127.0.0.1:${smtp.port} is not trusted: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT). Give the server a certificate from a public authority for "127.0.0.1", or turn on allowSelfSigned for this channel if it is on a network you trust.`,
    );
    expect(delivery!.lastError).toBe(request!.error);
  });

  it('says to pick "starttls" when "tls" meets a server that starts in plain text', async () => {
    const smtp = await smtpServer('starttls');
    const id = await emailChannel('Ops', smtp, 'implicit', { allowSelfSigned: true });
    const res = await api('POST', `/api/notify/channels/${id}/test`);
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: string }).error).toBe(`The SMTP server 127.0.0.1:${smtp.port} did not answer with TLS. Security "tls" is for implicit TLS (usually port 465); for port 587 choose "starttls".`);
  });

  it('sends no password and no message with "starttls" when the server does not offer STARTTLS, and says so on the delivery', async () => {
    const smtp = await startSmtpCapture(USER);
    smtpServers.push(smtp);
    await emailChannel('Ops', smtp, 'starttls');
    expect((await upload(t.app, fixture('duplicati/03-backup-error-2.1.json'))).status).toBe(200);
    await t.settle();

    expect(smtp.commands).not.toContain('AUTH');
    expect(smtp.commands).not.toContain('MAIL');
    expect(smtp.messages).toHaveLength(0);
    const [delivery] = await t.db.select().from(outbox);
    const [request] = await t.db.select().from(integrationRequests).where(eq(integrationRequests.reference, `outbox:${delivery!.id}`));
    expect(request).toMatchObject({ kind: 'email', status: 'Failed', error: startTlsNotOfferedMessage({ host: '127.0.0.1', port: smtp.port }) });
    expect(delivery!.lastError).toBe(request!.error);
  });

  it('rejects an allowSelfSigned that is not true or false, naming the field', async () => {
    const res = await api('POST', '/api/notify/channels', {
      kind: 'email', name: 'Ops', config: { host: 'mail.example.com', fromAddress: 'backwatch@example.com', recipients: ['ops@example.com'], allowSelfSigned: 'yes' },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { issues: string[] }).issues).toEqual([expect.stringMatching(/^config\.allowSelfSigned: .*boolean/)]);
  });

  it('never shows an SMTP password in logs, API answers or Integration Requests, whether sending works or not', async () => {
    const wrongPassword = 'not-the-Pa55word-the-server-wants';
    const smtp = await smtpServer('starttls');
    const works = await emailChannel('works', smtp, 'starttls', { allowSelfSigned: true });
    const untrusted = await emailChannel('untrusted', smtp, 'starttls');
    const refused = await emailChannel('refused', smtp, 'starttls', { allowSelfSigned: true, password: wrongPassword });

    const answers: string[] = [];
    const answer = async (res: Response) => {
      answers.push(await res.text());
      return res;
    };
    expect((await answer(await api('POST', `/api/notify/channels/${works}/test`))).status).toBe(200);
    expect((await answer(await api('POST', `/api/notify/channels/${untrusted}/test`))).status).toBe(502);
    expect((await answer(await api('POST', `/api/notify/channels/${refused}/test`))).status).toBe(502);
    expect(answers[2]).toContain('535');
    // Through the outbox too: one delivery per channel, each recorded as an Integration Request.
    expect((await upload(t.app, fixture('duplicati/03-backup-error-2.1.json'))).status).toBe(200);
    await t.settle();
    expect(smtp.messages.map((m) => m.authUser)).toEqual([USER.username, USER.username]);
    // A day later the two failing deliveries are given up, which logs their errors.
    t.clock.advance(25 * 3600_000);
    await runScheduled(t.deps, t.clock.now());
    expect(logLines.filter((l) => l.includes('delivery given up'))).toHaveLength(2);
    admin = sessionCookieFrom(await loginRequest(t, 'admin', GOOD_PASSWORD));

    await answer(await api('GET', '/api/notify/channels'));
    await answer(await api('GET', '/api/notify/outbox'));
    const list = await answer(await api('GET', '/api/admin/integration-requests?direction=outbound'));
    const { requests } = JSON.parse(answers.at(-1)!) as { requests: { id: number }[] };
    expect(list.status).toBe(200);
    expect(requests).toHaveLength(8);
    for (const r of requests) await answer(await api('GET', `/api/admin/integration-requests/${r.id}`));

    const stored = await t.db.select().from(integrationRequests);
    const rows = await Promise.all(stored.map(async (r) => JSON.stringify({ ...r, body: new TextDecoder().decode((await receivedBody(r)) ?? new Uint8Array()) })));
    // As typed, and as SMTP carries it: base64 alone (AUTH LOGIN) and with the user name (AUTH PLAIN).
    const forms = (password: string) => [password, btoa(password), btoa(`\0${USER.username}\0${password}`)];
    const everything = [...logLines, ...answers, ...rows].join('\n');
    for (const form of [...forms(USER.password), ...forms(wrongPassword)]) expect(everything).not.toContain(form);
  });
});
