import type { Store } from '../../../db/store';
import { getOrCreateSetting } from '../../../admin/settings';
import { openSecret, sealSecret } from '../../secret-box';
import type { VapidKeys } from '../channel';

const SETTING = 'notify.vapid';
type StoredVapid = { publicKey: string; privateKey: string };

const b64url = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** A P-256 key pair in the base64url forms web push uses (65-byte public point, 32-byte private scalar), via WebCrypto on both runtimes. */
export async function generateVapidKeys(): Promise<StoredVapid> {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = b64url(await crypto.subtle.exportKey('raw', pair.publicKey));
  const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  return { publicKey, privateKey: jwk.d! };
}

/**
 * The instance's VAPID keys, generated on first use and kept in settings with the private key
 * encrypted. Concurrent first uses agree on one pair (the first stored wins).
 */
export async function vapidKeys(store: Pick<Store, 'db'>, secretKey: string, subject: string, now: Date): Promise<VapidKeys> {
  const fresh = await generateVapidKeys();
  const sealed = { publicKey: fresh.publicKey, privateKey: await sealSecret(secretKey, fresh.privateKey) };
  const stored = await getOrCreateSetting<StoredVapid>(store.db, SETTING, () => sealed, now);
  return { publicKey: stored.publicKey, privateKey: await openSecret(secretKey, stored.privateKey), subject };
}

/** VAPID's subject must be a URL or mailto: address the push service can reach the sender by. */
export function vapidSubject(publicUrl: string | undefined): string {
  return publicUrl && publicUrl.startsWith('https://') ? publicUrl : 'mailto:backwatch@localhost.invalid';
}
