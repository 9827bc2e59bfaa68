import { describe, expect, it } from 'vitest';
import { startSmtpCapture } from '../../../../tests/support/notify-peers';
import type { Message } from '../channel';
import { email, emailConfig, emailHtml } from './email';
import { nodeMailTransport } from './transport-node';
import { silentLogger } from '../../../logger';

const message: Message = {
  kind: 'failed', reminder: false, test: false, title: '❌ Error - Docs <1> @ nas', body: 'line 1\nline <2> & more', vars: {}, url: 'https://bw.example/jobs/1', tag: 'job-1', jobId: 1,
};

describe('e-mail channel', { timeout: 30_000 }, () => {
  it('sends plain text and HTML with authentication through a real SMTP server', async () => {
    const smtp = await startSmtpCapture({ username: 'u', password: 'p' });
    try {
      const config = emailConfig.parse({ host: '127.0.0.1', port: smtp.port, security: 'none', username: 'u', fromName: 'Backwatch', fromAddress: 'bw@example.com', recipients: ['a@example.com', 'b@example.com'] });
      const attempt = await email.send({ config, secret: 'p', message, services: { fetch, logger: silentLogger, sendMail: nodeMailTransport } });
      expect(attempt).toMatchObject({ responseCode: 250, error: null });
      const [mail] = smtp.messages;
      expect(mail!.authUser).toBe('u');
      expect(mail!.subject).toBe(message.title);
      expect(mail!.from?.value).toEqual([{ name: 'Backwatch', address: 'bw@example.com' }]);
      expect((Array.isArray(mail!.to) ? mail!.to : [mail!.to]).map((a) => a!.text).join(', ')).toBe('a@example.com, b@example.com');
      expect(mail!.text?.trimEnd()).toBe('line 1\nline <2> & more\n\nhttps://bw.example/jobs/1');
      expect(mail!.html).toContain('line &#60;2&#62; &#38; more');
    } finally {
      await smtp.close();
    }
  });

  it('reports a wrong password as a failed attempt with the SMTP code', async () => {
    const smtp = await startSmtpCapture({ username: 'u', password: 'p' });
    try {
      const config = emailConfig.parse({ host: '127.0.0.1', port: smtp.port, security: 'none', username: 'u', fromAddress: 'bw@example.com', recipients: ['a@example.com'] });
      const attempt = await email.send({ config, secret: 'wrong', message, services: { fetch, logger: silentLogger, sendMail: nodeMailTransport } });
      expect(attempt.responseCode).toBe(535);
      expect(attempt.error).toContain('Invalid username or password');
      expect(smtp.messages).toHaveLength(0);
    } finally {
      await smtp.close();
    }
  });

  it('escapes the HTML part', () => {
    expect(emailHtml(message)).toContain('Docs &#60;1&#62;');
    expect(emailHtml(message)).not.toContain('<2>');
  });
});
