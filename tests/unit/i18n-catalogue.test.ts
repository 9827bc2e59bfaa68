import { describe, expect, it } from 'vitest';
import { en } from '../../src/ui/i18n/en';
import { catalogues, LOCALES, negotiateLocale, parseAcceptLanguage, t } from '../../src/ui/i18n/index';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalogues', () => {
  for (const locale of LOCALES) {
    it(`${locale} translates every English key and no other`, () => {
      expect(Object.keys(catalogues[locale]).sort()).toEqual(Object.keys(en).sort());
    });
    it(`${locale} has no empty message`, () => {
      expect(Object.entries(catalogues[locale]).filter(([, v]) => v.trim() === '')).toEqual([]);
    });
    it(`${locale} keeps the same {placeholders} as English in every message`, () => {
      const differing = Object.keys(en).filter((k) => placeholders(catalogues[locale][k as keyof typeof en]).join() !== placeholders(en[k as keyof typeof en]).join());
      expect(differing).toEqual([]);
    });
    it(`${locale} names an Intl locale that the runtime supports`, () => {
      expect(Intl.DateTimeFormat.supportedLocalesOf([catalogues[locale]['meta.locale']])).toHaveLength(1);
    });
  }
});

describe('t', () => {
  it('substitutes parameters', () => {
    expect(t('fr', 'jobs.count', { shown: 3, total: 10 })).toBe('3 tâches sur 10');
  });
  it('leaves an unknown placeholder visible', () => {
    expect(t('en', 'jobs.count', { shown: 3 })).toBe('3 of {total} jobs');
  });
});

describe('negotiateLocale', () => {
  const cases: [string, { choice?: string | null; acceptLanguage?: string | null }, string][] = [
    ['defaults to English without any signal', {}, 'en'],
    ['takes French from Accept-Language', { acceptLanguage: 'fr-FR,fr;q=0.9,en;q=0.8' }, 'fr'],
    ['matches a regional variant on its primary language', { acceptLanguage: 'fr-CA' }, 'fr'],
    ['honours q-values over order', { acceptLanguage: 'de;q=0.5, fr;q=0.7, en;q=0.6' }, 'fr'],
    ['skips languages without a catalogue', { acceptLanguage: 'de-DE, fr;q=0.4' }, 'fr'],
    ['ignores ranges with q=0', { acceptLanguage: 'fr;q=0, en;q=0.1' }, 'en'],
    ['lets an explicit choice win over the browser', { choice: 'en', acceptLanguage: 'fr' }, 'en'],
    ['ignores an empty or unknown choice', { choice: 'xx', acceptLanguage: 'fr' }, 'fr'],
  ];
  for (const [name, input, expected] of cases) it(name, () => expect(negotiateLocale(input)).toBe(expected));

  it('parses Accept-Language into ordered ranges', () => {
    expect(parseAcceptLanguage('en;q=0.8, fr-FR, *;q=0.1')).toEqual(['fr-fr', 'en', '*']);
  });
});
