/**
 * Dashboard budgets:
 *  - JavaScript shipped to the dashboard (and to the metrics page), gzip, from the build manifest;
 *  - server-side render of GET / with 200 jobs and 100,000 stored runs (whole request: session,
 *    queries, render), p50/p95 over 60 requests, unchanged data (the budget) and changed data;
 *  - GET /api/ui/metrics for one job over All with 10,000 runs, p50/p95 over 60 requests;
 *  - GET /api/ui/dashboard/view, what the dashboard island fetches when the data changed.
 *
 *   npm run build && npx tsx bench/dashboard.ts        (seeds a temporary database, ~30 s)
 *
 * Exits non-zero when a budget is missed: JS > 60 kB gzip, SSR p95 >= 50 ms, metrics p95 >= 30 ms.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { createTestApp } from '../tests/support/test-app';
import { loginAs } from '../tests/support/auth';
import { seedSyntheticRuns } from '../tests/e2e/support/synthetic-runs';
import { loadNodeAssetManifest, PUBLIC_DIR } from '../src/ui/node-assets';
import { pageAssets, type AssetManifest } from '../src/ui/assets';

const JS_BUDGET_KB = 60;
const SSR_P95_MS = 50;
const METRICS_P95_MS = 30;
const ITERATIONS = 60;

/** Every script a page runs: entry, preloaded islands and what they import later (workbox-window, uPlot). */
function shippedScripts(manifest: AssetManifest, islands: string[]): string[] {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const dep of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? []).filter((d) => !d.startsWith('islands/'))]) visit(dep);
  };
  const { scripts, preloads } = pageAssets(manifest, islands);
  const byFile = new Map(Object.entries(manifest).map(([k, c]) => [`/${c.file}`, k]));
  for (const url of [...scripts, ...preloads]) visit(byFile.get(url)!);
  return [...files];
}

function gzipKb(files: string[]) {
  return files.reduce((sum, f) => sum + gzipSync(readFileSync(`${PUBLIC_DIR}/${f}`), { level: 9 }).length, 0) / 1024;
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function time(label: string, run: () => Response | Promise<Response>, before?: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await (await run()).arrayBuffer();
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    await before?.(i);
    const t0 = performance.now();
    const res = await run();
    const body = await res.arrayBuffer();
    samples.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`${label}: HTTP ${res.status}`);
    bytes = body.byteLength;
  }
  samples.sort((a, b) => a - b);
  const p50 = percentile(samples, 50);
  const p95 = percentile(samples, 95);
  console.log(`${label}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, ${(bytes / 1024).toFixed(0)} kB body`);
  return p95;
}

const manifest = loadNodeAssetManifest();
const dashboardJs = shippedScripts(manifest, ['AppShell', 'Dashboard']);
const metricsJs = shippedScripts(manifest, ['AppShell', 'Metrics']);
const dashboardKb = gzipKb(dashboardJs);
console.log(`JS shipped, dashboard: ${dashboardKb.toFixed(1)} kB gzip (${dashboardJs.length} files)`);
console.log(`JS shipped, metrics page: ${gzipKb(metricsJs).toFixed(1)} kB gzip (${metricsJs.length} files)`);

const t = await createTestApp({ deps: { assets: manifest } });
const t0 = performance.now();
// 20 servers × 10 jobs × 500 daily runs = 200 jobs and 100,000 runs; plus one job with 10,000 runs.
await seedSyntheticRuns(t.db, { servers: 20, jobsPerServer: 10, runsPerJob: 500, end: t.clock.now() });
const { jobIds } = await seedSyntheticRuns(t.db, { servers: 1, jobsPerServer: 1, runsPerJob: 10_000, end: t.clock.now(), intervalMs: 3_600_000, prefix: 'long' });
console.log(`seeded 201 jobs, 110,000 runs in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const cookie = await loginAs(t, 'viewer', 'bench');
const headers = { cookie, 'accept-language': 'en' };

const ssrP95 = await time('SSR GET / (201 jobs, 110,000 runs)', () => t.app.request('/', { headers }));
// Cold: the data changed since the last read (here a server alias), so the page reads everything again.
await time('SSR GET / cold (data changed before each request)', () => t.app.request('/', { headers }), (i) =>
  t.db.run(sql`UPDATE servers SET alias = ${`bench-${i}`} WHERE id = (SELECT id FROM servers LIMIT 1)`));
const metricsP95 = await time(`GET /api/ui/metrics job All (10,000 runs)`, () =>
  t.app.request(`/api/ui/metrics?scope=job:${jobIds[0]}&range=All`, { headers }));
await time('GET /api/ui/metrics all jobs All (110,000 runs)', () => t.app.request('/api/ui/metrics?scope=all&range=All', { headers }));
await time('GET /api/ui/dashboard (JSON, no ETag)', () => t.app.request('/api/ui/dashboard', { headers }));
await time('GET /api/ui/dashboard/view (island refresh after a change: server HTML)', () => t.app.request('/api/ui/dashboard/view?layout=cards', { headers }));
t.close();

const failures = [
  dashboardKb > JS_BUDGET_KB && `dashboard JS ${dashboardKb.toFixed(1)} kB > ${JS_BUDGET_KB} kB`,
  ssrP95 >= SSR_P95_MS && `SSR p95 ${ssrP95.toFixed(1)} ms >= ${SSR_P95_MS} ms`,
  metricsP95 >= METRICS_P95_MS && `metrics p95 ${metricsP95.toFixed(1)} ms >= ${METRICS_P95_MS} ms`,
].filter(Boolean);
if (failures.length) {
  console.log(`over budget: ${failures.join('; ')}`);
  process.exit(1);
}
console.log('all dashboard budgets met');
