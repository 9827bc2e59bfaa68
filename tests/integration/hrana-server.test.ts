import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '@libsql/client/web';
import { startHranaServer, type HranaServer } from '../support/hrana-server/server';

// The Hrana test server driven through the real @libsql/client/web, the client the Worker uses.
const TOKEN = 'hrana-test-token';

let server: HranaServer;
let clock: number;
let client: Client;

beforeEach(async () => {
  clock = 1_000_000;
  server = await startHranaServer({ authToken: TOKEN, idleMs: 10_000, now: () => clock });
  client = createClient({ url: server.url, authToken: TOKEN, intMode: 'number' });
  await client.execute('CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, size INTEGER, ratio REAL, data BLOB)');
});

afterEach(async () => {
  client.close();
  await server.close();
});

async function pipeline(body: unknown, token = TOKEN) {
  const res = await fetch(`${server.url}/v2/pipeline`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('the Hrana test server', () => {
  it('answers GET /v2 so clients see protocol version 2', async () => {
    const res = await fetch(`${server.url}/v2`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
  });

  it('executes statements and round-trips integers, floats, text, nulls and blobs', async () => {
    const inserted = await client.execute({
      sql: 'INSERT INTO items (name, size, ratio, data) VALUES (?, ?, ?, ?) RETURNING id, name',
      args: ['alpha', 42, 0.25, new Uint8Array([0, 1, 254, 255])],
    });
    expect(inserted.rows[0]).toMatchObject({ id: 1, name: 'alpha' });
    expect(inserted.rowsAffected).toBe(1);
    expect(inserted.lastInsertRowid).toBe(1n);
    await client.execute({ sql: 'INSERT INTO items (name) VALUES (:name)', args: { name: 'beta' } });

    const rows = await client.execute('SELECT name, size, ratio, data, typeof(size) AS t FROM items ORDER BY id');
    expect(rows.columns).toEqual(['name', 'size', 'ratio', 'data', 't']);
    expect(rows.columnTypes).toEqual(['TEXT', 'INTEGER', 'REAL', 'BLOB', '']);
    expect(rows.rows[0]).toMatchObject({ name: 'alpha', size: 42, ratio: 0.25, t: 'integer' });
    expect([...new Uint8Array(rows.rows[0]!.data as ArrayBuffer)]).toEqual([0, 1, 254, 255]);
    expect(rows.rows[1]).toMatchObject({ name: 'beta', size: null, data: null });
    expect(rows.rowsAffected).toBe(0);
  });

  it('keeps 64-bit integers exact (they travel as strings)', async () => {
    const big = createClient({ url: server.url, authToken: TOKEN, intMode: 'bigint' });
    await big.execute({ sql: 'INSERT INTO items (name, size) VALUES (?, ?)', args: ['max', 9223372036854775807n] });
    const r = await big.execute("SELECT size FROM items WHERE name = 'max'");
    expect(r.rows[0]!.size).toBe(9223372036854775807n);
    big.close();
  });

  it('runs a batch atomically: one failing statement rolls the whole batch back', async () => {
    await expect(
      client.batch(
        [
          { sql: 'INSERT INTO items (name) VALUES (?)', args: ['one'] },
          { sql: 'INSERT INTO items (name) VALUES (?)', args: ['two'] },
          { sql: 'INSERT INTO items (name) VALUES (?)', args: ['one'] },
        ],
        'write',
      ),
    ).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    expect((await client.execute('SELECT count(*) AS n FROM items')).rows[0]!.n).toBe(0);

    const ok = await client.batch(['INSERT INTO items (name) VALUES (\'a\')', 'INSERT INTO items (name) VALUES (\'b\')', 'SELECT count(*) AS n FROM items'], 'write');
    expect(ok[2]!.rows[0]!.n).toBe(2);
  });

  it('stores repeated SQL texts once per batch and closes every stream the client opens', async () => {
    const stmts = Array.from({ length: 5 }, (_, i) => ({ sql: 'INSERT INTO items (name, size) VALUES (?, ?)', args: [`n${i}`, i] }));
    await client.batch(stmts, 'write');
    expect((await client.execute('SELECT sum(size) AS s FROM items')).rows[0]!.s).toBe(10);
    expect(server.requestsSeen()).toMatchObject({ store_sql: 1, batch: 1 });
    expect(server.openStreams()).toBe(0);
  });

  it('isolates an interactive transaction until commit, and discards it on rollback', async () => {
    const tx = await client.transaction('write');
    await tx.execute("INSERT INTO items (name) VALUES ('pending')");
    expect((await tx.execute('SELECT count(*) AS n FROM items')).rows[0]!.n).toBe(1);
    expect((await client.execute('SELECT count(*) AS n FROM items')).rows[0]!.n).toBe(0);
    await tx.commit();
    expect((await client.execute('SELECT count(*) AS n FROM items')).rows[0]!.n).toBe(1);

    const undone = await client.transaction('write');
    await undone.execute("INSERT INTO items (name) VALUES ('undone')");
    await undone.rollback();
    expect((await client.execute("SELECT count(*) AS n FROM items WHERE name = 'undone'")).rows[0]!.n).toBe(0);
    expect(server.openStreams()).toBe(0);
  });

  it('runs a sequence of statements with executeMultiple', async () => {
    await client.executeMultiple("INSERT INTO items (name) VALUES ('x'); INSERT INTO items (name) VALUES ('y');");
    expect((await client.execute('SELECT count(*) AS n FROM items')).rows[0]!.n).toBe(2);
  });

  it.each([
    ['a syntax error', { sql: 'SELEC 1', args: [] }, 'SQL_INPUT_ERROR'],
    ['a constraint violation', { sql: "INSERT INTO items (id, name) VALUES (1, 'a'), (1, 'b')", args: [] }, 'SQLITE_CONSTRAINT'],
    ['a missing table', { sql: 'SELECT * FROM nothing', args: [] }, 'SQL_INPUT_ERROR'],
    ['too few arguments', { sql: 'SELECT ?, ?', args: [1] }, 'ARGS_INVALID'],
    ['more than one statement', { sql: 'SELECT 1; SELECT 2', args: [] }, 'SQL_MANY_STATEMENTS'],
  ])('reports %s with the code sqld uses', async (_what, stmt, code) => {
    await expect(client.execute(stmt)).rejects.toMatchObject({ code });
  });

  it('refuses a wrong auth token', async () => {
    const wrong = createClient({ url: server.url, authToken: 'wrong', intMode: 'number' });
    await expect(wrong.execute('SELECT 1')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    wrong.close();
  });

  it('answers describe and get_autocommit, and issues a fresh baton for every response', async () => {
    const first = await pipeline({
      baton: null,
      requests: [
        { type: 'describe', sql: 'SELECT name AS n, size FROM items WHERE id = :id AND size > ?3' },
        { type: 'describe', sql: "INSERT INTO items (name) VALUES ('z')" },
        { type: 'execute', stmt: { sql: 'BEGIN' } },
        { type: 'get_autocommit' },
      ],
    });
    expect(first.status).toBe(200);
    const [select, insert, , autocommit] = first.body.results;
    expect(select.response.result).toEqual({
      params: [{ name: ':id' }, { name: null }, { name: '?3' }],
      cols: [
        { name: 'n', decltype: 'TEXT' },
        { name: 'size', decltype: 'INTEGER' },
      ],
      is_explain: false,
      is_readonly: true,
    });
    expect(insert.response.result).toMatchObject({ is_readonly: false, cols: [] });
    expect(autocommit.response).toEqual({ type: 'get_autocommit', is_autocommit: false });

    const second = await pipeline({ baton: first.body.baton, requests: [{ type: 'execute', stmt: { sql: 'ROLLBACK' } }, { type: 'get_autocommit' }, { type: 'close' }] });
    expect(second.body.results[1].response.is_autocommit).toBe(true);
    expect(second.body.baton).toBeNull();

    const reused = await pipeline({ baton: first.body.baton, requests: [{ type: 'get_autocommit' }] });
    expect(reused).toMatchObject({ status: 400, body: { code: 'STREAM_EXPIRED' } });
  });

  it('executes stored SQL texts by id until they are closed', async () => {
    const { body } = await pipeline({
      baton: null,
      requests: [
        { type: 'store_sql', sql_id: 7, sql: "INSERT INTO items (name) VALUES ('stored') RETURNING id" },
        { type: 'execute', stmt: { sql_id: 7 } },
        { type: 'store_sql', sql_id: 7, sql: 'SELECT 1' },
        { type: 'close_sql', sql_id: 7 },
        { type: 'execute', stmt: { sql_id: 7 } },
        { type: 'close' },
      ],
    });
    expect(body.results.map((r: any) => (r.type === 'ok' ? r.response.type : r.error.code))).toEqual([
      'store_sql',
      'execute',
      'SQL_ID_IN_USE',
      'close_sql',
      'SQL_NOT_FOUND',
      'close',
    ]);
    expect(body.results[1].response.result.rows).toEqual([[{ type: 'integer', value: '1' }]]);
  });

  it('answers a malformed pipeline with HTTP 400 and an oversized one with 413', async () => {
    expect(await pipeline({ baton: null, requests: [{ type: 'no-such-request' }] })).toMatchObject({ status: 400, body: { code: 'PROTOCOL_ERROR' } });
    const huge = await pipeline({ baton: null, requests: [{ type: 'execute', stmt: { sql: `SELECT '${'x'.repeat(17 * 1024 * 1024)}'` } }] });
    expect(huge).toMatchObject({ status: 413, body: { code: 'REQUEST_TOO_LARGE' } });
  });

  it('evaluates batch conditions (ok, error, not, and, or) and skips steps whose condition fails', async () => {
    const { body } = await pipeline({
      baton: null,
      requests: [
        {
          type: 'batch',
          batch: {
            steps: [
              { stmt: { sql: 'SELECT 1' } },
              { stmt: { sql: 'SELECT * FROM nothing' } },
              { condition: { type: 'ok', step: 1 }, stmt: { sql: 'SELECT 2' } },
              { condition: { type: 'and', conds: [{ type: 'ok', step: 0 }, { type: 'error', step: 1 }] }, stmt: { sql: 'SELECT 3' } },
              { condition: { type: 'or', conds: [{ type: 'ok', step: 2 }, { type: 'not', cond: { type: 'ok', step: 3 } }] }, stmt: { sql: 'SELECT 4' } },
            ],
          },
        },
        { type: 'close' },
      ],
    });
    const { step_results, step_errors } = body.results[0].response.result;
    expect(step_results.map((r: any) => r?.rows[0][0].value ?? null)).toEqual(['1', null, null, '3', null]);
    expect(step_errors.map((e: any) => e?.code ?? null)).toEqual([null, 'SQL_INPUT_ERROR', null, null, null]);
  });

  it('expires a stream left idle and rolls back its open transaction', async () => {
    const tx = await client.transaction('write');
    await tx.execute("INSERT INTO items (name) VALUES ('abandoned')");
    clock += 10_001;
    await expect(tx.execute('SELECT 1')).rejects.toThrow(/expired/);
    expect((await client.execute('SELECT count(*) AS n FROM items')).rows[0]!.n).toBe(0);
  });
});
