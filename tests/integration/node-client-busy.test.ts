import { join } from 'node:path';
import Database from 'libsql';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openNodeDatabase } from '../../src/db/node-client';
import { tempDir } from '../support/temp-dir';

/**
 * PLATFORM.md "Silent write loss", at the connection level: once a write fails with SQLITE_BUSY,
 * a raw @libsql/client connection answers later single-statement writes without committing them
 * (and fails later batches). openNodeDatabase must leave a connection that commits again.
 */

async function openWithTable() {
  const dir = tempDir('backwatch-busy-');
  const file = join(dir, 'busy.db');
  const opened = await openNodeDatabase(`file:${file}`, 50);
  await opened.client.execute('CREATE TABLE t (x INTEGER NOT NULL)');
  return { file, ...opened };
}

/** Another process's write transaction, held until `release`. */
function holdWriteLock(file: string) {
  const other = new Database(file);
  other.exec('BEGIN IMMEDIATE');
  other.exec('INSERT INTO t VALUES (-1)');
  return () => {
    other.exec('COMMIT');
    other.close();
  };
}

const storedRows = (file: string) => {
  const check = new Database(file, { readonly: true });
  const n = (check.prepare('SELECT count(*) AS n FROM t WHERE x > 0').get() as { n: number }).n;
  check.close();
  return n;
};

describe('openNodeDatabase after SQLITE_BUSY', () => {
  it.each([
    ['a single statement', (db: Awaited<ReturnType<typeof openWithTable>>) => db.client.execute('INSERT INTO t VALUES (0)')],
    ['a batch', (db: Awaited<ReturnType<typeof openWithTable>>) => db.client.batch([{ sql: 'INSERT INTO t VALUES (0)', args: [] }], 'write')],
  ])('commits every later write once %s failed with SQLITE_BUSY', async (_what, failingWrite) => {
    const opened = await openWithTable();
    const release = holdWriteLock(opened.file);
    await expect(failingWrite(opened)).rejects.toMatchObject({ code: expect.stringMatching(/^SQLITE_BUSY/) });
    release();

    for (let i = 1; i <= 3; i++) await opened.client.execute({ sql: 'INSERT INTO t VALUES (?)', args: [i] });
    await opened.db.batch([opened.db.run(sql`INSERT INTO t VALUES (4)`), opened.db.run(sql`INSERT INTO t VALUES (5)`)]);
    opened.client.close();

    expect(storedRows(opened.file)).toBe(5);
  });
});
