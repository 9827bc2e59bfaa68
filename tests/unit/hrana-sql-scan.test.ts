import { describe, expect, it } from 'vitest';
import { scanSql } from '../support/hrana-server/sql-scan';

describe('the Hrana test server reads parameters and statements out of SQL text', () => {
  it.each([
    ['SELECT 1', [], 1, 'SELECT'],
    ['  -- only a comment\n', [], 0, ''],
    ['SELECT ?, ?', [null, null], 1, 'SELECT'],
    ['SELECT ?2, ?1', ['?1', '?2'], 1, 'SELECT'],
    ['SELECT :a, @b, $c, :a', [':a', '@b', '$c'], 1, 'SELECT'],
    ["SELECT '?', \"x?\", `y;`, [z?] FROM t WHERE a = ?", [null], 1, 'SELECT'],
    ['SELECT 1; SELECT 2', [], 2, 'SELECT'],
    ['SELECT 1;;  ', [], 1, 'SELECT'],
    ['/* lead */ explain SELECT ?', [null], 1, 'EXPLAIN'],
    ["SELECT 'it''s;' ; ", [], 1, 'SELECT'],
    [
      'CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET n = CASE WHEN n IS NULL THEN 1 ELSE n + 1 END; DELETE FROM c; END',
      [],
      1,
      'CREATE',
    ],
    ['CREATE TEMP TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; END; SELECT 2', [], 2, 'CREATE'],
  ] as const)('%j', (sql, params, statements, firstKeyword) => {
    expect(scanSql(sql)).toEqual({ params, statements, firstKeyword });
  });
});
