import { deriveKey } from '../auth/secret-key';

const PURPOSE = 'notify-secrets';
const keys = new Map<string, Promise<CryptoKey>>();

function key(secretKey: string): Promise<CryptoKey> {
  let k = keys.get(secretKey);
  if (!k) {
    k = deriveKey(secretKey, PURPOSE).then((raw) => crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, 'AES-GCM', false, ['encrypt', 'decrypt']));
    keys.set(secretKey, k);
  }
  return k;
}

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** Encrypts a channel secret for storage: `v1.<iv>.<ciphertext>` with AES-256-GCM under a key derived from the master secret. */
export async function sealSecret(secretKey: string, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await key(secretKey), new TextEncoder().encode(plaintext)));
  return `v1.${b64(iv)}.${b64(ct)}`;
}

export async function openSecret(secretKey: string, sealed: string): Promise<string> {
  const [version, iv, ct] = sealed.split('.');
  if (version !== 'v1' || !iv || !ct) throw new Error('Stored secret has an unknown format; enter it again in the channel settings.');
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(iv) }, await key(secretKey), unb64(ct));
    return new TextDecoder().decode(plain);
  } catch {
    throw new Error('Stored secret cannot be decrypted: SECRET_KEY changed since it was saved; enter it again in the channel settings.');
  }
}
