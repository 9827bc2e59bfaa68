import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { PUBLIC_DIR } from '../../src/ui/node-assets';
import { DESKTOP, launchBrowser } from './support/browser';
import { seedFixtureReports } from './support/seed';
import { startE2eServer, type E2eServer } from './support/server';
import { signIn } from './support/sign-in';

let dir: string;
let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'backwatch-public-'));
  cpSync(PUBLIC_DIR, dir, { recursive: true });
  server = await startE2eServer({ publicDir: dir });
  await seedFixtureReports(server);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a new version of the app', () => {
  it('is offered with a reload prompt, and the reload brings it in', async () => {
    const context = await browser.newContext({ ...DESKTOP, locale: 'en-GB' });
    await signIn(server, context);
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });

    // Deploy: the service worker script changes (a new precache list would do the same).
    appendFileSync(join(dir, 'sw.js'), '\n// next release\n');
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const prompt = page.locator('.banner-update');
    await prompt.waitFor({ timeout: 30_000 });
    expect(await prompt.textContent()).toContain('A new version of Backwatch is available.');
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.waiting !== null)).toBe(true);

    const reloaded = page.waitForEvent('load', { timeout: 30_000 });
    await prompt.getByRole('button', { name: 'Reload' }).click();
    await reloaded;
    const state = await page.evaluate(async () => {
      const reg = (await navigator.serviceWorker.getRegistration())!;
      return { waiting: reg.waiting !== null, controlled: navigator.serviceWorker.controller !== null };
    });
    // The worker that was waiting took over: nothing waits any more and the page is controlled.
    expect(state).toEqual({ waiting: false, controlled: true });
    expect(await page.locator('.banner-update').count()).toBe(0);
    await context.close();
  });
});
