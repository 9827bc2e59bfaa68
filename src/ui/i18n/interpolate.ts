export type MessageParams = Record<string, string | number>;

/** Fills {name} placeholders; an unknown placeholder stays visible so a missing parameter is noticed. */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}
