import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A client mistake with a message that says what to fix; rendered as JSON `{error, ...details}`. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function jsonError(c: Context, status: ContentfulStatusCode, error: string, details: Record<string, unknown> = {}) {
  return c.json({ error, ...details }, status);
}
