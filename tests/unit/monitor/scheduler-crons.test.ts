import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCHEDULER_CRONS } from '../../../src/monitor/scheduler';

/** The `crons = [...]` array of wrangler.toml's [triggers] table. */
function wranglerCrons(): string[] {
  const toml = readFileSync(fileURLToPath(new URL('../../../wrangler.toml', import.meta.url)), 'utf8');
  const section = /^\[triggers\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(toml)?.[1] ?? '';
  const list = /^crons\s*=\s*\[([^\]]*)\]/m.exec(section)?.[1];
  if (list === undefined) return [];
  return [...list.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
}

describe('cron triggers', () => {
  it('are the same in wrangler.toml as in the Node scheduler', () => {
    expect(wranglerCrons()).toEqual([...SCHEDULER_CRONS]);
  });

  it('stay within the five triggers of the Workers free plan', () => {
    expect(SCHEDULER_CRONS.length).toBeLessThanOrEqual(5);
  });
});
