import { z } from 'zod';
import type { Database } from '../db/database';
import type { MonitorEventKind } from '../db/schema/index';
import { getSetting, putSetting } from '../admin/settings';
import { DEFAULT_TEMPLATES, NOTIFY_LANGUAGES, type EventTemplate, type EventTemplates, type NotifyLanguage } from './messages';

const SETTING = 'notify.templates';
const KINDS = ['success', 'warning', 'failed', 'overdue', 'recovered'] as const satisfies readonly MonitorEventKind[];

const templateSchema = z.object({ title: z.string().min(1).max(500), body: z.string().max(10_000) });

export const templateSettingsSchema = z.object({
  language: z.enum(NOTIFY_LANGUAGES as [NotifyLanguage, ...NotifyLanguage[]]).default('en'),
  /** Per language and event, replacing the default title and body. */
  overrides: z.partialRecord(z.enum(NOTIFY_LANGUAGES as [NotifyLanguage, ...NotifyLanguage[]]), z.partialRecord(z.enum(KINDS), templateSchema)).default({}),
});
export type TemplateSettings = z.infer<typeof templateSettingsSchema>;

export async function loadTemplateSettings(db: Database): Promise<TemplateSettings> {
  const parsed = templateSettingsSchema.safeParse((await getSetting(db, SETTING)) ?? {});
  return parsed.success ? parsed.data : templateSettingsSchema.parse({});
}

export async function saveTemplateSettings(db: Database, value: TemplateSettings, now: Date): Promise<void> {
  await putSetting(db, SETTING, value, now);
}

/** The templates in force for a language: overrides over the defaults. */
export function templatesFor(settings: TemplateSettings, language: NotifyLanguage = settings.language): EventTemplates {
  const overrides = settings.overrides[language] ?? {};
  return Object.fromEntries(KINDS.map((k) => [k, (overrides[k] as EventTemplate | undefined) ?? DEFAULT_TEMPLATES[language][k]])) as EventTemplates;
}
