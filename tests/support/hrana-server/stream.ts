import Database from 'libsql';
import { scanSql } from './sql-scan';
import {
  StreamError,
  valueFromProto,
  valueToProto,
  type BatchCond,
  type ProtoError,
  type ProtoStmt,
  type StmtResult,
  type StreamRequest,
  type StreamResponse,
} from './protocol';

type Connection = InstanceType<typeof Database>;

/** sqld answers the primary result code (SQLITE_CONSTRAINT), not the extended one libSQL reports. */
function sqliteError(err: unknown): StreamError {
  const e = err as { code?: unknown; message?: unknown };
  if (typeof e.code === 'string' && e.code.startsWith('SQLITE_')) {
    const primary = e.code.split('_').slice(0, 2).join('_');
    return new StreamError(`SQLite error: ${String(e.message)}`, primary);
  }
  return err instanceof StreamError ? err : new StreamError(String(e.message ?? err), 'INTERNAL');
}

function toProtoError(err: unknown): ProtoError {
  const e = sqliteError(err);
  return { message: e.message, code: e.code };
}

/**
 * One Hrana stream: its own libSQL connection to the shared database file, so a transaction
 * begun on one baton is invisible to the others until it commits, as on sqld.
 */
export class HranaStream {
  readonly #conn: Connection;
  readonly #sqls = new Map<number, string>();
  readonly #countersStmt;

  constructor(path: string) {
    this.#conn = new Database(path);
    this.#countersStmt = this.#conn.prepare('SELECT changes(), total_changes(), last_insert_rowid()').raw(true).safeIntegers(true);
  }

  close() {
    // Closing the connection rolls back any transaction the client left open.
    this.#conn.close();
  }

