// The hub's own key pairs (Ed25519 to sign, X25519 to receive JWE): sealed in MongoDB, cached in memory, rotated, published.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import mongoose, { Schema } from 'mongoose';
import { seal, unseal } from './seal';

export type KeyUse = 'sig' | 'enc';

/**
 * One document per key generation, `_id` `<use>-<generation>`: the unique `_id` alone makes creating the
 * first key and rotating atomic across replicas, without relying on a secondary index being built yet.
 */
const HubKeyModel = mongoose.model(
  'HubKey',
  new Schema(
    {
      _id: String,
      use: { type: String, enum: ['sig', 'enc'], required: true },
      generation: { type: Number, required: true },
      kid: { type: String, required: true },
      x: { type: String, required: true },
      private_key: { type: String, required: true }, // seal(PKCS#8 PEM): never in clear at rest
      state: { type: String, enum: ['active', 'retired'], required: true },
      created_at: { type: Date, required: true },
      retired_at: { type: Date, default: null },
    },
    { versionKey: false, collection: 'signing_keys' },
  ),
);

export interface HubKey {
  kid: string;
  use: KeyUse;
  generation: number;
  /** The public key, base64url (the JWK `x`). */
  x: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Null while active; for a generation superseded before its own retirement was recorded, when its successor came. */
  retiredAt: Date | null;
}

export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519' | 'X25519';
  x: string;
  kid: string;
  use: KeyUse;
  alg: 'EdDSA' | 'ECDH-ES+A256KW';
}

const CURVE = { sig: 'Ed25519', enc: 'X25519' } as const;
const ALG = { sig: 'EdDSA', enc: 'ECDH-ES+A256KW' } as const;

/** Newest generation first, per use; the first entry is the active key. */
const cache: Record<KeyUse, HubKey[]> = { sig: [], enc: [] };

function newKeyDoc(use: KeyUse, generation: number) {
  const pair = use === 'sig' ? generateKeyPairSync('ed25519') : generateKeyPairSync('x25519');
  const x = pair.publicKey.export({ format: 'jwk' }).x;
  if (!x) throw new Error('could not export the public key');
  const pem = pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const kid = randomBytes(8).toString('base64url');
  return { _id: `${use}-${generation}`, use, generation, kid, x, private_key: seal(pem), state: 'active' as const, created_at: new Date(), retired_at: null };
}

const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;

/** Creates the first key of a use unless a replica already has: an upsert on the fixed `_id` `<use>-1`. */
async function ensureFirstKey(use: KeyUse): Promise<void> {
  try {
    await HubKeyModel.updateOne({ _id: `${use}-1` }, { $setOnInsert: newKeyDoc(use, 1) }, { upsert: true });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error; // two concurrent upserts: the other one inserted it
  }
}

/** At boot, after loadKeyring(): afterwards signing and decrypting are synchronous from the cache. */
export async function loadSigningKeys(): Promise<void> {
  await Promise.all([ensureFirstKey('sig'), ensureFirstKey('enc')]);
  await refreshSigningKeys();
}

/** Reloads from the database, so a rotation made by another replica is picked up (called on a schedule). */
export async function refreshSigningKeys(): Promise<void> {
  const docs = await HubKeyModel.find().sort({ generation: -1 }).lean();
  for (const use of ['sig', 'enc'] as const) {
    const known = new Map(cache[use].map((k) => [k.kid, k]));
    const mine = docs.filter((d) => d.use === use);
    cache[use] = mine.map((doc, i) => {
      // a crash between inserting a successor and retiring this one leaves it 'active': the successor wins
      const retiredAt = i === 0 ? null : (doc.retired_at ?? mine[i - 1]?.created_at ?? null);
      const cached = known.get(doc.kid);
      if (cached) return { ...cached, retiredAt };
      const privateKey = createPrivateKey(unseal(doc.private_key));
      const publicKey = createPublicKey(privateKey);
      if (publicKey.export({ format: 'jwk' }).x !== doc.x) throw new Error(`hub key ${doc.kid}: public and private halves differ`);
      return { kid: doc.kid, use, generation: doc.generation, x: doc.x, privateKey, publicKey, retiredAt };
    });
  }
}

function keysOf(use: KeyUse): HubKey[] {
  if (cache[use].length === 0) throw new Error('the hub keys are not loaded (loadSigningKeys not called?)');
  return cache[use];
}

/** The key the hub signs with now. */
export const activeKey = (): HubKey => keysOf('sig')[0] as HubKey;

/** The hub's encryption keys, newest first: a JWE may have been made with a key retired since. */
export const encryptionKeys = (): readonly HubKey[] => keysOf('enc');

/** A new generation becomes active and the previous one retired (still published for the grace period). */
async function rotate(use: KeyUse): Promise<HubKey> {
  await refreshSigningKeys();
  const current = keysOf(use)[0] as HubKey;
  const fresh = newKeyDoc(use, current.generation + 1);
  try {
    await HubKeyModel.create(fresh);
    await HubKeyModel.updateMany({ use, generation: { $lt: fresh.generation }, state: 'active' }, { state: 'retired', retired_at: fresh.created_at });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error; // another replica rotated at the same moment: keep its key
  }
  await refreshSigningKeys();
  return keysOf(use)[0] as HubKey;
}

export const rotateSigningKey = () => rotate('sig');
export const rotateEncryptionKey = () => rotate('enc');

/** The public JWKS: active keys, and keys retired less than graceDays ago so in-flight messages still verify. */
export function jwks(graceDays: number, now = new Date()): { keys: PublicJwk[] } {
  const since = now.getTime() - graceDays * 86_400_000;
  const published = [...keysOf('sig'), ...keysOf('enc')].filter((k) => k.retiredAt === null || k.retiredAt.getTime() > since);
  return { keys: published.map((k) => ({ kty: 'OKP', crv: CURVE[k.use], x: k.x, kid: k.kid, use: k.use, alg: ALG[k.use] })) };
}
