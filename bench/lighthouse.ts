/**
 * Lighthouse (npm) against Debian's Chromium on the dashboard: performance, accessibility and
 * best-practices, mobile (Lighthouse's default throttling) and desktop presets.
 *
 *   npm run build && CHROME_PATH=/usr/bin/chromium npx tsx bench/lighthouse.ts [jobs] [runs-per-job] [cards|table]
 *
 * [jobs] synthetic jobs besides the fixtures' three (default 20, a household or small office;
 * 200 with 500 runs each is the large dashboard of the render budget: 100,000 runs).
 * [runs-per-job] daily runs of each synthetic job (default 30). [cards|table] the dashboard layout (default cards).
 * LIGHTHOUSE_DETAILS=1 also prints long tasks, script boot-up and every failing audit's items.
 *
 * Exits non-zero when any score is below 95.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { startE2eServer } from '../tests/e2e/support/server';
import { seedFixtureReports } from '../tests/e2e/support/seed';
import { seedSyntheticRuns } from '../tests/e2e/support/synthetic-runs';
import { loginAs } from '../tests/support/auth';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/support/browser';

const MIN_SCORE = 95;
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];

const server = await startE2eServer();
await seedFixtureReports(server);
const jobs = Number(process.argv[2] ?? 20);
const runsPerJob = Number(process.argv[3] ?? 30);
await seedSyntheticRuns(server.db, { servers: Math.max(1, Math.ceil(jobs / 10)), jobsPerServer: Math.min(10, jobs), runsPerJob, end: server.clock.now() });
console.log(`dashboard with ${jobs + 3} jobs, ${jobs * runsPerJob} synthetic runs`);
const cookie = await loginAs(server, 'viewer', 'lighthouse');
const layout = process.argv[4] ?? 'cards';
const saved = await server.app.request('/prefs', { method: 'POST', headers: { cookie, origin: 'http://localhost', 'content-type': 'application/json' }, body: JSON.stringify({ layout }) });
if (saved.status !== 200) throw new Error(`saving layout ${layout}: HTTP ${saved.status} ${await saved.text()}`);
console.log(`layout ${layout}`);

const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: ['--headless=new', ...CHROMIUM_ARGS] });
const failures: string[] = [];
try {
  for (const [preset, config] of [['mobile', undefined], ['desktop', desktopConfig]] as const) {
    const result = await lighthouse(`${server.url}/`, { port: chrome.port, output: 'json', onlyCategories: CATEGORIES, extraHeaders: { Cookie: cookie } }, config);
    if (!result) throw new Error('Lighthouse returned no result');
    if (result.lhr.runtimeError) console.log(`  ${preset} runtime error: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
    const scores = CATEGORIES.map((id) => [id, Math.round((result.lhr.categories[id]?.score ?? 0) * 100)] as const);
    console.log(`${preset}: ${scores.map(([id, s]) => `${id} ${s}`).join(', ')}`);
    console.log(`  ${preset} metrics: ${METRICS.map((id) => `${id} ${result.lhr.audits[id]?.displayValue ?? '?'}`).join(', ')}`);
    for (const [id, score] of scores) if (score < MIN_SCORE) failures.push(`${preset} ${id} ${score}`);
    for (const audit of Object.values(result.lhr.audits)) {
      if (process.env.LIGHTHOUSE_DETAILS && (audit.id === 'long-tasks' || audit.id === 'bootup-time')) for (const item of ((audit.details as { items?: unknown[] })?.items ?? []).slice(0, 8)) console.log(`  ${preset} ${audit.id}: ${JSON.stringify(item).slice(0, 220)}`);
      if (audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== 'informative' && audit.scoreDisplayMode !== 'notApplicable') {
        console.log(`  ${preset} audit ${audit.id}: ${audit.score} ${audit.displayValue ?? ''}`);
        const items = (audit.details as { items?: { node?: { snippet?: string; explanation?: string } }[] } | undefined)?.items ?? [];
        for (const item of items.slice(0, 4)) if (item.node) console.log(`    ${item.node.snippet} — ${item.node.explanation?.split('\n')[1] ?? ''}`);
        if (process.env.LIGHTHOUSE_DETAILS) for (const item of items.slice(0, 6)) if (!item.node) console.log(`    ${JSON.stringify(item).slice(0, 200)}`);
      }
    }
  }
} finally {
  chrome.kill();
  await server.close();
}
if (failures.length) {
  console.log(`below ${MIN_SCORE}: ${failures.join('; ')}`);
  process.exit(1);
}
console.log(`all scores at least ${MIN_SCORE}`);
