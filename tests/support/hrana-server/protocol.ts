import { z } from 'zod';

/** Hrana 2 JSON shapes (docs/HRANA_2_SPEC.md and HTTP_V2_SPEC.md in tursodatabase/libsql). */

export const valueSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('null') }),
  z.object({ type: z.literal('integer'), value: z.string().regex(/^-?[0-9]+$/) }),
  z.object({ type: z.literal('float'), value: z.number() }),
  z.object({ type: z.literal('text'), value: z.string() }),
  z.object({ type: z.literal('blob'), base64: z.string() }),
]);
export type ProtoValue = z.infer<typeof valueSchema>;

const stmtSchema = z.object({
  sql: z.string().nullish(),
  sql_id: z.number().int().nullish(),
  args: z.array(valueSchema).optional(),
  named_args: z.array(z.object({ name: z.string(), value: valueSchema })).optional(),
  want_rows: z.boolean().optional(),
});
export type ProtoStmt = z.infer<typeof stmtSchema>;

export type BatchCond =
  | { type: 'ok' | 'error'; step: number }
  | { type: 'not'; cond: BatchCond }
  | { type: 'and' | 'or'; conds: BatchCond[] }
  | { type: 'is_autocommit' };

const batchCondSchema: z.ZodType<BatchCond> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.enum(['ok', 'error']), step: z.number().int().min(0) }),
    z.object({ type: z.literal('not'), cond: batchCondSchema }),
    z.object({ type: z.enum(['and', 'or']), conds: z.array(batchCondSchema) }),
    z.object({ type: z.literal('is_autocommit') }),
  ]),
);

const sqlRef = { sql: z.string().nullish(), sql_id: z.number().int().nullish() };

export const streamRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('close') }),
  z.object({ type: z.literal('execute'), stmt: stmtSchema }),
  z.object({ type: z.literal('batch'), batch: z.object({ steps: z.array(z.object({ condition: batchCondSchema.nullish(), stmt: stmtSchema })) }) }),
  z.object({ type: z.literal('sequence'), ...sqlRef }),
  z.object({ type: z.literal('describe'), ...sqlRef }),
  z.object({ type: z.literal('store_sql'), sql_id: z.number().int(), sql: z.string() }),
  z.object({ type: z.literal('close_sql'), sql_id: z.number().int() }),
  z.object({ type: z.literal('get_autocommit') }),
]);
export type StreamRequest = z.infer<typeof streamRequestSchema>;

export const pipelineRequestSchema = z.object({
  baton: z.string().nullish(),
  requests: z.array(streamRequestSchema),
});

export type ProtoError = { message: string; code: string };
export type StmtResult = {
  cols: { name: string | null; decltype: string | null }[];
  rows: ProtoValue[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
};
export type StreamResponse =
  | { type: 'close' | 'sequence' | 'store_sql' | 'close_sql' }
  | { type: 'execute'; result: StmtResult }
  | { type: 'batch'; result: { step_results: (StmtResult | null)[]; step_errors: (ProtoError | null)[] } }
  | { type: 'describe'; result: { params: { name: string | null }[]; cols: { name: string; decltype: string | null }[]; is_explain: boolean; is_readonly: boolean } }
  | { type: 'get_autocommit'; is_autocommit: boolean };
export type StreamResult = { type: 'ok'; response: StreamResponse } | { type: 'error'; error: ProtoError };

/** An error answered inside a stream result, with sqld's message and code. */
export class StreamError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export type SqlValue = null | bigint | number | string | Uint8Array;

export function valueFromProto(v: ProtoValue): SqlValue {
  switch (v.type) {
    case 'null':
      return null;
    case 'integer':
      return BigInt(v.value);
    case 'float':
      return v.value;
    case 'text':
      return v.value;
    case 'blob':
      return new Uint8Array(Buffer.from(v.base64, 'base64'));
  }
}

/** Integers travel as strings (64-bit safe); blobs as unpadded standard base64, as sqld sends them. */
export function valueToProto(v: unknown): ProtoValue {
  if (v === null || v === undefined) return { type: 'null' };
  if (typeof v === 'bigint') return { type: 'integer', value: v.toString() };
  if (typeof v === 'number') return { type: 'float', value: v };
  if (typeof v === 'string') return { type: 'text', value: v };
  if (v instanceof Uint8Array) return { type: 'blob', base64: Buffer.from(v).toString('base64').replace(/=+$/, '') };
  throw new StreamError(`Cannot encode a ${typeof v} value`, 'INTERNAL');
}
