/**
 * Purpose-specific key material derived from the master secret with HKDF-SHA-256, so session
 * signing and encryption at rest never share a key and rotating SECRET_KEY rotates both.
 */
export async function deriveKey(secretKey: string, purpose: string, bytes = 32): Promise<Uint8Array> {
  const ikm = await crypto.subtle.importKey('raw', new TextEncoder().encode(secretKey), 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: new TextEncoder().encode('backwatch'), info: new TextEncoder().encode(purpose) },
    ikm,
    bytes * 8,
  );
  return new Uint8Array(bits);
}
