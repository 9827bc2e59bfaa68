import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy } from '../../src/auth/password-policy';
import { hashPassword, parseHash, verifyPassword } from '../../src/auth/password-hash';

describe('password policy', () => {
  it.each([
    ['eleven char', ['too_short']],
    ['twelve chars', []],
    ['Password1234', ['common']],
    ['aaaaaaaaaaaaaaaa', ['common']],
    ['my name is alice ok', ['contains_username']],
    ['correct horse battery', []],
    ['xy'.repeat(129), ['too_long']],
  ] as const)('"%s" has problems %j', (password, problems) => {
    expect(checkPasswordPolicy(password, 'alice')).toEqual(problems);
  });
});

describe('password hashes', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('a long enough password');
    expect(await verifyPassword('a long enough password', stored)).toEqual({ ok: true, needsRehash: false });
    expect(await verifyPassword('a long enough passworD', stored)).toEqual({ ok: false, needsRehash: false });
  });

  it('flags a hash made with older parameters for rehashing', async () => {
    const old = await hashPassword('a long enough password', { ln: 14, r: 8, p: 1 });
    expect(parseHash(old)?.params).toEqual({ ln: 14, r: 8, p: 1 });
    expect(await verifyPassword('a long enough password', old)).toEqual({ ok: true, needsRehash: true });
  });

  it('treats an unknown format as a failed verification', async () => {
    expect(await verifyPassword('x', '$2b$10$abcdefghijklmnopqrstuv')).toEqual({ ok: false, needsRehash: false });
    expect(parseHash('$scrypt$v=1$ln=40,r=8,p=1$AAAA$AAAA')).toBeNull();
  });
});
