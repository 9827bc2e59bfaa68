import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DESKTOP, launchBrowser } from './support/browser';
import { startE2eServer, type E2eServer } from './support/server';
import { signIn } from './support/sign-in';
import { startPushService } from '../support/notify-peers';
import { upload } from '../support/test-app';
import { fixture } from '../support/fixtures';
import { jobScope, scopeSettings } from '../../src/monitor/settings';
import { eq } from 'drizzle-orm';
import { notifyChannels } from '../../src/db/schema/index';

const SCREENSHOTS = new URL('./screenshots/', import.meta.url).pathname;

let server: E2eServer;
let browser: Browser;
let push: Awaited<ReturnType<typeof startPushService>>;

beforeAll(async () => {
  [server, push, browser] = await Promise.all([startE2eServer(), startPushService(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await push?.close();
});

describe('the notifications page in Chromium', () => {
  it('subscribes this device to web push and delivers a test notification to it', async () => {
    const context = await browser.newContext({ locale: 'en-GB', ...DESKTOP });
    await context.grantPermissions(['notifications'], { origin: server.url });
    await signIn(server, context, 'admin', 'e2e-notify-admin');
    const { publicKey } = (await (await context.request.get(`${server.url}/api/notify/push/key`)).json()) as { publicKey: string };
    const sub = await push.subscribe(publicKey);
    // Headless Chromium cannot reach a real push service: the browser's subscribe() returns the
    // subscription the local push service (web-push-testing) issued for this VAPID key.
    await context.addInitScript((s: { endpoint: string; keys: { p256dh: string; auth: string } }) => {
      let current: unknown = null;
      const subscription = { endpoint: s.endpoint, toJSON: () => ({ endpoint: s.endpoint, keys: s.keys }), unsubscribe: async () => ((current = null), true) };
      PushManager.prototype.getSubscription = async function () {
        return current as PushSubscription | null;
      };
      PushManager.prototype.subscribe = async function () {
        current = subscription;
        return subscription as unknown as PushSubscription;
      };
    }, { endpoint: sub.endpoint, keys: sub.keys });

    const page = await context.newPage();
    await page.goto(`${server.url}/notifications`);
    await page.getByRole('button', { name: 'Enable notifications on this device' }).click();
    await page.getByText('Notifications are on for this device.').waitFor();

    await page.getByRole('row', { name: /Web push/ }).getByRole('button', { name: 'Send test' }).click();
    await page.getByText('Test sent.').waitFor();
    const messages = (await push.messages(sub.clientHash)).map((m) => JSON.parse(m) as { title: string; tag: string });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.title).toMatch(/^Test notification from Backwatch: /);

    await page.screenshot({ path: `${SCREENSHOTS}notifications-admin-desktop.png`, fullPage: true });
    await context.close();
  });

  it('adds an ntfy channel from the form and shows it without its token', async () => {
    const context = await browser.newContext({ locale: 'en-GB', ...DESKTOP });
    await signIn(server, context, 'admin', 'e2e-notify-admin2');
    const page = await context.newPage();
    await page.goto(`${server.url}/notifications`);
    await page.getByLabel('Type').selectOption('ntfy');
    await page.getByLabel('Name', { exact: true }).fill('Phone');
    await page.getByLabel('Server URL').fill('https://ntfy.example.com');
    await page.getByLabel('Topic').fill('backups');
    await page.getByLabel('Access token').fill('tk_very_secret');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const row = page.getByRole('row', { name: /Phone/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('stored (hidden)');
    expect(await page.content()).not.toContain('tk_very_secret');
    await context.close();
  });

  it('adds an e-mail channel that accepts a self-signed certificate, and turns that off from the channel list', async () => {
    const context = await browser.newContext({ locale: 'en-GB', ...DESKTOP });
    await signIn(server, context, 'admin', 'e2e-notify-admin4');
    const page = await context.newPage();
    await page.goto(`${server.url}/notifications`);
    await page.getByLabel('Type').selectOption('email');
    await page.getByLabel('Name', { exact: true }).fill('Office mail');
    await page.getByLabel('SMTP host').fill('mail.office.lan');
    await page.getByLabel('From address').fill('backwatch@example.com');
    await page.getByLabel('Recipients (comma-separated)').fill('ops@example.com');
    const formBox = page.getByLabel('Accept a self-signed certificate', { exact: true });
    expect(await formBox.getAttribute('aria-describedby')).toBeTruthy();
    await formBox.check();
    await page.getByRole('button', { name: 'Add', exact: true }).click();

    const listBox = page.getByLabel('Accept a self-signed certificate: Office mail');
    await listBox.waitFor();
    const config = async () => (await server.db.select().from(notifyChannels).where(eq(notifyChannels.name, 'Office mail')))[0]?.config;
    expect(await config()).toMatchObject({ host: 'mail.office.lan', security: 'starttls', allowSelfSigned: true });
    expect(await listBox.isChecked()).toBe(true);
    await listBox.uncheck();
    await expect.poll(config, { timeout: 10_000 }).toMatchObject({ host: 'mail.office.lan', recipients: ['ops@example.com'], allowSelfSigned: false });
    await context.close();
  });

  it('lists each job with its state and saves its alert choice and pause', async () => {
    const report = fixture('duplicati/01-backup-success-2.1.json');
    const res = await upload(server.app, { ...report, Data: { ...report.Data, BeginTime: server.clock.now().toISOString() } });
    expect(res.status).toBe(200);
    const context = await browser.newContext({ locale: 'en-GB', ...DESKTOP });
    await signIn(server, context, 'admin', 'e2e-notify-admin3');
    const page = await context.newPage();
    await page.goto(`${server.url}/notifications`);
    const events = page.getByLabel('Alerts to receive: Documents');
    await events.selectOption('errors');
    await page.getByText('Saved.').waitFor();
    await page.getByLabel('Paused: Documents').check();
    await expect.poll(async () => page.getByRole('row', { name: /Documents/ }).textContent(), { timeout: 10_000 }).toContain('paused');
    const jobId = Number((await page.getByRole('link', { name: 'Documents' }).getAttribute('href'))!.split('/').pop());
    expect(await scopeSettings(server.db, jobScope(jobId))).toMatchObject({ events: 'errors', paused: true });
    await context.close();
  });
});