  handle(req: StreamRequest): StreamResponse {
    switch (req.type) {
      case 'close':
        return { type: 'close' };
      case 'execute':
        return { type: 'execute', result: this.#execute(req.stmt) };
      case 'batch':
        return { type: 'batch', result: this.#batch(req.batch.steps) };
      case 'sequence':
        try {
          this.#conn.exec(this.#sqlText(req.sql, req.sql_id));
        } catch (err) {
          throw sqliteError(err);
        }
        return { type: 'sequence' };
      case 'describe':
        return { type: 'describe', result: this.#describe(this.#sqlText(req.sql, req.sql_id)) };
      case 'store_sql':
        if (this.#sqls.has(req.sql_id)) throw new StreamError(`SQL text ${req.sql_id} is already stored on this stream`, 'SQL_ID_IN_USE');
        this.#sqls.set(req.sql_id, req.sql);
        return { type: 'store_sql' };
      case 'close_sql':
        this.#sqls.delete(req.sql_id);
        return { type: 'close_sql' };
      case 'get_autocommit':
        return { type: 'get_autocommit', is_autocommit: !this.#conn.inTransaction };
    }
  }

  #sqlText(sql: string | null | undefined, sqlId: number | null | undefined): string {
    if (sql != null && sqlId != null) throw new StreamError('Both sql and sql_id were given', 'PROTOCOL_ERROR');
    if (sql != null) return sql;
    if (sqlId == null) throw new StreamError('Neither sql nor sql_id was given', 'PROTOCOL_ERROR');
    const stored = this.#sqls.get(sqlId);
    if (stored === undefined) throw new StreamError(`SQL text ${sqlId} was not stored on this stream`, 'SQL_NOT_FOUND');
    return stored;
  }

  #prepare(sql: string) {
    try {
      return this.#conn.prepare(sql);
    } catch (err) {
      const e = err as { code?: string; message?: string };
      if (e.code === 'SQLITE_ERROR') throw new StreamError(`SQL input error: ${e.message}`, 'SQL_INPUT_ERROR');
      throw sqliteError(err);
    }
  }

  #execute(stmt: ProtoStmt): StmtResult {
    const sql = this.#sqlText(stmt.sql, stmt.sql_id);
    const scan = scanSql(sql);
    if (scan.statements === 0) throw new StreamError('SQL string does not contain any statement', 'SQL_NO_STATEMENT');
    if (scan.statements > 1) throw new StreamError('SQL string contains more than one statement', 'SQL_MANY_STATEMENTS');
    const args = stmt.args ?? [];
    const namedArgs = stmt.named_args ?? [];
    if (args.length > 0 && namedArgs.length > 0) {
      throw new StreamError('Specifying both positional and named arguments is not supported', 'ARGS_BOTH_POSITIONAL_AND_NAMED');
    }
    let bind: unknown[] | Record<string, unknown>;
    if (namedArgs.length > 0) {
      bind = {};
      const known = new Set(scan.params.filter((p): p is string => p !== null && !p.startsWith('?')));
      for (const { name, value } of namedArgs) {
        // Names may come with or without their prefix; libSQL binds them without it.
        const bare = /^[:@$]/.test(name) ? name.slice(1) : name;
        if (![':', '@', '$'].some((p) => known.has(p + bare))) {
          throw new StreamError(`Arguments do not match SQL parameters: no parameter named ${name}`, 'ARGS_INVALID');
        }
        bind[bare] = valueFromProto(value);
      }
    } else {
      if (args.length !== scan.params.length) {
        throw new StreamError(`Arguments do not match SQL parameters: expected ${scan.params.length}, got ${args.length}`, 'ARGS_INVALID');
      }
      bind = args.map(valueFromProto);
    }

    const prepared = this.#prepare(sql);
    const totalBefore = this.#counters().total;
    let rows: unknown[][] = [];
    try {
      if (prepared.reader) rows = prepared.raw(true).safeIntegers(true).all(bind) as unknown[][];
      else prepared.run(bind);
    } catch (err) {
      throw sqliteError(err);
    }
    const after = this.#counters();
    const cols = prepared.reader ? prepared.columns().map((c) => ({ name: c.name, decltype: c.type })) : [];
    return {
      cols,
      rows: stmt.want_rows === false ? [] : rows.map((r) => r.map(valueToProto)),
      // changes() keeps the previous statement's count across a SELECT; only a real change counts.
      affected_row_count: after.total === totalBefore ? 0 : after.changes,
      last_insert_rowid: after.lastInsertRowid,
    };
  }

  #counters() {
    const row = this.#countersStmt.get([]) as bigint[];
    return { changes: Number(row[0]), total: Number(row[1]), lastInsertRowid: String(row[2]) };
  }

  #batch(steps: { condition?: BatchCond | null; stmt: ProtoStmt }[]) {
    const step_results: (StmtResult | null)[] = [];
    const step_errors: (ProtoError | null)[] = [];
    const holds = (c: BatchCond): boolean => {
      switch (c.type) {
        case 'ok':
          return step_results[c.step] != null;
        case 'error':
          return step_errors[c.step] != null;
        case 'not':
          return !holds(c.cond);
        case 'and':
          return c.conds.every(holds);
        case 'or':
          return c.conds.some(holds);
        case 'is_autocommit':
          return !this.#conn.inTransaction;
      }
    };
    steps.forEach(({ condition, stmt }, i) => {
      step_results.push(null);
      step_errors.push(null);
      if (condition && !holds(condition)) return;
      try {
        step_results[i] = this.#execute(stmt);
      } catch (err) {
        step_errors[i] = toProtoError(err);
      }
    });
    return { step_results, step_errors };
  }

  #describe(sql: string) {
    const scan = scanSql(sql);
    if (scan.statements !== 1) throw new StreamError(`SQL string must contain exactly one statement (found ${scan.statements})`, 'SQL_MANY_STATEMENTS');
    const prepared = this.#prepare(sql);
    const isExplain = scan.firstKeyword === 'EXPLAIN';
    return {
      params: scan.params.map((name) => ({ name })),
      cols: prepared.reader ? prepared.columns().map((c) => ({ name: c.name, decltype: c.type })) : [],
      is_explain: isExplain,
      is_readonly: isExplain || !this.#writes(sql),
    };
  }

  /** True when the statement's bytecode opens a write transaction (what sqlite3_stmt_readonly answers). */
  #writes(sql: string): boolean {
    const ops = this.#prepare(`EXPLAIN ${sql}`).raw(true).all([]) as [number, string, number, number][];
    return ops.some(([, opcode, , p2]) => opcode === 'Transaction' && p2 !== 0);
  }
}

export { toProtoError };
