import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { hashPassword, verifyPassword } from '../../src/auth/password-hash';
import { webPush } from '../../src/notify/channels/webpush/webpush';
import { generateVapidKeys } from '../../src/notify/channels/webpush/vapid';
import type { Message } from '../../src/notify/channels/channel';
import { workerMailTransport } from '../../src/notify/channels/email/transport-worker';
import { silentLogger } from '../../src/logger';
import { compressBody, decompressBody } from '../../src/ingest/body-codec';

// The runtime-specific pieces other capabilities chose, proven to run inside workerd against the
// same real peers the Node tests use (web-push-testing, smtp-server), started in Node by global-setup.ts.
const message: Message = {
  kind: 'failed',
  reminder: false,
  test: true,
  title: 'Documents on nas-01 failed',
  body: 'Fatal error: the remote server returned (503).',
  vars: {},
  url: '/jobs/1',
  tag: 'job-1',
  jobId: 1,
};

describe('inside workerd', () => {
  it('hashes a password with scrypt and verifies it, refusing a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^\$scrypt\$v=1\$ln=15,r=8,p=3\$/);
    expect(await verifyPassword('correct horse battery staple', stored)).toEqual({ ok: true, needsRehash: false });
    expect((await verifyPassword('wrong horse', stored)).ok).toBe(false);
  });

  it('stores a body as brotli and reads it back, and still reads one stored as gzip', async () => {
    const text = JSON.stringify({ Data: { MainOperation: 'Backup', LogLines: Array.from({ length: 50 }, (_, i) => `line ${i}`) } });
    const bytes = new TextEncoder().encode(text);
    const { body, bodyEncoding } = compressBody(bytes);
    expect(bodyEncoding).toBe('br');
    expect(body.byteLength).toBeLessThan(bytes.byteLength / 2);
    expect(new TextDecoder().decode(await decompressBody(body, bodyEncoding))).toBe(text);
    const gzipped = new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
    expect(new TextDecoder().decode(await decompressBody(gzipped, 'gzip'))).toBe(text);
  });

  it('generates VAPID keys with WebCrypto', async () => {
    const keys = await generateVapidKeys();
    expect(keys.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(keys.privateKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('encrypts and sends a web push the push service accepts and decrypts', async () => {
    const sub = JSON.parse(env.PUSH_SUBSCRIPTION!) as { endpoint: string; keys: { p256dh: string; auth: string }; clientHash: string; vapid: { publicKey: string; privateKey: string } };
    const attempt = await webPush.send({
      config: {},
      secret: null,
      message,
      services: { fetch, logger: silentLogger, recipient: { endpoint: sub.endpoint, ...sub.keys }, vapid: { ...sub.vapid, subject: 'mailto:ops@example.com' } },
    });
    expect(attempt).toMatchObject({ responseCode: 201, error: null });

    const read = await fetch(`${new URL(sub.endpoint).origin}/get-notifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientHash: sub.clientHash }),
    });
    const { data } = (await read.json()) as { data: { messages: string[] } };
    expect(data.messages.map((m) => JSON.parse(m))).toContainEqual(expect.objectContaining({ title: message.title, tag: 'job-1', url: '/jobs/1' }));
  });

  it('sends e-mail over cloudflare:sockets with SMTP AUTH, and fails with a wrong password', async () => {
    const server = { host: '127.0.0.1', port: Number(env.SMTP_PORT), security: 'none' as const, username: env.SMTP_USER!, password: env.SMTP_PASSWORD! };
    const mail = { from: { name: 'Backwatch', address: 'backwatch@example.com' }, to: ['ops@example.com'], subject: message.title, text: message.body, html: `<p>${message.body}</p>` };
    await expect(workerMailTransport(server, mail)).resolves.toBeTypeOf('string');
    await expect(workerMailTransport({ ...server, password: 'wrong' }, mail)).rejects.toThrow();
  });
});
