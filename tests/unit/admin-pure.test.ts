import { describe, expect, it } from 'vitest';
import { csvCell } from '../../src/admin/audit';
import { lastDays, perDay } from '../../src/admin/dashboard-stats';
import { PUBLIC_PATHS, matchesPath } from '../../src/auth/guard';

describe('csvCell', () => {
  it.each([
    [null, ''],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1', "'+1"],
    ['@cmd', "'@cmd"],
    [{ reason: 'x' }, '"{""reason"":""x""}"'],
    [42, '42'],
  ] as const)('writes %j as %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe('matchesPath', () => {
  it.each([
    ['/api/upload', true],
    ['/api/upload/some-token', true],
    ['/api/uploads', false],
    ['/api/health', true],
    ['/api/healthz', false],
    ['/login', true],
    ['/login/x', false],
    ['/assets/app.123.js', true],
    ['/admin', false],
    ['/api/summary', false],
  ])('%s public: %s', (path, expected) => {
    expect(matchesPath(path, PUBLIC_PATHS)).toBe(expected);
  });
});

describe('login chart days', () => {
  it('lists the last 30 UTC days ending today and fills missing days with zero', () => {
    const days = lastDays(new Date('2026-03-02T23:59:00Z'), 30);
    expect(days).toHaveLength(30);
    expect(days[0]).toBe('2026-02-01');
    expect(days.at(-1)).toBe('2026-03-02');
    expect(perDay(days, [{ day: '2026-02-28', n: 3 }, { day: '2025-12-31', n: 9 }]).filter(Boolean)).toEqual([3]);
  });
});
