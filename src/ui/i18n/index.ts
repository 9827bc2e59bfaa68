import type { Catalogue } from './catalogue';
import { en, type MessageKey } from './en';
import { fr } from './fr';
import { interpolate, type MessageParams } from './interpolate';

export type { MessageKey } from './en';
export type { Catalogue } from './catalogue';

/** The registry of languages: a new language is its catalogue file plus its line here. */
export const catalogues = { en, fr } satisfies Record<string, Catalogue>;

export type Locale = keyof typeof catalogues;
export const LOCALES = Object.keys(catalogues) as Locale[];
export const DEFAULT_LOCALE: Locale = 'en';
/** Cookie holding a visitor's explicit language choice (until accounts store it). */
export const LOCALE_COOKIE = 'bw_lang';

export type { MessageParams } from './interpolate';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && Object.hasOwn(catalogues, value);
}

/** The message for `key` in `locale` with {params} substituted; unknown params stay visible to be noticed. */
export function t(locale: Locale, key: MessageKey, params?: MessageParams): string {
  return interpolate(catalogues[locale][key] ?? en[key], params);
}

/** A translator bound to one locale, the usual way pages call it. */
export function translator(locale: Locale) {
  return (key: MessageKey, params?: MessageParams) => t(locale, key, params);
}
export type Translate = ReturnType<typeof translator>;

/** The BCP 47 tag Intl formatters use for this locale (e.g. en-GB for 24 h times and day-first dates). */
export function intlTag(locale: Locale): string {
  return catalogues[locale]['meta.locale'];
}

/** Parses an Accept-Language header into language ranges ordered by preference (q=0 dropped). */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [range = '', ...attrs] = part.trim().split(';');
      const q = attrs.map((a) => /^\s*q=([0-9.]+)\s*$/.exec(a)?.[1]).find((v) => v !== undefined);
      return { range: range.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((e) => e.range && e.q > 0 && !Number.isNaN(e.q))
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((e) => e.range);
}

/**
 * The locale to render: an explicit choice (user preference or cookie) wins, then the browser's
 * Accept-Language (matching on the primary subtag, so fr-CA gets French), then English.
 */
export function negotiateLocale(opts: { choice?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(opts.choice)) return opts.choice;
  for (const range of parseAcceptLanguage(opts.acceptLanguage)) {
    const primary = range.split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return DEFAULT_LOCALE;
}

/** A subset of a catalogue for an island, so the browser gets only the strings it shows. */
export function messagesFor<K extends MessageKey>(locale: Locale, keys: readonly K[]): Record<K, string> {
  return Object.fromEntries(keys.map((k) => [k, t(locale, k)])) as Record<K, string>;
}

/** The translated name of a run status, or the status itself when the catalogue has none. */
export function statusName(locale: Locale, status: string): string {
  const key = `status.${status}`;
  return Object.hasOwn(en, key) ? t(locale, key as MessageKey) : status;
}
