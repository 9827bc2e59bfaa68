import { describe, expect, it } from 'vitest';
import { composeMessage } from '../../../src/notify/compose';
import { DEFAULT_TEMPLATES } from '../../../src/notify/messages';
import { capLogText, renderTemplate } from '../../../src/notify/render';
import { sampleEvent } from '../../../src/notify/sample';
import { openSecret, sealSecret } from '../../../src/notify/secret-box';
import { eventVariables } from '../../../src/notify/variables';

describe('template rendering', () => {
  it.each([
    ['{backup_name} @ {server_alias}', { backup_name: 'Docs', server_alias: 'NAS' }, 'Docs @ NAS'],
    ['unknown {nope} stays', {}, 'unknown {nope} stays'],
    ['repeated {a}{a}', { a: 'x' }, 'repeated xx'],
    ['no braces', { a: 'x' }, 'no braces'],
    ['value with {braces} is not re-rendered: {a}', { a: '{a}' }, 'value with {braces} is not re-rendered: {a}'],
    ['{toString} is not an inherited property', {}, '{toString} is not an inherited property'],
    ['{ spaced } is literal', { spaced: 'x' }, '{ spaced } is literal'],
  ])('%s', (template, vars, expected) => {
    expect(renderTemplate(template, vars)).toBe(expected);
  });
});

describe('log text cap', () => {
  const more = (n: number) => `+${n}`;
  it.each([
    [['a', 'b', 'c'], 100, 'a\nb\nc'],
    [['aaaa', 'bbbb', 'cccc'], 9, 'aaaa\nbbbb\n+1'],
    [['aaaaaaaaaa', 'b'], 5, 'aaaa…\n+1'],
    [[], 10, ''],
  ])('%j within %d characters', (lines, max, expected) => {
    expect(capLogText(lines, max, more)).toBe(expected);
  });
});

describe('event variables', () => {
  const now = new Date('2026-01-15T12:00:00Z');
  it('has every duplistatus variable for a run event, in English', () => {
    const { details, server, jobId } = sampleEvent('failed', now);
    const vars = eventVariables('failed', details, server, `/jobs/${jobId}`, { language: 'en', timeZone: 'UTC' }, now);
    for (const name of ['server_name', 'server_alias', 'server_note', 'server_url', 'backup_name', 'status', 'backup_date', 'duration', 'uploaded_size', 'storage_size', 'file_size', 'available_versions', 'file_count', 'messages_count', 'warnings_count', 'errors_count']) {
      expect(vars).toHaveProperty(name);
    }
    expect(vars).toMatchObject({ server_alias: 'Office NAS (nas-01)', status: 'Error', duration: '1h 2m', uploaded_size: '700 MB', available_versions: '31', job_url: '/jobs/1' });
  });

  it('has the overdue variables, in French', () => {
    const { details, server } = sampleEvent('overdue', now);
    const vars = eventVariables('overdue', details, server, null, { language: 'fr', timeZone: 'Europe/Paris' }, now);
    expect(vars).toMatchObject({ backup_interval: '1D', overdue_tolerance: '2h', expected_elapsed: 'il y a 3 heures', last_elapsed: 'hier' });
    expect(vars.expected_date).toContain('janv.');
  });
});

describe('composing a message', () => {
  const now = new Date('2026-01-15T12:00:00Z');
  const { details, server } = sampleEvent('failed', now);
  const vars = eventVariables('failed', details, server, '/jobs/1', { language: 'fr', timeZone: 'UTC' }, now);
  const input = { kind: 'failed' as const, reminder: false, test: false, vars, logLines: ['x'.repeat(50), 'y'.repeat(50)], templates: DEFAULT_TEMPLATES.fr, language: 'fr' as const, url: '/jobs/1', jobId: 1 };

  it('renders the French default and caps the log for the channel', () => {
    const m = composeMessage(input, 60);
    expect(m.title).toBe('❌ Erreur - Documents @ Office NAS (nas-01)');
    expect(m.body).toContain('x'.repeat(50));
    expect(m.body).toContain('… et 1 lignes de plus');
    expect(m.tag).toBe('job-1');
  });

  it('marks reminders and tests in the title', () => {
    expect(composeMessage({ ...input, reminder: true }, 60).title.startsWith('Rappel : ')).toBe(true);
    expect(composeMessage({ ...input, test: true }, 60).title.startsWith('Notification de test de Backwatch: ')).toBe(true);
  });
});

describe('channel secrets at rest', () => {
  it('round-trips and never stores the plain text', async () => {
    const sealed = await sealSecret('master-secret-0123456789abcdef0123', 'smtp password');
    expect(sealed).not.toContain('smtp password');
    expect(await openSecret('master-secret-0123456789abcdef0123', sealed)).toBe('smtp password');
  });

  it('says what to do when the master secret changed', async () => {
    const sealed = await sealSecret('master-secret-0123456789abcdef0123', 'x');
    await expect(openSecret('another-secret-0123456789abcdef012', sealed)).rejects.toThrow(/SECRET_KEY changed/);
  });
});
