import type { E2eServer } from './server';
import { fixtureNames, fixtureText } from '../../support/fixtures';
import { upload } from '../../support/test-app';

/** Uploads every Duplicati fixture report through the real ingest path, then waits for background work. */
export async function seedFixtureReports(server: Pick<E2eServer, 'app' | 'settle'>) {
  for (const name of fixtureNames('duplicati')) {
    const res = await upload(server.app, fixtureText(name));
    if (res.status >= 500) throw new Error(`Seeding ${name} failed: ${res.status} ${await res.text()}`);
  }
  await server.settle();
}
