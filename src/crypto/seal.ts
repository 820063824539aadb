// Secrets and personal data at rest: AES-256-GCM under a data key, tagged with the key id; blind indexes for lookups.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { dataKey, INDEX_KEY_ID, SEAL_KEY_ID } from './keyring';

const PREFIX = 'v1';

/** `v1.<kid>.<iv>.<ciphertext>.<tag>` (base64url): self-describing so keys can rotate without a migration. */
export function seal(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', dataKey(SEAL_KEY_ID), iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    PREFIX,
    SEAL_KEY_ID,
    iv.toString('base64url'),
    ct.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
  ].join('.');
}

export function unseal(sealed: string): string {
  const [prefix, kid, iv, ct, tag] = sealed.split('.');
  if (prefix !== PREFIX || !kid || iv === undefined || ct === undefined || tag === undefined) {
    throw new Error('not a sealed value');
  }
  const decipher = createDecipheriv('aes-256-gcm', dataKey(kid), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

/**
 * Keyed hash for equality lookups of a secret (HMAC-SHA256 under a data key): a dump reveals nothing,
 * and the purpose keeps indexes of different fields from matching each other.
 */
export function blindIndex(purpose: string, value: string): string {
  return createHmac('sha256', dataKey(INDEX_KEY_ID)).update(purpose).update('\0').update(value).digest('base64url');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
