import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../src/db/migrate';
import { openWebDatabase } from '../../src/db/web-client';
import { MIGRATIONS_DIR } from '../../src/project-root';
import { startHranaServer } from '../support/hrana-server/server';
import TEST_BINDINGS from './test-bindings.json';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A database of its own for the subrequest budget test, so other tests' alerts never mix with its count. */
    budgetTursoUrl: string;
    /** Another for the retention budget test, read with inject(): its old rows and ticks stay its own. */
    retentionTursoUrl: string;
  }
}

/** Runs in Node before workerd starts. */
export default async function setup(project: TestProject) {
  const [budget, retention] = await Promise.all([startHranaServer({ authToken: TEST_BINDINGS.TURSO_AUTH_TOKEN }), startHranaServer({ authToken: TEST_BINDINGS.TURSO_AUTH_TOKEN })]);
  for (const server of [budget, retention]) await applyMigrations(openWebDatabase(server.url, TEST_BINDINGS.TURSO_AUTH_TOKEN), MIGRATIONS_DIR);
  project.provide('budgetTursoUrl', budget.url);
  project.provide('retentionTursoUrl', retention.url);
  return async () => {
    await Promise.all([budget.close(), retention.close()]);
  };
}
