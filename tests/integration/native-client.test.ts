import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openNodeDatabase } from '../../src/db/node-client';
import { tempDir } from '../support/temp-dir';

// The embedded database's client, on a real file: what drizzle and the writer rely on from it.

async function open() {
  const dir = tempDir('backwatch-native-');
  const opened = await openNodeDatabase(`file:${join(dir, 'native.db')}`);
  await opened.client.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, size INTEGER, data BLOB)');
  return opened;
}

describe('the embedded database client', () => {
  it('reuses one statement with other arguments and returns each call its own rows', async () => {
    const { client } = await open();
    const insert = 'INSERT INTO t (name, size) VALUES (?, ?) RETURNING id, name';
    const first = await client.execute({ sql: insert, args: ['a', 1] });
    const second = await client.execute({ sql: insert, args: ['b', 2] });
    expect(first.rows.map((r) => ({ ...r }))).toEqual([{ id: 1, name: 'a' }]);
    expect(second.rows.map((r) => ({ ...r }))).toEqual([{ id: 2, name: 'b' }]);
    expect(second.columns).toEqual(['id', 'name']);
  });

  it('gives rows by index and by column name, with only the names enumerable', async () => {
    const { client } = await open();
    await client.execute({ sql: 'INSERT INTO t (name, size) VALUES (?, ?)', args: ['a', 7] });
    const [row] = (await client.execute('SELECT name, size FROM t')).rows;
    expect([row![0], row![1], row!.length]).toEqual(['a', 7, 2]);
    expect(Object.keys(row!)).toEqual(['name', 'size']);
  });

  it('keeps the first of a repeated column name by name and every value by index, as rows serialise by name', async () => {
    const { client } = await open();
    await client.execute({ sql: 'INSERT INTO t (name, size) VALUES (?, ?)', args: ['a', 7] });
    const first = (await client.execute('SELECT name AS x, size AS x, size FROM t')).rows[0]!;
    expect([first[0], first[1], first[2], first.length]).toEqual(['a', 7, 7, 3]);
    expect({ ...first }).toEqual({ x: 'a', size: 7 });
    expect(JSON.parse(JSON.stringify(first))).toEqual({ x: 'a', size: 7 });
    expect(Array.prototype.slice.call(first)).toEqual(['a', 7, 7]);
    // Each row has its own values, though rows of one statement share their shape.
    await client.execute({ sql: 'INSERT INTO t (name, size) VALUES (?, ?)', args: ['b', 8] });
    const rows = (await client.execute('SELECT name, size FROM t ORDER BY id')).rows;
    expect(rows.map((r) => [r[0], r.size])).toEqual([['a', 7], ['b', 8]]);
  });

  it('reports changes and the new rowid of a write, and named arguments with any prefix', async () => {
    const { client } = await open();
    const inserted = await client.execute({ sql: 'INSERT INTO t (name, size) VALUES (:name, @size)', args: { name: 'a', size: 1 } });
    expect([inserted.rowsAffected, inserted.lastInsertRowid]).toEqual([1, 1n]);
    const updated = await client.execute({ sql: 'UPDATE t SET size = $size', args: { $size: 5 } });
    expect(updated.rowsAffected).toBe(1);
  });

  it('stores and returns blobs byte for byte, and booleans as 0 and 1', async () => {
    const { client } = await open();
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await client.execute({ sql: 'INSERT INTO t (name, size, data) VALUES (?, ?, ?)', args: ['a', true, bytes.buffer] });
    const [row] = (await client.execute('SELECT size, data FROM t')).rows;
    expect(row!.size).toBe(1);
    expect(new Uint8Array(row!.data as ArrayBuffer)).toEqual(bytes);
  });

  it('refuses an integer JavaScript cannot hold instead of rounding it', async () => {
    const { client } = await open();
    await client.execute({ sql: 'INSERT INTO t (name, size) VALUES (?, ?)', args: ['big', 2n ** 60n] });
    await expect(client.execute('SELECT size FROM t')).rejects.toThrow(RangeError);
  });

  it('rolls a batch back as a whole when one statement fails, and names the SQLite error', async () => {
    const { client } = await open();
    await client.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: ['taken'] });
    const failing = client.batch(
      [
        { sql: 'INSERT INTO t (name) VALUES (?)', args: ['new'] },
        { sql: 'INSERT INTO t (name) VALUES (?)', args: ['taken'] },
      ],
      'write',
    );
    await expect(failing).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT', extendedCode: 'SQLITE_CONSTRAINT_UNIQUE' });
    const names = (await client.execute('SELECT name FROM t ORDER BY id')).rows.map((r) => r.name);
    expect(names).toEqual(['taken']);
    // The connection is usable afterwards: the next batch commits.
    await client.batch([{ sql: 'INSERT INTO t (name) VALUES (?)', args: ['after'] }], 'write');
    expect((await client.execute('SELECT count(*) AS n FROM t')).rows[0]!.n).toBe(2);
  });

  it('keeps statements prepared across many distinct texts without failing', async () => {
    const { client } = await open();
    // More distinct statements than the cache holds: old ones are dropped and prepared again when needed.
    for (let i = 0; i < 600; i++) await client.execute({ sql: `INSERT INTO t (name, size) VALUES (?, ${i})`, args: [`n${i}`] });
    const again = await client.execute({ sql: 'INSERT INTO t (name, size) VALUES (?, 0)', args: ['again'] });
    expect(again.rowsAffected).toBe(1);
    expect((await client.execute('SELECT count(*) AS n FROM t')).rows[0]!.n).toBe(601);
  });

  it('refuses interactive transactions with a message saying to use batches', async () => {
    const { client } = await open();
    await expect(client.transaction('write')).rejects.toThrow(/use batch\(\)/);
  });
});
