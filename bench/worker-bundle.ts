// Worker bundle size: what `npm run build:worker` uploads, gzipped, and which packages weigh most.
// Run: npx tsx bench/worker-bundle.ts   (offline; builds the front end first, as a deploy does)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const TARGET_GZIP_KB = 400;

const out = mkdtempSync(join(tmpdir(), 'backwatch-bundle-'));
try {
  execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', out, '--metafile', join(out, 'meta.json')], {
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const code = readFileSync(join(out, 'worker.js'));
  const gzipKb = gzipSync(code, { level: 9 }).byteLength / 1024;
  console.log(`worker.js ${(code.byteLength / 1024).toFixed(0)} kB minified, ${gzipKb.toFixed(0)} kB gzip (target < ${TARGET_GZIP_KB} kB, free plan limit 3 MB)`);

  const meta = JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8')) as { outputs: Record<string, { inputs?: Record<string, { bytesInOutput: number }> }> };
  const bundle = Object.entries(meta.outputs).find(([name]) => name.endsWith('worker.js'))![1];
  const byPackage = new Map<string, number>();
  for (const [file, { bytesInOutput }] of Object.entries(bundle.inputs ?? {})) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? file.split('/').slice(0, 2).join('/');
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + bytesInOutput);
  }
  console.log('largest parts (minified kB before gzip):');
  for (const [pkg, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${pkg.padEnd(32)} ${(bytes / 1024).toFixed(0)}`);
  if (gzipKb >= TARGET_GZIP_KB) process.exitCode = 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
