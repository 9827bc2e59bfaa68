import { recordAudit, SYSTEM_ACTOR } from '../admin/audit';
import { clearAccountFailures } from '../auth/throttle';
import { findUserByName, generatePassword, setPassword, updateUser } from '../auth/users';
import { openCliDatabase, runCli } from './open-database';

// npm run user:reset-password -- <name>: recovery when nobody can log in. Prints a one-time
// password, re-enables the account, clears its lockout and ends its sessions.
runCli(async () => {
  const name = process.argv.slice(2).join(' ').trim();
  if (!name) throw new Error('Usage: npm run user:reset-password -- <username>   (e.g. npm run user:reset-password -- admin)');
  const { db, close, where } = await openCliDatabase(process.env);
  try {
    const user = await findUserByName(db, name);
    if (!user) throw new Error(`No user "${name}" in ${where}.`);
    const now = new Date();
    const password = generatePassword();
    await setPassword(db, user.id, password, true, now);
    if (user.disabledAt) await updateUser(db, user.id, { disabled: false }, now);
    await clearAccountFailures(db, user.username);
    await recordAudit(db, { action: 'password.reset', actor: SYSTEM_ACTOR, target: `user:${user.username}`, details: { via: 'cli' } }, now);
    process.stdout.write(`One-time password for "${user.username}" (shown only now; it must be changed at the next login):\n${password}\n`);
  } finally {
    close();
  }
});
