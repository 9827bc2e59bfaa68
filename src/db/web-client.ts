import { createClient } from '@libsql/client/web';
import { drizzle } from 'drizzle-orm/libsql/web';
import type { Database } from './database';
import * as schema from './schema/index';

/** libSQL over HTTP (Turso), built per request from the Worker's bindings. */
export function openWebDatabase(url: string, authToken: string | undefined): Database {
  const client = createClient({ url, authToken, intMode: 'number' });
  return drizzle(client, { schema }) as unknown as Database;
}
