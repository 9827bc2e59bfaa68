import { scrypt, timingSafeEqual } from 'node:crypto';

/**
 * scrypt through `node:crypto`, which is native on Node and in workerd (nodejs_compat), so one
 * hash format serves both runtimes. Parameters follow OWASP's scrypt table (N=2^15, r=8, p=3:
 * 32 MiB per hash, well inside the Workers 128 MB limit; PBKDF2 cannot reach OWASP's iteration
 * count there). Stored as `$scrypt$v=1$ln=15,r=8,p=3$<salt>$<hash>` so parameters can be raised:
 * a hash made with older parameters verifies and is flagged for rehashing at the next login.
 */
export type ScryptParams = { ln: number; r: number; p: number };

export const CURRENT_PARAMS: ScryptParams = { ln: 15, r: 8, p: 3 };
const FORMAT_VERSION = 1;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64').replace(/=+$/, '');
const unb64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

function derive(password: string, salt: Uint8Array, { ln, r, p }: ScryptParams): Promise<Uint8Array> {
  const N = 2 ** ln;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, { N, r, p, maxmem: 256 * N * r }, (err, key) => (err ? reject(err) : resolve(new Uint8Array(key)))),
  );
}

export async function hashPassword(password: string, params: ScryptParams = CURRENT_PARAMS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const key = await derive(password, salt, params);
  return `$scrypt$v=${FORMAT_VERSION}$ln=${params.ln},r=${params.r},p=${params.p}$${b64(salt)}$${b64(key)}`;
}

const FORMAT = /^\$scrypt\$v=(\d+)\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** Reads a stored hash; null when it is not one this version understands. */
export function parseHash(stored: string): { params: ScryptParams; salt: Uint8Array; key: Uint8Array } | null {
  const m = FORMAT.exec(stored);
  if (!m || Number(m[1]) !== FORMAT_VERSION) return null;
  const params = { ln: Number(m[2]), r: Number(m[3]), p: Number(m[4]) };
  if (params.ln < 10 || params.ln > 20 || params.r < 1 || params.r > 32 || params.p < 1 || params.p > 16) return null;
  return { params, salt: unb64(m[5]!), key: unb64(m[6]!) };
}

export type Verification = { ok: boolean; needsRehash: boolean };

export async function verifyPassword(password: string, stored: string): Promise<Verification> {
  const parsed = parseHash(stored);
  if (!parsed) return { ok: false, needsRehash: false };
  const key = await derive(password, parsed.salt, parsed.params);
  const ok = key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
  const { ln, r, p } = parsed.params;
  const needsRehash = ok && (ln !== CURRENT_PARAMS.ln || r !== CURRENT_PARAMS.r || p !== CURRENT_PARAMS.p);
  return { ok, needsRehash };
}

let decoy: Promise<string> | undefined;

/**
 * Spends the same work as a real verification, for an unknown or disabled account, so the
 * response time does not tell whether a username exists.
 */
export async function verifyAgainstDecoy(password: string): Promise<void> {
  decoy ??= hashPassword('decoy password that never matches');
  await verifyPassword(password, await decoy);
}
