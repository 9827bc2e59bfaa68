import type { Context } from 'hono';
import type { z } from 'zod';
import { HttpError } from './errors';

/** Parses and validates a JSON body; a 400 that lists each problem otherwise. */
export async function readJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new HttpError(400, 'The body must be JSON (Content-Type: application/json).');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new HttpError(400, 'Invalid request body.', { issues: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`) });
  }
  return parsed.data;
}
