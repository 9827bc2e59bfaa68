import { Buffer } from 'node:buffer';
import Database from 'libsql';
import type { Client, InStatement, InValue, ResultSet, Row, TransactionMode } from '@libsql/client';

/** An error from the database file, with the base SQLite code (`SQLITE_BUSY`) and the extended one. */
export class SqliteFileError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly extendedCode: string | undefined,
    readonly rawCode: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${message}`, options);
    this.name = 'SqliteFileError';
  }
}

function toSqliteError(err: unknown): unknown {
  const native = err as { code?: unknown; rawCode?: unknown; message?: string };
  if (typeof native?.code !== 'string' || !native.code.startsWith('SQLITE_')) return err;
  // Extended codes add a suffix to the base name (SQLITE_BUSY_SNAPSHOT, SQLITE_CONSTRAINT_UNIQUE).
  const base = native.code.split('_').slice(0, 2).join('_');
  return new SqliteFileError(native.message ?? base, base, native.code, typeof native.rawCode === 'number' ? native.rawCode : undefined, { cause: err });
}

type Prepared = { stmt: Database.Statement; reader: boolean; columns: string[]; columnTypes: string[]; makeRow: (values: unknown[]) => Row };

const MAX_CACHED_STATEMENTS = 512;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

function toSqlValue(value: InValue): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError('Only finite numbers can be stored in the database');
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError('undefined cannot be passed as argument to the database');
  return value;
}

function fromSqlValue(value: unknown): unknown {
  if (typeof value === 'bigint') {
    if (value > MAX_SAFE || value < MIN_SAFE) throw new RangeError('The database returned an integer that cannot be represented as a JavaScript number');
    return Number(value);
  }
  if (value instanceof Buffer) return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength);
  return value;
}

const VALUES = Symbol('values');

/**
 * Rows in the shape of @libsql/client: values by column name (enumerable, first of a repeated
 * name) and by index (not enumerable), with `length`. The index accessors and `length` live on one
 * prototype per statement, so a row costs one object and its named fields: defining 2 properties
 * per column on every row was 35 µs for a 47-column row, now 4 µs (reading it by index, as drizzle
 * does, costs 8 µs more).
 */
function rowMaker(columns: string[]): (values: unknown[]) => Row {
  const proto: Record<string | number, unknown> = {};
  Object.defineProperty(proto, 'length', { value: columns.length });
  columns.forEach((_, i) => Object.defineProperty(proto, i, { get(this: { [VALUES]: unknown[] }) { return this[VALUES][i]; } }));
  const named = columns.map((c, i) => columns.indexOf(c) === i);
  return (values) => {
    const row = Object.create(proto) as Record<string | symbol, unknown>;
    Object.defineProperty(row, VALUES, { value: values });
    for (let i = 0; i < columns.length; i++) if (named[i]) row[columns[i]!] = values[i];
    return row as unknown as Row;
  };
}

function resultSet(columns: string[], columnTypes: string[], rows: Row[], rowsAffected: number, lastInsertRowid: bigint | undefined): ResultSet {
  return {
    columns,
    columnTypes,
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({ columns, columnTypes, rows, rowsAffected, lastInsertRowid: lastInsertRowid?.toString() }),
  };
}

const BEGIN: Record<TransactionMode, string> = { write: 'BEGIN IMMEDIATE', read: 'BEGIN TRANSACTION READONLY', deferred: 'BEGIN DEFERRED' };

/**
 * A `@libsql/client` Client for a local file that keeps its prepared statements for the life of
 * the connection. The stock file client prepares every statement anew and learns whether it
 * returns rows by catching an exception, which was a third of the CPU an upload cost. Every call
 * runs synchronously on the native connection, so a batch is never interleaved with another.
 *
 * After an error inside a transaction the transaction is rolled back here; after SQLITE_BUSY the
 * connection is reopened, because a native connection that met BUSY can be left inside an
 * implicit transaction whose later writes succeed without ever committing (PLATFORM.md).
 */
export class NativeFileClient implements Client {
  closed = false;
  readonly protocol = 'file';
  #db: Database.Database;
  #statements = new Map<string, Prepared>();
  readonly #open: () => Database.Database;

  constructor(open: () => Database.Database) {
    this.#open = open;
    this.#db = open();
  }

  #prepare(sql: string): Prepared {
    const cached = this.#statements.get(sql);
    if (cached) return cached;
    const stmt = this.#db.prepare(sql);
    const reader = stmt.reader;
    let columns: string[] = [];
    let columnTypes: string[] = [];
    if (reader) {
      stmt.raw(true);
      stmt.safeIntegers(true);
      const described = stmt.columns() as { name: string; type: string | null }[];
      columns = described.map((c) => c.name);
      columnTypes = described.map((c) => c.type ?? '');
    } else {
      stmt.safeIntegers(true);
    }
    if (this.#statements.size >= MAX_CACHED_STATEMENTS) this.#statements.delete(this.#statements.keys().next().value!);
    const prepared = { stmt, reader, columns, columnTypes, makeRow: rowMaker(columns) };
    this.#statements.set(sql, prepared);
    return prepared;
  }

  #run(input: InStatement): ResultSet {
    const { sql, args = [] } = typeof input === 'string' ? { sql: input, args: [] } : Array.isArray(input) ? { sql: input[0], args: input[1] } : input;
    const bound = Array.isArray(args) ? args.map(toSqlValue) : Object.fromEntries(Object.entries(args).map(([k, v]) => [k.replace(/^[@$:]/, ''), toSqlValue(v as InValue)]));
    const { stmt, reader, columns, columnTypes, makeRow } = this.#prepare(sql);
    if (reader) {
      const rows = (stmt.all(bound) as unknown[][]).map((values) => makeRow(values.map(fromSqlValue)));
      return resultSet(columns, columnTypes, rows, 0, undefined);
    }
    const info = stmt.run(bound);
    return resultSet([], [], [], info.changes, BigInt(info.lastInsertRowid));
  }

  /** Runs `work`, turning native errors into SqliteFileError and recovering the connection from BUSY. */
  #guard<T>(work: () => T): T {
    this.#checkOpen();
    try {
      return work();
    } catch (err) {
      const mapped = toSqliteError(err);
      if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
      if (mapped instanceof SqliteFileError && mapped.code === 'SQLITE_BUSY') this.#reopen();
      throw mapped;
    }
  }

  #reopen() {
    this.#statements.clear();
    this.#db.close();
    this.#db = this.#open();
  }

  #checkOpen() {
    if (this.closed) throw new SqliteFileError('The client is closed', 'CLIENT_CLOSED', undefined, undefined);
  }

  #transaction(begin: string, stmts: InStatement[], around?: { before: string; after: string }): ResultSet[] {
    return this.#guard(() => {
      if (around) this.#db.exec(around.before);
      try {
        this.#db.exec(begin);
        const results = stmts.map((s) => this.#run(s));
        this.#db.exec('COMMIT');
        return results;
      } finally {
        if (around) {
          if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
          this.#db.exec(around.after);
        }
      }
    });
  }

  async execute(stmtOrSql: InStatement | string, args?: InValue[] | Record<string, InValue>): Promise<ResultSet> {
    const stmt = typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
    return this.#guard(() => this.#run(stmt as InStatement));
  }

  async batch(stmts: InStatement[], mode: TransactionMode = 'deferred'): Promise<ResultSet[]> {
    return this.#transaction(BEGIN[mode], stmts);
  }

  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    return this.#transaction('BEGIN DEFERRED', stmts, { before: 'PRAGMA foreign_keys=off', after: 'PRAGMA foreign_keys=on' });
  }

  async executeMultiple(sql: string): Promise<void> {
    this.#guard(() => this.#db.exec(sql));
  }

  /** Interactive transactions would hold the single connection across awaits; writes go through batches instead. */
  async transaction(): Promise<never> {
    throw new SqliteFileError('Interactive transactions are not used with the embedded database; use batch()', 'SQLITE_MISUSE', undefined, undefined);
  }

  async sync(): Promise<undefined> {
    return undefined;
  }

  reconnect(): void {
    this.#checkOpen();
    this.#reopen();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.#statements.clear();
    this.#db.close();
  }
}
