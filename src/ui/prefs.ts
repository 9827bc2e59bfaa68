import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/database';
import { uiPrefs } from '../db/schema/index';
import { LOCALES } from './i18n/index';

export const THEMES = ['system', 'light', 'dark'] as const;
export const LAYOUTS = ['cards', 'table'] as const;
/** Auto-refresh choices offered on the dashboard: 15 s to 10 min, or off. */
export const REFRESH_CHOICES = [0, 15, 30, 60, 120, 300, 600] as const;

export type Prefs = { locale: string; theme: (typeof THEMES)[number]; layout: (typeof LAYOUTS)[number]; refreshSeconds: number };
export const DEFAULT_PREFS: Prefs = { locale: '', theme: 'system', layout: 'cards', refreshSeconds: 60 };

/** A partial update as a form or JSON body sends it; strings from forms are coerced. */
export const prefsPatchSchema = z
  .object({
    locale: z.enum(['', ...LOCALES]),
    theme: z.enum(THEMES),
    layout: z.enum(LAYOUTS),
    refreshSeconds: z.coerce.number().int().refine((n) => (REFRESH_CHOICES as readonly number[]).includes(n), {
      message: `must be one of ${REFRESH_CHOICES.join(', ')} seconds`,
    }),
  })
  .partial()
  .strict();
export type PrefsPatch = z.infer<typeof prefsPatchSchema>;

/** The stored preferences of `owner`, or the defaults; values no longer valid fall back one by one. */
export async function loadPrefs(db: Database, owner: string | null): Promise<Prefs> {
  if (!owner) return DEFAULT_PREFS;
  const [row] = await db.select().from(uiPrefs).where(eq(uiPrefs.owner, owner));
  if (!row) return DEFAULT_PREFS;
  const checked = prefsPatchSchema.safeParse({ locale: row.locale, theme: row.theme, layout: row.layout, refreshSeconds: row.refreshSeconds });
  return { ...DEFAULT_PREFS, ...(checked.success ? checked.data : {}) };
}

export async function savePrefs(db: Database, owner: string, patch: PrefsPatch, now: Date): Promise<Prefs> {
  const merged = { ...(await loadPrefs(db, owner)), ...patch };
  await db
    .insert(uiPrefs)
    .values({ owner, ...merged, updatedAt: now.toISOString() })
    .onConflictDoUpdate({ target: uiPrefs.owner, set: { ...merged, updatedAt: now.toISOString() } });
  return merged;
}
