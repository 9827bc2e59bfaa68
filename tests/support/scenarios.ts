import { expect } from 'vitest';
import type { Database } from '../../src/db/database';
import { createApiKey } from '../../src/auth/api-keys';
import successReport from '../fixtures/duplicati/01-backup-success-2.1.json';
import compactReport from '../fixtures/duplicati/05-compact-2.1.json';

/**
 * One runtime under test: the Node entry (tests/integration/scenarios.node.test.ts) or the Worker
 * in workerd (tests/worker/scenarios.worker.test.ts). Both run every case below, so the two
 * runtimes cannot drift apart.
 */
export type ScenarioTarget = {
  /** Sends a request to the app and waits for the background work it started. */
  fetch: (path: string, init?: RequestInit) => Promise<Response>;
  /** The app's own database, for set-up that has no HTTP route (API keys). */
  db: Database;
  uploadToken: string;
  now: () => Date;
};

export type Scenario = { name: string; run: (t: ScenarioTarget) => Promise<void> };

/** A report from a machine no other case uses, so cases can share one database in any order. */
export function freshReport<T extends { Extra: Record<string, string> }>(report: T): { body: T; machineId: string; machineName: string } {
  const machineId = crypto.randomUUID().replaceAll('-', '');
  const machineName = `host-${machineId.slice(0, 8)}`;
  return { body: { ...report, Extra: { ...report.Extra, 'machine-id': machineId, 'machine-name': machineName } }, machineId, machineName };
}

function upload(t: ScenarioTarget, body: unknown, token = t.uploadToken) {
  return t.fetch(`/api/upload/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function readLastBackup(t: ScenarioTarget, machineId: string) {
  const { key } = await createApiKey(t.db, 'scenario reader', t.now());
  return t.fetch(`/api/lastbackup/${machineId}`, { headers: { authorization: `Bearer ${key}` } });
}

export const scenarios: Scenario[] = [
  {
    name: 'a backup report is stored and read back through the read API',
    run: async (t) => {
      const { body, machineId } = freshReport(successReport);
      const res = await upload(t, body);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ success: true });

      const read = await readLastBackup(t, machineId);
      expect(read.status).toBe(200);
      const answer = (await read.json()) as any;
      expect(answer.server).toMatchObject({ id: machineId, name: body.Extra['machine-name'], backup_name: body.Extra['backup-name'] });
      expect(answer.latest_backup).toMatchObject({ name: body.Extra['backup-name'], status: 'Success', fileCount: body.Data.ExaminedFiles });
    },
  },
  {
    name: 'the same report sent twice is refused as duplicated data',
    run: async (t) => {
      const { body } = freshReport(successReport);
      expect((await upload(t, body)).status).toBe(200);
      const again = await upload(t, body);
      expect(again.status).toBe(409);
      expect(await again.json()).toEqual({ error: 'ignored, duplicated data' });
    },
  },
  {
    name: 'a body that is not JSON is refused with a hint to send JSON',
    run: async (t) => {
      const res = await upload(t, 'message=Backup%20done&result=Success');
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toContain('--send-http-result-output-format=Json');
    },
  },
  {
    name: 'a wrong upload token is refused',
    run: async (t) => {
      const res = await upload(t, freshReport(successReport).body, 'not-the-upload-token-at-all');
      expect(res.status).toBe(401);
    },
  },
  {
    name: 'a Compact report is accepted but stores no backup run',
    run: async (t) => {
      const { body, machineId } = freshReport(compactReport);
      const res = await upload(t, body);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ success: true, stored: false });
      expect((await readLastBackup(t, machineId)).status).toBe(404);
    },
  },
  {
    name: 'health says healthy with the database connected',
    run: async (t) => {
      const res = await t.fetch('/api/health');
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'healthy', database: 'connected' });
    },
  },
];
