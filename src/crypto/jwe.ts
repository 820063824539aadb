// JWE bodies (RFC 7516 compact, ECDH-ES+A256KW with A256GCM per RFC 7518) to partners' keys and from them to the hub's.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  randomBytes,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { encryptionKeys } from './signing-keys';

const ALG = 'ECDH-ES+A256KW';
const ENC = 'A256GCM';
/** RFC 3394 2.2.3.1: the default initial value of AES Key Wrap. */
const KW_IV = Buffer.from('A6A6A6A6A6A6A6A6', 'hex');

/** A partner's public encryption key, once assertEncryptionJwk accepted it. */
export type EncryptionJwk = { kty: 'EC'; crv: 'P-256'; x: string; y: string; kid?: string } | { kty: 'OKP'; crv: 'X25519'; x: string; kid?: string };

const len32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

/** RFC 7518 4.6.2: Concat KDF (NIST SP 800-56A) with SHA-256; one round gives the 256-bit A256KW key. */
function concatKdf(z: Buffer, apu: Buffer, apv: Buffer): Buffer {
  const alg = Buffer.from(ALG, 'ascii');
  const otherInfo = [len32(alg.length), alg, len32(apu.length), apu, len32(apv.length), apv, len32(256)];
  return createHash('sha256').update(len32(1)).update(z).update(Buffer.concat(otherInfo)).digest();
}

const recipients = new Map<string, KeyObject>();

/** Parsing a JWK costs more than the rest of a small JWE: keep the partners' keys parsed. */
function recipientKey(jwk: EncryptionJwk): KeyObject {
  const id = `${jwk.crv}.${jwk.x}.${'y' in jwk ? jwk.y : ''}`;
  let key = recipients.get(id);
  if (!key) {
    if (recipients.size >= 1000) recipients.clear();
    key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, ...('y' in jwk ? { y: jwk.y } : {}) }, format: 'jwk' });
    recipients.set(id, key);
  }
  return key;
}

const ephemeralPair = (crv: EncryptionJwk['crv']) =>
  crv === 'X25519' ? generateKeyPairSync('x25519') : generateKeyPairSync('ec', { namedCurve: 'P-256' });

/** The plaintext (the JSON body, already signed) encrypted for one partner's registered key. */
export function encryptFor(plaintext: string, recipientJwk: EncryptionJwk): string {
  const ephemeral = ephemeralPair(recipientJwk.crv);
  const z = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipientKey(recipientJwk) });
  const { kty, crv, x, y } = ephemeral.publicKey.export({ format: 'jwk' });
  const epk = y ? { kty, crv, x, y } : { kty, crv, x };
  const kid = recipientJwk.kid ? { kid: recipientJwk.kid } : {};
  const header = Buffer.from(JSON.stringify({ alg: ALG, enc: ENC, ...kid, epk })).toString('base64url');
  const cek = randomBytes(32);
  const wrap = createCipheriv('id-aes256-wrap', concatKdf(z, Buffer.alloc(0), Buffer.alloc(0)), KW_IV);
  const encryptedKey = Buffer.concat([wrap.update(cek), wrap.final()]);
  const iv = randomBytes(12);
  // RFC 7516 5.1 step 14: the AAD of a compact JWE is the ASCII of the encoded protected header
  const gcm = createCipheriv('aes-256-gcm', cek, iv).setAAD(Buffer.from(header, 'ascii'));
  const ciphertext = Buffer.concat([gcm.update(plaintext, 'utf8'), gcm.final()]);
  return [header, encryptedKey, iv, ciphertext, gcm.getAuthTag()].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

interface JweParts {
  header: Record<string, unknown>;
  aad: Buffer;
  encryptedKey: Buffer;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

function parseJwe(jwe: string): JweParts {
  const parts = jwe.trim().split('.');
  // RFC 7516 7.1: only the encrypted key (direct agreement) and the ciphertext (empty plaintext) may be empty
  if (parts.length !== 5 || parts.some((p, i) => !/^[A-Za-z0-9_-]*$/.test(p) || (p === '' && i !== 1 && i !== 3))) {
    throw new Error('JWE: not a compact serialization (five base64url parts)');
  }
  const [h, ek, iv, ct, tag] = parts.map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer, Buffer, Buffer];
  let header: unknown;
  try {
    header = JSON.parse(h.toString('utf8'));
  } catch {
    throw new Error('JWE: the protected header is not JSON');
  }
  if (typeof header !== 'object' || header === null) throw new Error('JWE: the protected header is not a JSON object');
  return { header: header as Record<string, unknown>, aad: Buffer.from(parts[0] as string, 'ascii'), encryptedKey: ek, iv, ciphertext: ct, tag };
}

