import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { recordIntegrationRequest } from '../../src/admin/integration-requests';
import { ensureFirstAdmin } from '../../src/auth/users';
import { fixtureText } from '../support/fixtures';
import { DESKTOP, launchBrowser } from './support/browser';
import { startE2eServer, type E2eServer } from './support/server';
import { signIn } from './support/sign-in';

const INITIAL = 'initial admin password 2026';
const CHOSEN = 'a phrase nobody else would guess';

let server: E2eServer;
let browser: Browser;

/** A page that records every Content-Security-Policy violation and script error it sees. */
async function watchedPage(page: Page) {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return problems;
}

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the admin console in Chromium', () => {
  it('sends the first admin through login and a forced password change before the console opens', async () => {
    await ensureFirstAdmin(server.db, INITIAL, server.clock.now());
    const context = await browser.newContext({ ...DESKTOP, locale: 'en-GB' });
    const page = await context.newPage();
    const problems = await watchedPage(page);

    await page.goto(`${server.url}/admin`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(INITIAL);
    await page.getByRole('button', { name: 'Log in' }).click();

    await page.waitForURL(/\/change-password$/);
    expect(await page.locator('.notice-warn').textContent()).toContain('must set its own password');
    await page.goto(`${server.url}/admin/users`);
    expect(new URL(page.url()).pathname).toBe('/change-password');

    await page.getByLabel('Current password').fill(INITIAL);
    await page.getByLabel('New password').fill(CHOSEN);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.waitForURL(/\/account\?notice=passwordChanged$/);

    await page.goto(`${server.url}/admin`);
    expect(await page.locator('h1').textContent()).toBe('Administration');
    expect(await page.locator('nav a[href="/admin"]').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('draws the failed-login and logins-by-type charts with uPlot', async () => {
    for (let i = 0; i < 3; i++) {
      await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `nobody${i}`, password: 'wrong password here' }) });
    }
    const context = await browser.newContext({ ...DESKTOP, locale: 'en-GB' });
    await signIn(server, context, 'admin', 'e2e-admin');
    const page = await context.newPage();
    const problems = await watchedPage(page);
    await page.goto(`${server.url}/admin`);

    const charts = page.locator('[data-island="AdminCharts"] .chart');
    await page.locator('[data-chart="logins-by-type"] canvas').waitFor();
    await page.locator('[data-chart="failed-logins"] canvas').waitFor();
    expect(await charts.count()).toBe(2);
    expect(await page.locator('[data-chart="failed-logins"]').getAttribute('data-series')).toBe('1');
    expect(await page.locator('[data-chart="logins-by-type"]').getAttribute('data-series')).toBe('4');
    expect(await page.locator('[data-chart="logins-by-type"] .u-legend .u-series').count()).toBe(5);
    expect(await page.locator('.tile', { hasText: 'Failed logins' }).locator('.tile-value').textContent()).toBe('3');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('replays a failed integration request from its detail page', async () => {
    const id = await recordIntegrationRequest(
      server.deps.store,
      {
        direction: 'inbound',
        kind: 'upload',
        endpoint: '/api/upload/[redacted]',
        method: 'POST',
        status: 'Failed',
        error: 'stored while the parser was broken',
        headers: { 'content-type': 'application/json' },
        body: new TextEncoder().encode(fixtureText('duplicati/02-backup-warning-2.1.json')),
      },
      server.clock.now(),
    );
    const context = await browser.newContext({ ...DESKTOP, locale: 'en-GB' });
    await signIn(server, context, 'admin', 'e2e-admin');
    const page = await context.newPage();
    const problems = await watchedPage(page);

    await page.goto(`${server.url}/admin/integration-requests?status=Failed`);
    await page.locator(`a[href="/admin/integration-requests/${id}"]`).click();
    expect(await page.locator('[data-status]').getAttribute('data-status')).toBe('Failed');
    expect(await page.locator('pre.code').last().textContent()).toContain('"MainOperation"');

    await page.getByRole('button', { name: 'Replay' }).click();
    await page.waitForURL(/notice=replayed/);
    expect(await page.locator('.notice-ok').textContent()).toContain('the report was stored');
    expect(await page.locator('[data-status]').getAttribute('data-status')).toBe('Completed');
    expect(await page.getByRole('button', { name: 'Replay' }).count()).toBe(0);

    await page.goto(`${server.url}/`);
    await page.locator('.card h3', { hasText: 'Photos' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
