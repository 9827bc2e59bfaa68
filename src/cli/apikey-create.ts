import { createApiKey } from '../auth/api-keys';
import { openCliDatabase, runCli } from './open-database';

// npm run apikey:create -- <name>: prints a new read-API key once.
runCli(async () => {
  const name = process.argv.slice(2).join(' ').trim();
  if (!name) throw new Error('Usage: npm run apikey:create -- <name>   (e.g. npm run apikey:create -- homepage-widget)');
  const { db, close } = await openCliDatabase(process.env);
  try {
    const key = await createApiKey(db, name, new Date());
    process.stdout.write(`API key "${key.name}" (id ${key.id}). Shown only now, store it safely:\n${key.key}\n`);
  } finally {
    close();
  }
});
