import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { DESKTOP, launchBrowser, launchPersistentContext, PHONE } from './support/browser';
import { seedFixtureReports } from './support/seed';
import { startE2eServer, type E2eServer } from './support/server';
import { signIn } from './support/sign-in';
import { seedSyntheticRuns } from './support/synthetic-runs';
import { fixtureText } from '../support/fixtures';
import { upload } from '../support/test-app';

const SCREENSHOTS = new URL('./screenshots/', import.meta.url).pathname;
const FIXTURE_JOBS = ['Documents', 'Photos', 'Büro-Dokumente'];

let server: E2eServer;
let browser: Browser;
let chartJobId: number;

async function openPage(options: BrowserContextOptions = DESKTOP, username?: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB', ...options });
  await signIn(server, context, 'user', username);
  return context.newPage();
}

beforeAll(async () => {
  server = await startE2eServer();
  await seedFixtureReports(server);
  // One job with more runs than a chart may carry, so downsampling is exercised too.
  const { jobIds } = await seedSyntheticRuns(server.db, { servers: 1, jobsPerServer: 1, runsPerJob: 1500, end: server.clock.now() });
  chartJobId = jobIds[0]!;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the dashboard in Chromium', () => {
  it('renders every reported job with its server and the summary tiles', async () => {
    const page = await openPage();
    await page.goto(`${server.url}/`);
    const cards = page.locator('.card');
    await cards.nth(3).waitFor();
    expect(await cards.count()).toBe(4);
    for (const name of FIXTURE_JOBS) expect(await page.locator('.card h3', { hasText: name }).count()).toBe(1);
    expect(await page.locator('.card .server', { hasText: 'WS-OFFICE-07' }).count()).toBe(1);
    expect(await page.locator('.tile', { hasText: 'Servers' }).locator('.tile-value').textContent()).toBe('3');
    // Failing jobs come first: the fixtures' Documents job ended with a fatal run.
    expect(await cards.first().locator('h3').textContent()).toBe('Documents');
    expect(await cards.first().locator('.status').textContent()).toContain('Fatal');
    await page.context().close();
  });

  it('filters by text and status, and remembers the table layout on the server', async () => {
    // Its own account, since the layout it chooses is stored for the account.
    const page = await openPage(DESKTOP, 'e2e-layout');
    await page.goto(`${server.url}/`);
    await page.locator('.island[data-island="Dashboard"] input[type="search"]').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-island="Dashboard"] .card') !== null);
    await page.getByLabel('Search jobs and servers').fill('photo');
    await expect.poll(() => page.locator('.card').count(), { timeout: 10_000 }).toBe(1);
    expect(page.url()).toContain('q=photo');
    await page.getByLabel('Search jobs and servers').fill('');
    await page.getByLabel('Status').selectOption('problems');
    await expect.poll(() => page.locator('.card h3').allTextContents(), { timeout: 10_000 }).toEqual(['Documents']);

    const saved = page.waitForResponse((r) => r.url().endsWith('/prefs') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Table' }).click();
    expect((await saved).status()).toBe(200);
    expect(await page.locator('table tbody tr').count()).toBe(1);
    // Its rows are laid out as grids (app.css) but must still read as a table.
    expect(await page.getByRole('table').getByRole('row').count()).toBe(2);
    expect(await page.getByRole('columnheader').count()).toBe(8);
    await page.goto(`${server.url}/`);
    expect(await page.locator('table tbody tr').count()).toBe(4);
    expect(await page.getByRole('button', { name: 'Table' }).getAttribute('aria-pressed')).toBe('true');
    await page.context().close();
  });

  it("draws a job's charts with the right number of series", async () => {
    const page = await openPage();
    await page.goto(`${server.url}/metrics?scope=job:${chartJobId}&range=All`);
    await expect.poll(() => page.locator('.chart canvas').count(), { timeout: 20_000 }).toBe(7);
    const charts = await page.locator('.chart').evaluateAll((els) =>
      els.map((el) => ({ id: el.getAttribute('data-chart'), series: el.querySelectorAll('.u-legend .u-series').length - 1 })));
    expect(charts).toEqual([
      { id: 'duration', series: 1 },
      { id: 'examinedSize', series: 1 },
      { id: 'uploaded', series: 1 },
      { id: 'storage', series: 1 },
      { id: 'fileCount', series: 1 },
      { id: 'problems', series: 2 },
      { id: 'versions', series: 1 },
    ]);
    expect(await page.locator('main').textContent()).toContain('from 1,500 runs');
    await page.context().close();
  });

  it('reloads offline from the service worker and says how old the data is', async () => {
    const page = await openPage();
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    // Once controlled, a navigation goes through the worker and leaves a copy for offline use.
    await page.reload();
    await page.locator('.card').first().waitFor();
    await page.context().setOffline(true);
    await page.reload();
    const banner = page.locator('.banner-offline');
    await expect.poll(() => banner.textContent(), { timeout: 10_000 }).toMatch(/^Offline — data from \d{2}:\d{2}$/);
    expect(await page.locator('.card').count()).toBe(4);

    // Still offline: the refresh fails and the banner stays.
    await page.getByRole('button', { name: 'Refresh now', exact: true }).click();
    await page.locator('.last-refresh', { hasText: 'Refresh failed' }).waitFor();
    expect(await banner.count()).toBe(1);
    // Back online: the first refresh that reaches the server takes the banner away.
    await page.context().setOffline(false);
    await page.getByRole('button', { name: 'Refresh now', exact: true }).click();
    await page.locator('.last-refresh', { hasText: 'Refreshed' }).waitFor();
    expect(await banner.count()).toBe(0);
    await page.context().close();
  });

  it('says how old the data is when the network is up but the server does not answer', async () => {
    // Its own server, which it stops.
    const own = await startE2eServer();
    let running = true;
    try {
      await seedFixtureReports(own);
      const context = await browser.newContext({ ...DESKTOP, locale: 'fr-FR' });
      await signIn(own, context, 'user');
      const page = await context.newPage();
      await page.goto(`${own.url}/`);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
      await page.reload();
      await page.locator('.card').first().waitFor();
      const cards = await page.locator('.card').count();

      await own.close();
      running = false;
      const banner = page.locator('.banner-offline');
      expect(await banner.count()).toBe(0);
      // A refresh that cannot reach the server, then a reload answered from the offline copy.
      await page.getByRole('button', { name: 'Actualiser', exact: true }).click();
      await expect.poll(() => banner.textContent(), { timeout: 10_000 }).toMatch(/^Hors ligne — données de \d{2}:\d{2}$/);
      await page.reload();
      await expect.poll(() => banner.textContent(), { timeout: 10_000 }).toMatch(/^Hors ligne — données de \d{2}:\d{2}$/);
      expect(await page.locator('.card').count()).toBe(cards);
      expect(await page.evaluate(() => navigator.onLine)).toBe(true);
      await context.close();
    } finally {
      if (running) await own.close();
    }
  });

  it('brings a new job in with "Refresh now" as server-rendered cards, keeping the filter', async () => {
    // Its own server: the job it adds would change what the other tests count.
    const own = await startE2eServer();
    try {
      await seedFixtureReports(own);
      const context = await browser.newContext({ locale: 'en-GB', ...DESKTOP });
      await signIn(own, context, 'user');
      const page = await context.newPage();
      await page.goto(`${own.url}/?q=photo`);
      await expect.poll(() => page.locator('.card h3').allTextContents(), { timeout: 10_000 }).toEqual(['Photos']);

      const report = JSON.parse(fixtureText('duplicati/01-backup-success-2.1.json'));
      report.Extra['backup-name'] = 'Photos offsite';
      report.Extra['backup-id'] = 'DB-9';
      expect((await upload(own.app, report)).status).toBe(200);
      await own.settle();
      await page.getByRole('button', { name: 'Refresh now' }).click();
      await expect.poll(async () => (await page.locator('.card h3').allTextContents()).sort(), { timeout: 10_000 }).toEqual(['Photos', 'Photos offsite']);
      expect(await page.locator('.tile', { hasText: 'Jobs' }).locator('.tile-value').textContent()).toBe('4');
      expect(await page.getByRole('status').filter({ hasText: 'jobs' }).textContent()).toBe('2 of 4 jobs');

      await page.getByLabel('Search jobs and servers').fill('');
      await expect.poll(() => page.locator('.card').count(), { timeout: 10_000 }).toBe(4);
      await context.close();
    } finally {
      await own.close();
    }
  });

  it('is installable, with 192 px, 512 px and maskable icons and a service worker', async () => {
    const { context, close } = await launchPersistentContext();
    try {
      await signIn(server, context);
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      expect(installabilityErrors).toEqual([]);
      const manifest = await (await page.request.get(`${server.url}/manifest.webmanifest`)).json() as { icons: { sizes: string; purpose: string; src: string }[]; display: string };
      expect(manifest.display).toBe('standalone');
      expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`).sort()).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
      for (const icon of manifest.icons) {
        const res = await page.request.get(`${server.url}${icon.src}`);
        expect(res.headers()['content-type']).toBe('image/png');
        const body = await res.body();
        expect(body.readUInt32BE(16)).toBe(Number(icon.sizes.split('x')[0]));
      }
    } finally {
      await close();
    }
  });

  it('speaks French with French dates when the browser asks for French', async () => {
    const page = await openPage({ ...DESKTOP, locale: 'fr-FR' });
    await page.goto(`${server.url}/?status=problems`);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.locator('h1').textContent()).toBe('Tableau de bord');
    const card = page.locator('.card', { hasText: 'Documents' });
    expect(await card.locator('.status').textContent()).toContain('Fatale');
    expect(await card.locator('dd').first().textContent()).toMatch(/^4 mai 2025/);
    await page.context().close();
  });

  for (const [device, options] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`follows the system ${scheme} theme on a ${device} screen without horizontal scrolling`, async () => {
        const page = await openPage({ ...options, colorScheme: scheme });
        await page.goto(`${server.url}/`);
        await page.locator('.card').first().waitFor();
        const { background, overflow } = await page.evaluate(() => ({
          background: getComputedStyle(document.body).backgroundColor,
          overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        }));
        expect(background).toBe(scheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(246, 247, 249)');
        expect(overflow).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `${SCREENSHOTS}dashboard-${device}-${scheme}.png`, fullPage: device === 'desktop' });
        await page.context().close();
      });
    }
  }
});
