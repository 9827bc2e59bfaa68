import type { InArgs, InStatement } from '@libsql/client';
import { is, Param, Placeholder } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQLitePreparedQuery } from 'drizzle-orm/sqlite-core';
import type { Database } from './database';

/** A statement prepared once with `sql.placeholder()` values (see prepared.ts), with this call's values. */
export type BoundWrite = { readonly prepared: PreparedQuery; readonly values: Record<string, unknown> };
type PreparedQuery = SQLitePreparedQuery<any>;

export type WriteItem = BatchItem<'sqlite'> | BoundWrite;
export type WriteGroup = readonly [WriteItem, ...WriteItem[]];

/** Runs a group of statements as one atomic write and returns their results in order. */
export interface Writer {
  write(group: WriteGroup): Promise<readonly unknown[]>;
}

type Built = { stmt: InStatement; map: (result: unknown) => unknown };

function isBound(item: WriteItem): item is BoundWrite {
  return 'prepared' in item && 'values' in item;
}

type Values = Record<string, unknown>;
type Binder = (values: Values) => unknown[];
const binders = new WeakMap<PreparedQuery, Binder>();

function placeholderValue(values: Values, name: string): unknown {
  if (!(name in values)) throw new Error(`No value for placeholder "${name}" was provided`);
  return values[name];
}

/**
 * drizzle's fillPlaceholders, worked out once per prepared statement: which parameter is a
 * placeholder and which encoder maps it. Recognising drizzle's classes for every parameter of every
 * upload cost about 40 µs per report.
 */
function binderFor(prepared: PreparedQuery): Binder {
  let binder = binders.get(prepared);
  if (binder) return binder;
  const steps = prepared.getQuery().params.map((p): ((values: Values) => unknown) => {
    if (is(p, Placeholder)) return (values) => placeholderValue(values, p.name);
    if (is(p, Param) && is(p.value, Placeholder)) {
      const { encoder } = p;
      const { name } = p.value;
      return (values) => encoder.mapToDriverValue(placeholderValue(values, name));
    }
    return () => p;
  });
  binder = (values) => steps.map((step) => step(values));
  binders.set(prepared, binder);
  return binder;
}

/**
 * What drizzle's own `db.batch` does per item (build the query, map its result), except that a
 * bound statement was built once: only its values are filled in here.
 */
function build(item: WriteItem): Built {
  const prepared: PreparedQuery = isBound(item) ? item.prepared : (item as unknown as { _prepare(): PreparedQuery })._prepare();
  const query = prepared.getQuery();
  // Only a bound statement has placeholders; a builder's parameters are values already.
  const args = isBound(item) ? binderFor(prepared)(item.values) : query.params;
  return { stmt: { sql: query.sql, args: args as InArgs }, map: (result) => prepared.mapResult(result, true) };
}

async function runBuilt(db: Database, built: Built[]): Promise<unknown[]> {
  // BEGIN IMMEDIATE: the write lock is taken first, so contention fails before any statement runs.
  const results = await db.$client.batch(built.map((b) => b.stmt), 'write');
  return results.map((r, i) => built[i]!.map(r));
}

/** One transaction per call: right for Workers, where each request has its own I/O context. */
export function directWriter(db: Database): Writer {
  return { write: async (group) => runBuilt(db, group.map(build)) };
}

type Pending = { built: Built[]; resolve: (r: readonly unknown[]) => void; reject: (e: unknown) => void };

/**
 * Group commit for a single-file database (Node only): the flush waits for the current I/O phase
 * (setImmediate), so uploads whose bodies arrived together share one transaction instead of one
 * commit each. A group that fails is retried alone, so one bad group never fails the others it
 * was batched with.
 */
export function groupCommitWriter(db: Database, maxGroups = 64): Writer {
  let queue: Pending[] = [];
  let flushing = false;

  async function runAlone(p: Pending) {
    try {
      p.resolve(await runBuilt(db, p.built));
    } catch (err) {
      p.reject(err);
    }
  }

  async function flush() {
    flushing = true;
    while (queue.length > 0) {
      const taken = queue.slice(0, maxGroups);
      queue = queue.slice(taken.length);
      if (taken.length === 1) {
        await runAlone(taken[0]!);
        continue;
      }
      try {
        const results = await runBuilt(db, taken.flatMap((p) => p.built));
        let at = 0;
        for (const p of taken) {
          p.resolve(results.slice(at, at + p.built.length));
          at += p.built.length;
        }
      } catch {
        for (const p of taken) await runAlone(p);
      }
    }
    flushing = false;
  }

  return {
    write(group) {
      return new Promise((resolve, reject) => {
        let built: Built[];
        try {
          built = group.map(build);
        } catch (err) {
          reject(err);
          return;
        }
        queue.push({ built, resolve, reject });
        if (!flushing) {
          flushing = true;
          setImmediate(() => void flush());
        }
      });
    },
  };
}
