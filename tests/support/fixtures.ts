import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** A Duplicati report fixture as text, e.g. fixtureText('duplicati/01-backup-success-2.1.json'). */
export function fixtureText(name: string): string {
  return readFileSync(`${DIR}${name}`, 'utf8');
}

export function fixture<T = Record<string, any>>(name: string): T {
  return JSON.parse(fixtureText(name)) as T;
}

export function fixtureNames(folder: string): string[] {
  return readdirSync(`${DIR}${folder}`).filter((f) => f.endsWith('.json')).map((f) => `${folder}/${f}`);
}
