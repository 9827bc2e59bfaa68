/**
 * Replaces `{name}` with the variable's value; names without a value stay as written, so a typo
 * shows up in the message instead of vanishing (duplistatus does the same).
 */
export function renderTemplate(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(/\{([a-z_][a-z0-9_]*)\}/gi, (whole, name: string) => (Object.hasOwn(vars, name) ? vars[name]! : whole));
}

/** Keeps whole lines of a log within `maxChars`, saying how many were left out. */
export function capLogText(lines: readonly string[], maxChars: number, more: (n: number) => string): string {
  const out: string[] = [];
  let size = 0;
  for (const [i, line] of lines.entries()) {
    const cost = line.length + (out.length ? 1 : 0);
    if (size + cost > maxChars) {
      const clipped = out.length === 0 ? `${line.slice(0, Math.max(0, maxChars - 1))}…` : null;
      if (clipped) out.push(clipped);
      const left = lines.length - i - (clipped ? 1 : 0);
      if (left > 0) out.push(more(left));
      break;
    }
    out.push(line);
    size += cost;
  }
  return out.join('\n');
}
