import { describe, it } from 'vitest';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import worker from '../../src/worker';
import { openWebDatabase } from '../../src/db/web-client';
import { scenarios, type ScenarioTarget } from '../support/scenarios';

// The shared scenarios against the Worker entry in workerd, over @libsql/client/web to the Hrana server.
describe('the Worker entry', () => {
  const target: ScenarioTarget = {
    fetch: async (path, init) => {
      const ctx = createExecutionContext();
      const res = await worker.fetch(new Request(new URL(path, 'https://backwatch.test'), init), env, ctx as never);
      await waitOnExecutionContext(ctx);
      return res;
    },
    db: openWebDatabase(env.TURSO_DATABASE_URL!, env.TURSO_AUTH_TOKEN),
    uploadToken: env.UPLOAD_TOKEN!,
    now: () => new Date(),
  };

  for (const scenario of scenarios) it(scenario.name, () => scenario.run(target));
});
