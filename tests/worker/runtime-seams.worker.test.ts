import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/auth/password-hash';

// The runtime-specific pieces other capabilities chose, proven to run inside workerd.
describe('inside workerd', () => {
  it('hashes a password with scrypt and verifies it, refusing a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^\$scrypt\$v=1\$ln=15,r=8,p=3\$/);
    expect(await verifyPassword('correct horse battery staple', stored)).toEqual({ ok: true, needsRehash: false });
    expect((await verifyPassword('wrong horse', stored)).ok).toBe(false);
  });
});
