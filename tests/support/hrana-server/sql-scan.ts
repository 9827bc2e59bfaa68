/**
 * What the Hrana server must know about an SQL text that the `libsql` package does not expose:
 * its parameters (for `describe` and argument checks) and whether it holds more than one
 * statement (libSQL's prepare silently ignores the rest; sqld refuses it).
 */
export type SqlScan = {
  /** Parameter names by 1-based index, at [index - 1]; null for a bare `?` or an unused slot. */
  params: (string | null)[];
  /** Non-empty statements in the text; a CREATE TRIGGER body counts as part of its statement. */
  statements: number;
  /** The first keyword of the first statement, upper-cased ('' when there is none). */
  firstKeyword: string;
};

const WORD = /[A-Za-z_][A-Za-z0-9_$]*/y;
const NAME = /[A-Za-z0-9_$]+/y;
const DIGITS = /[0-9]+/y;

function matchAt(re: RegExp, sql: string, at: number): string | null {
  re.lastIndex = at;
  const m = re.exec(sql);
  return m ? m[0] : null;
}

/** Index just past a quoted run starting at `at` (a doubled closing quote is an escaped one). */
function skipQuoted(sql: string, at: number, close: string): number {
  let i = at + 1;
  for (;;) {
    const end = sql.indexOf(close, i);
    if (end < 0) return sql.length;
    if (close !== ']' && sql[end + 1] === close) {
      i = end + 2;
      continue;
    }
    return end + 1;
  }
}

export function scanSql(sql: string): SqlScan {
  const params: (string | null)[] = [];
  const named = new Map<string, number>();
  let statements = 0;
  let firstKeyword = '';
  // Per statement: words seen so far, whether it is a CREATE TRIGGER, and BEGIN/CASE … END depth.
  let words: string[] = [];
  let trigger = false;
  let depth = 0;

  const setParam = (index: number, name: string | null) => {
    while (params.length < index) params.push(null);
    if (name !== null) params[index - 1] = name;
  };
  const touch = () => {
    if (words.length === 0) words.push('');
  };

  for (let i = 0; i < sql.length; ) {
    const ch = sql[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (ch === "'" || ch === '"' || ch === '`') {
      touch();
      i = skipQuoted(sql, i, ch);
    } else if (ch === '[') {
      touch();
      i = skipQuoted(sql, i, ']');
    } else if (ch === ';') {
      if (trigger && depth > 0) {
        i++;
        continue;
      }
      if (words.length > 0) statements++;
      words = [];
      trigger = false;
      depth = 0;
      i++;
    } else if (ch === '?') {
      touch();
      const digits = matchAt(DIGITS, sql, i + 1);
      if (digits) {
        setParam(Number(digits), `?${digits}`);
        i += 1 + digits.length;
      } else {
        setParam(params.length + 1, null);
        i++;
      }
    } else if ((ch === ':' || ch === '@' || ch === '$') && matchAt(NAME, sql, i + 1)) {
      touch();
      const name = ch + matchAt(NAME, sql, i + 1)!;
      if (!named.has(name)) {
        named.set(name, params.length + 1);
        setParam(params.length + 1, name);
      }
      i += name.length;
    } else if (matchAt(WORD, sql, i)) {
      const word = matchAt(WORD, sql, i)!;
      const upper = word.toUpperCase();
      if (statements === 0 && firstKeyword === '' && words.every((w) => w === '')) firstKeyword = upper;
      if (words.length < 4) words.push(upper);
      if (!trigger && words[0] === 'CREATE' && (words[1] === 'TRIGGER' || (/^TEMP(ORARY)?$/.test(words[1] ?? '') && words[2] === 'TRIGGER'))) trigger = true;
      if (trigger) {
        if (upper === 'BEGIN' || upper === 'CASE') depth++;
        else if (upper === 'END') depth--;
      }
      i += word.length;
    } else {
      touch();
      i++;
    }
  }
  if (words.length > 0) statements++;
  return { params, statements, firstKeyword };
}
