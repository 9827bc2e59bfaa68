import { describe, expect, it } from 'vitest';
import { startHttpCapture } from '../../../../tests/support/notify-peers';
import type { Message } from '../channel';
import { ntfy, ntfyConfig } from './ntfy';
import { silentLogger } from '../../../logger';

const message = (kind: Message['kind']): Message => ({
  kind, reminder: false, test: false, title: '🕑 Overdue - Documents @ nas-01', body: 'Expected **yesterday**', vars: {}, url: 'https://bw.example/jobs/7', tag: 'job-7', jobId: 7,
});

describe('ntfy channel', { timeout: 30_000 }, () => {
  it.each([
    ['failed', {}, 4],
    ['success', {}, 3],
    ['overdue', { overdue: 5 }, 5],
  ] as const)('publishes a %s event with priority from the settings or the default', async (kind, priority, expected) => {
    const capture = await startHttpCapture();
    try {
      const config = ntfyConfig.parse({ serverUrl: `${capture.url}/`, topic: 'backups', priority, tags: { [kind]: ['floppy_disk'] } });
      const attempt = await ntfy.send({ config, secret: null, message: message(kind), services: { fetch, logger: silentLogger } });
      expect(attempt).toMatchObject({ responseCode: 200, error: null });
      const [req] = capture.requests;
      expect(req!.headers.authorization).toBeUndefined();
      expect(JSON.parse(req!.body.toString())).toEqual({
        topic: 'backups', title: '🕑 Overdue - Documents @ nas-01', message: 'Expected **yesterday**', priority: expected,
        tags: ['duplicati', 'backwatch', kind, 'floppy_disk'], markdown: true, click: 'https://bw.example/jobs/7',
      });
    } finally {
      await capture.close();
    }
  });

  it('sends the access token as a bearer token and keeps it out of the recorded attempt', async () => {
    const capture = await startHttpCapture();
    try {
      const attempt = await ntfy.send({ config: ntfyConfig.parse({ serverUrl: capture.url, topic: 'backups' }), secret: 'tk_secret', message: message('failed'), services: { fetch, logger: silentLogger } });
      expect(capture.requests[0]!.headers.authorization).toBe('Bearer tk_secret');
      expect(JSON.stringify(attempt.headers)).not.toContain('tk_secret');
    } finally {
      await capture.close();
    }
  });

  it('reports a refused token as a failed attempt with the status', async () => {
    const capture = await startHttpCapture();
    try {
      capture.failNext('/', 1, 403);
      const attempt = await ntfy.send({ config: ntfyConfig.parse({ serverUrl: capture.url, topic: 'backups' }), secret: 'wrong', message: message('failed'), services: { fetch, logger: silentLogger } });
      expect(attempt.responseCode).toBe(403);
      expect(attempt.error).toContain('HTTP 403');
    } finally {
      await capture.close();
    }
  });

  it('rejects a topic ntfy would not accept', () => {
    expect(ntfyConfig.safeParse({ topic: 'has spaces' }).success).toBe(false);
  });
});
