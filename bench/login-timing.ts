/**
 * Login timing: does the answer time tell an unknown username from a wrong password? Logs in
 * alternately as an unknown user and as a real user with a wrong password through the real app
 * (real libSQL file), and prints the median and p90 of each and their ratio. Throttling is lifted
 * between attempts by moving the app's clock. Also times one hash and one verification.
 *
 *   npx tsx bench/login-timing.ts            (ROUNDS=40 by default)
 *
 * Exits non-zero when the medians differ by more than 15 %.
 */
import { createUser } from '../src/auth/users';
import { hashPassword, verifyPassword } from '../src/auth/password-hash';
import { createTestApp } from '../tests/support/test-app';

const ROUNDS = Number(process.env.ROUNDS ?? 40);
const MAX_RATIO = 1.15;

const t = await createTestApp();
await createUser(t.db, { username: 'alice', role: 'user', password: 'the real password 1', mustChangePassword: false }, t.clock.now());

async function attempt(username: string, address: number): Promise<number> {
  const started = performance.now();
  const res = await t.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'not the password' }),
  });
  await res.arrayBuffer();
  if (res.status !== 401) throw new Error(`expected 401, got ${res.status} (attempt ${address})`);
  // Forget the failures so back-off never answers early.
  t.clock.advance(25 * 3_600_000);
  return performance.now() - started;
}

const unknown: number[] = [];
const wrong: number[] = [];
await attempt('warm-up', 0);
for (let i = 0; i < ROUNDS; i++) {
  unknown.push(await attempt(`ghost${i}`, i));
  wrong.push(await attempt('alice', i));
}

const hashStart = performance.now();
const stored = await hashPassword('a password to time');
const hashMs = performance.now() - hashStart;
const verifyStart = performance.now();
await verifyPassword('a password to time', stored);
const verifyMs = performance.now() - verifyStart;
t.close();

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const ratio = Math.max(pct(unknown, 0.5), pct(wrong, 0.5)) / Math.min(pct(unknown, 0.5), pct(wrong, 0.5));
const f = (ms: number) => ms.toFixed(0).padStart(5);
console.log(`rounds ${ROUNDS}`);
console.log(`unknown user     median ${f(pct(unknown, 0.5))} ms   p90 ${f(pct(unknown, 0.9))} ms`);
console.log(`wrong password   median ${f(pct(wrong, 0.5))} ms   p90 ${f(pct(wrong, 0.9))} ms`);
console.log(`median ratio     ${ratio.toFixed(3)} (limit ${MAX_RATIO})`);
console.log(`one hash ${hashMs.toFixed(0)} ms, one verification ${verifyMs.toFixed(0)} ms`);
if (ratio > MAX_RATIO) process.exit(1);
