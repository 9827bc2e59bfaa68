import type { Database } from './database';
import type { Writer } from './writer';

/** Reads go to `db`; multi-statement writes that must be atomic go through `writer`. */
export type Store = { db: Database; writer: Writer };
