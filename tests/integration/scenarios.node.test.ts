import { afterAll, beforeAll, describe, it } from 'vitest';
import { createTestApp, UPLOAD_TOKEN } from '../support/test-app';
import { scenarios, type ScenarioTarget } from '../support/scenarios';

// The shared scenarios against the Node entry's app on a real libSQL file (the Worker runs the same list).
describe('the Node entry', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let target: ScenarioTarget;

  beforeAll(async () => {
    app = await createTestApp();
    target = {
      fetch: async (path, init) => {
        const res = await app.app.request(path, init);
        await app.settle();
        return res;
      },
      db: app.db,
      uploadToken: UPLOAD_TOKEN,
      now: app.clock.now,
    };
  });
  afterAll(() => app.close());

  for (const scenario of scenarios) it(scenario.name, () => scenario.run(target));
});