function decryptWith(key: KeyObject, epk: KeyObject, jwe: JweParts): string {
  const party = (name: 'apu' | 'apv') => Buffer.from(typeof jwe.header[name] === 'string' ? (jwe.header[name] as string) : '', 'base64url');
  const z = diffieHellman({ privateKey: key, publicKey: epk });
  const unwrap = createDecipheriv('id-aes256-wrap', concatKdf(z, party('apu'), party('apv')), KW_IV);
  const cek = Buffer.concat([unwrap.update(jwe.encryptedKey), unwrap.final()]); // throws unless the KEK is right
  const gcm = createDecipheriv('aes-256-gcm', cek, jwe.iv, { authTagLength: 16 }).setAAD(jwe.aad);
  gcm.setAuthTag(jwe.tag);
  return Buffer.concat([gcm.update(jwe.ciphertext), gcm.final()]).toString('utf8');
}

/** A JWE body a partner encrypted to the hub's published key: by its kid, else with each key the hub holds. */
export function decryptWithHub(jwe: string): string {
  const parts = parseJwe(jwe);
  const { alg, enc, kid, epk, zip, crit } = parts.header;
  if (alg !== ALG || enc !== ENC) throw new Error(`JWE: expected alg ${ALG} and enc ${ENC}, got ${String(alg)} and ${String(enc)}`);
  if (zip !== undefined || crit !== undefined) throw new Error('JWE: zip and crit are not supported');
  if (parts.iv.length !== 12 || parts.tag.length !== 16) throw new Error('JWE: A256GCM needs a 96-bit iv and a 128-bit tag');
  let ephemeral: KeyObject;
  try {
    ephemeral = createPublicKey({ key: epk as JsonWebKey, format: 'jwk' });
  } catch {
    throw new Error('JWE: epk is not a public JWK');
  }
  if (ephemeral.asymmetricKeyType !== 'x25519') throw new Error('JWE: epk must be an X25519 key (the hub publishes an X25519 key)');
  const keys = encryptionKeys().filter((k) => kid === undefined || k.kid === kid);
  if (keys.length === 0) throw new Error(`JWE: kid ${String(kid)} is not a hub encryption key`);
  for (const key of keys) {
    try {
      return decryptWith(key.privateKey, ephemeral, parts);
    } catch {
      // not this key (or tampered): try the next
    }
  }
  throw new Error('JWE: cannot be decrypted with the hub keys (wrong key or altered message)');
}

/** A partner's encryption key: EC P-256 or OKP X25519, public only, and usable with ECDH-ES+A256KW. */
export function assertEncryptionJwk(jwk: unknown): asserts jwk is EncryptionJwk {
  const what = 'encryption key';
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) throw new Error(`${what}: must be a JWK object`);
  const k = jwk as Record<string, unknown>;
  if ('d' in k) throw new Error(`${what}: a public JWK must not contain the private member d`);
  const curve = `${String(k.kty)} ${String(k.crv)}`;
  if (curve !== 'EC P-256' && curve !== 'OKP X25519') throw new Error(`${what}: must be kty EC with crv P-256, or kty OKP with crv X25519 (got ${curve})`);
  if (k.use !== undefined && k.use !== 'enc') throw new Error(`${what}: use must be enc`);
  if (k.alg !== undefined && k.alg !== ALG) throw new Error(`${what}: alg must be ${ALG} when given`);
  if (k.kid !== undefined && typeof k.kid !== 'string') throw new Error(`${what}: kid must be a string`);
  try {
    createPublicKey({ key: { kty: k.kty, crv: k.crv, x: k.x, ...(k.kty === 'EC' ? { y: k.y } : {}) } as JsonWebKey, format: 'jwk' });
  } catch {
    throw new Error(`${what}: x${k.kty === 'EC' ? '/y are not a point on P-256' : ' is not a 32-byte X25519 key'}`);
  }
}
