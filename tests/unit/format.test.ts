import { describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatDateTime, formatDuration, formatNumber, formatRelative, formatTime, safeTimeZone } from '../../src/ui/format';

// Intl output uses narrow no-break spaces in places; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatting per locale', () => {
  const table: { what: string; en: string; fr: string; run: (tag: string) => string }[] = [
    { what: 'date and time in the visitor time zone', run: (t) => formatDateTime(t, '2026-05-04T01:30:00Z', 'Europe/Paris'), en: '4 May 2026, 03:30', fr: '4 mai 2026, 03:30' },
    { what: 'date only', run: (t) => formatDate(t, '2026-11-23T18:05:00Z'), en: '23 Nov 2026', fr: '23 nov. 2026' },
    { what: 'hours and minutes for the offline banner', run: (t) => formatTime(t, '2026-11-23T18:05:00Z'), en: '18:05', fr: '18:05' },
    { what: 'numbers with grouping', run: (t) => formatNumber(t, 1234567), en: '1,234,567', fr: '1 234 567' },
    { what: 'sizes in 1024 steps', run: (t) => formatBytes(t, 1.5 * 1024 ** 3), en: '1.5 GB', fr: '1,5 Go' },
    { what: 'small sizes in bytes', run: (t) => formatBytes(t, 512), en: '512B', fr: '512o' },
    { what: 'large sizes without decimals', run: (t) => formatBytes(t, 208 * 1024 ** 3), en: '208 GB', fr: '208 Go' },
    { what: 'durations in their two largest units', run: (t) => formatDuration(t, 3725), en: '1h 2m', fr: '1h 2min' },
    { what: 'durations over a day', run: (t) => formatDuration(t, 90061), en: '1d 1h', fr: '1j 1h' },
    { what: 'short durations in seconds', run: (t) => formatDuration(t, 42), en: '42s', fr: '42s' },
    { what: 'relative times', run: (t) => formatRelative(t, '2026-11-23T15:05:00Z', new Date('2026-11-23T18:05:00Z')), en: '3 hours ago', fr: 'il y a 3 heures' },
  ];
  for (const row of table) {
    it(`formats ${row.what} in English`, () => expect(plain(row.run('en-GB'))).toBe(row.en));
    it(`formats ${row.what} in French`, () => expect(plain(row.run('fr-FR'))).toBe(row.fr));
  }

  it('shows a dash for values that are not dates or sizes', () => {
    expect(formatDateTime('en-GB', 'not a date')).toBe('—');
    expect(formatBytes('en-GB', Number.NaN)).toBe('—');
    expect(formatDuration('en-GB', -1)).toBe('—');
  });

  it('keeps a valid time zone and falls back to UTC for anything else', () => {
    expect(safeTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(safeTimeZone('Mars/Olympus')).toBe('UTC');
    expect(safeTimeZone(undefined)).toBe('UTC');
  });
});
