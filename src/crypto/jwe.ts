// JWE bodies (RFC 7516 compact, ECDH-ES+A256KW with A256GCM per RFC 7518) to partners' keys and from them to the
// hub's, made and opened by `jose`: a partner may hold a P-256 or an X25519 key, and the hub publishes one of each.
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { CompactEncrypt, compactDecrypt, decodeProtectedHeader } from 'jose';
import { encryptionKeys, type EncryptionCurve } from './signing-keys';

const ALG = 'ECDH-ES+A256KW';
const ENC = 'A256GCM';

/** A partner's public encryption key, once assertEncryptionJwk accepted it. */
export type EncryptionJwk =
  | { kty: 'EC'; crv: 'P-256'; x: string; y: string; kid?: string }
  | { kty: 'OKP'; crv: 'X25519'; x: string; kid?: string };

const recipients = new Map<string, KeyObject>();

/** Parsing a JWK costs more than the rest of a small JWE: keep the partners' keys parsed. */
function recipientKey(jwk: EncryptionJwk): KeyObject {
  const id = `${jwk.crv}.${jwk.x}.${'y' in jwk ? jwk.y : ''}`;
  let key = recipients.get(id);
  if (!key) {
    if (recipients.size >= 1000) recipients.clear();
    key = createPublicKey({
      key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, ...('y' in jwk ? { y: jwk.y } : {}) },
      format: 'jwk',
    });
    recipients.set(id, key);
  }
  return key;
}

/** The plaintext (the JSON body, already signed) encrypted for one partner's registered key. */
export async function encryptFor(plaintext: string, recipientJwk: EncryptionJwk): Promise<string> {
  const kid = recipientJwk.kid ? { kid: recipientJwk.kid } : {};
  return new CompactEncrypt(Buffer.from(plaintext, 'utf8'))
    .setProtectedHeader({ alg: ALG, enc: ENC, ...kid })
    .encrypt(recipientKey(recipientJwk));
}

function headerOf(jwe: string): { kid?: unknown; epk?: { kty?: unknown; crv?: unknown } } {
  try {
    return decodeProtectedHeader(jwe) as { kid?: unknown; epk?: { kty?: unknown; crv?: unknown } };
  } catch {
    throw new Error('JWE: not a compact serialization with a JSON protected header');
  }
}

/** The hub's curve the sender's ephemeral key is on: a JWE to the hub is made against one of its published keys. */
function curveOf(epk: { kty?: unknown; crv?: unknown } | undefined): EncryptionCurve {
  const curve = `${String(epk?.kty)} ${String(epk?.crv)}`;
  if (curve === 'OKP X25519') return 'X25519';
  if (curve === 'EC P-256') return 'P-256';
  throw new Error(`JWE: epk must be an X25519 or a P-256 key (the curves of the hub's published keys), got ${curve}`);
}

const options = { keyManagementAlgorithms: [ALG], contentEncryptionAlgorithms: [ENC] };

/** A JWE body a partner encrypted to one of the hub's published keys: by its kid, else with each key on its curve. */
export async function decryptWithHub(jwe: string): Promise<string> {
  const compact = jwe.trim();
  if (compact.split('.').length !== 5) throw new Error('JWE: not a compact serialization (five base64url parts)');
  const { kid, epk } = headerOf(compact);
  const keys = encryptionKeys(curveOf(epk)).filter((k) => kid === undefined || k.kid === kid);
  if (keys.length === 0) throw new Error(`JWE: kid ${String(kid)} is not a hub encryption key`);
  let refused: unknown;
  for (const key of keys) {
    try {
      return Buffer.from((await compactDecrypt(compact, key.privateKey, options)).plaintext).toString('utf8');
    } catch (error) {
      refused = error; // not this key (or tampered): try the next
    }
  }
  const code = (refused as { code?: string }).code;
  if (code === 'ERR_JOSE_ALG_NOT_ALLOWED') throw new Error(`JWE: expected alg ${ALG} and enc ${ENC}`);
  if (code === 'ERR_JOSE_NOT_SUPPORTED' || code === 'ERR_JWE_INVALID')
    throw new Error(`JWE: ${(refused as Error).message}`);
  throw new Error('JWE: cannot be decrypted with the hub keys (wrong key or altered message)');
}

/** A partner's encryption key: EC P-256 or OKP X25519, public only, and usable with ECDH-ES+A256KW. */
export function assertEncryptionJwk(jwk: unknown): asserts jwk is EncryptionJwk {
  const what = 'encryption key';
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) throw new Error(`${what}: must be a JWK object`);
  const k = jwk as Record<string, unknown>;
  if ('d' in k) throw new Error(`${what}: a public JWK must not contain the private member d`);
  const curve = `${String(k.kty)} ${String(k.crv)}`;
  if (curve !== 'EC P-256' && curve !== 'OKP X25519')
    throw new Error(`${what}: must be kty EC with crv P-256, or kty OKP with crv X25519 (got ${curve})`);
  if (k.use !== undefined && k.use !== 'enc') throw new Error(`${what}: use must be enc`);
  if (k.alg !== undefined && k.alg !== ALG) throw new Error(`${what}: alg must be ${ALG} when given`);
  if (k.kid !== undefined && typeof k.kid !== 'string') throw new Error(`${what}: kid must be a string`);
  try {
    createPublicKey({
      key: { kty: k.kty, crv: k.crv, x: k.x, ...(k.kty === 'EC' ? { y: k.y } : {}) } as JsonWebKey,
      format: 'jwk',
    });
  } catch {
    throw new Error(`${what}: x${k.kty === 'EC' ? '/y are not a point on P-256' : ' is not a 32-byte X25519 key'}`);
  }
}
