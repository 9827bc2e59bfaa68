/** Chart ranges offered everywhere; All has no lower bound. */
export const RANGES = ['1W', '1M', '3M', '6M', '1Y', 'All'] as const;
export type Range = (typeof RANGES)[number];

const DAYS: Record<Exclude<Range, 'All'>, number> = { '1W': 7, '1M': 30, '3M': 91, '6M': 182, '1Y': 365 };

export function isRange(value: unknown): value is Range {
  return typeof value === 'string' && (RANGES as readonly string[]).includes(value);
}

/** The earliest BeginTime inside `range` ending at `now`, or null for All. */
export function rangeStart(range: Range, now: Date): Date | null {
  return range === 'All' ? null : new Date(now.getTime() - DAYS[range] * 86_400_000);
}

export type Scope = { kind: 'all' } | { kind: 'server'; id: string } | { kind: 'job'; id: number };

/** Parses `all`, `server:<machine-id>` or `job:<id>`; anything else is null. */
export function parseScope(value: string | null | undefined): Scope | null {
  if (!value || value === 'all') return { kind: 'all' };
  if (value.startsWith('server:') && value.length > 7) return { kind: 'server', id: value.slice(7) };
  const job = /^job:(\d{1,15})$/.exec(value);
  return job ? { kind: 'job', id: Number(job[1]) } : null;
}

export function scopeParam(scope: Scope): string {
  return scope.kind === 'all' ? 'all' : `${scope.kind}:${scope.id}`;
}
