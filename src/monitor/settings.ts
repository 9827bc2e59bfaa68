import { getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { alias } from 'drizzle-orm/sqlite-core';
import type { Database } from '../db/database';
import { monitorSettings, type EventFilter, type ReminderRepeat } from '../db/schema/index';

export type ScopeSettings = Omit<typeof monitorSettings.$inferSelect, 'scope' | 'updatedAt'>;

export type EffectiveSettings = {
  interval: string | null;
  cron: string | null;
  timeZone: string;
  weekdays: number | null;
  graceSeconds: number;
  paused: boolean;
  events: EventFilter;
  channels: number[] | null;
  reminder: ReminderRepeat;
  digest: boolean;
};

/** Built-in defaults under the global scope: duplistatus' 2 h tolerance, alerts for warnings and errors. */
export const DEFAULT_SETTINGS: EffectiveSettings = {
  interval: null,
  cron: null,
  timeZone: 'UTC',
  weekdays: null,
  graceSeconds: 7200,
  paused: false,
  events: 'warnings',
  channels: null,
  reminder: 'never',
  digest: false,
};

export const GLOBAL_SCOPE = 'global';
export const serverScope = (serverId: string) => `server:${serverId}`;
export const jobScope = (jobId: number) => `job:${jobId}`;

/**
 * Job settings inherit field by field from the server, then global, then the defaults. A
 * schedule (interval or cron, with its zone and weekdays) is taken whole from the narrowest
 * scope that sets one, so a job's cron never mixes with a server's weekdays.
 */
export function resolveSettings(narrowestFirst: (Partial<ScopeSettings> | undefined)[]): EffectiveSettings {
  const scopes = narrowestFirst.filter((s): s is Partial<ScopeSettings> => !!s);
  const pick = <K extends keyof EffectiveSettings>(key: K): EffectiveSettings[K] => {
    for (const s of scopes) {
      const v = s[key as keyof ScopeSettings];
      if (v !== null && v !== undefined) return v as EffectiveSettings[K];
    }
    return DEFAULT_SETTINGS[key];
  };
  const withSchedule = scopes.find((s) => s.interval || s.cron);
  return {
    interval: withSchedule?.interval ?? null,
    cron: withSchedule?.cron ?? null,
    timeZone: withSchedule?.timeZone ?? pick('timeZone'),
    weekdays: withSchedule ? (withSchedule.weekdays ?? null) : pick('weekdays'),
    graceSeconds: pick('graceSeconds'),
    paused: pick('paused'),
    events: pick('events'),
    channels: pick('channels'),
    reminder: pick('reminder'),
    digest: pick('digest'),
  };
}

/** The columns of ScopeSettings, taken from the table so that a new setting is read too. */
const SETTING_KEYS = Object.keys(getTableColumns(monitorSettings)).filter((k) => k !== 'scope' && k !== 'updatedAt') as (keyof ScopeSettings)[];

/**
 * A joined scope row as one JSON object of its stored values, NULL when there is no row: a read
 * pays for every column it returns, and this is one column instead of ten.
 */
export function scopeSettingsJson(t: ReturnType<typeof alias<typeof monitorSettings, string>>): SQL<string | null> {
  const pairs = sql.join(
    SETTING_KEYS.map((k) => sql`${sql.raw(`'${k}'`)}, ${t[k]}`),
    sql`, `,
  );
  return sql<string | null>`CASE WHEN ${t.scope} IS NULL THEN NULL ELSE json_object(${pairs}) END`;
}

/** The settings of a scope read with scopeSettingsJson, decoded as its columns decode them. */
export function scopeSettingsFromJson(text: string | null): Partial<ScopeSettings> | undefined {
  if (text === null) return undefined;
  const stored = JSON.parse(text) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of SETTING_KEYS) {
    const v = stored[k];
    out[k] = v === null ? null : monitorSettings[k].mapFromDriverValue(v as never);
  }
  return out as Partial<ScopeSettings>;
}

/** Effective settings for jobs, reading each scope row once. */
export async function loadSettings(db: Database, jobs: { jobId: number; serverId: string }[]): Promise<Map<number, EffectiveSettings>> {
  const scopes = new Set<string>([GLOBAL_SCOPE]);
  for (const j of jobs) {
    scopes.add(serverScope(j.serverId));
    scopes.add(jobScope(j.jobId));
  }
  const rows = new Map<string, ScopeSettings>();
  const list = [...scopes];
  for (let i = 0; i < list.length; i += 500) {
    for (const { scope, updatedAt: _u, ...rest } of await db.select().from(monitorSettings).where(inArray(monitorSettings.scope, list.slice(i, i + 500)))) {
      rows.set(scope, rest);
    }
  }
  return new Map(jobs.map((j) => [j.jobId, resolveSettings([rows.get(jobScope(j.jobId)), rows.get(serverScope(j.serverId)), rows.get(GLOBAL_SCOPE)])]));
}

/** Writes the given fields of one scope (null clears a field back to inheriting). */
export async function saveScopeSettings(db: Database, scope: string, values: Partial<ScopeSettings>, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .insert(monitorSettings)
    .values({ scope, ...values, updatedAt: at })
    .onConflictDoUpdate({ target: monitorSettings.scope, set: { ...values, updatedAt: at } });
}

export async function scopeSettings(db: Database, scope: string): Promise<ScopeSettings | undefined> {
  const [row] = await db.select().from(monitorSettings).where(sql`${monitorSettings.scope} = ${scope}`);
  if (!row) return undefined;
  const { scope: _s, updatedAt: _u, ...rest } = row;
  return rest;
}
