// The hub's own key pairs (Ed25519 to sign; X25519 and P-256 to receive JWE, so a partner with either curve can encrypt): sealed in MongoDB, cached in memory, rotated, published.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import mongoose, { Schema } from 'mongoose';
import { seal, unseal } from './seal';

export type KeyUse = 'sig' | 'enc';
type Curve = 'Ed25519' | 'X25519' | 'P-256';
export type EncryptionCurve = Exclude<Curve, 'Ed25519'>;
/** Each slot rotates on its own: `<slot>-<generation>` is the `_id` (the X25519 slot keeps its older name `enc`). */
type Slot = 'sig' | 'enc' | 'enc-p256';
const SLOTS = {
  sig: { use: 'sig', crv: 'Ed25519' },
  enc: { use: 'enc', crv: 'X25519' },
  'enc-p256': { use: 'enc', crv: 'P-256' },
} as const;
const slotOf = (use: KeyUse, crv: Curve | undefined): Slot =>
  use === 'sig' ? 'sig' : crv === 'P-256' ? 'enc-p256' : 'enc';

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
      crv: { type: String, enum: ['Ed25519', 'X25519', 'P-256'] }, // absent on keys made before P-256: the use's first curve
      x: { type: String, required: true },
      y: { type: String }, // P-256 only
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
  crv: Curve;
  generation: number;
  /** The public key, base64url (the JWK `x`, and `y` for P-256). */
  x: string;
  y?: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Null while active; for a generation superseded before its own retirement was recorded, when its successor came. */
  retiredAt: Date | null;
}

export interface PublicJwk {
  kty: 'OKP' | 'EC';
  crv: Curve;
  x: string;
  y?: string;
  kid: string;
  use: KeyUse;
  alg: 'EdDSA' | 'ECDH-ES+A256KW';
}

const ALG = { sig: 'EdDSA', enc: 'ECDH-ES+A256KW' } as const;

/** Newest generation first, per slot; the first entry is the active key. */
const cache: Record<Slot, HubKey[]> = { sig: [], enc: [], 'enc-p256': [] };

const newPair = (crv: Curve) =>
  crv === 'Ed25519'
    ? generateKeyPairSync('ed25519')
    : crv === 'X25519'
      ? generateKeyPairSync('x25519')
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });

function newKeyDoc(slot: Slot, generation: number) {
  const { use, crv } = SLOTS[slot];
  const pair = newPair(crv);
  const { x, y } = pair.publicKey.export({ format: 'jwk' });
  if (!x) throw new Error('could not export the public key');
  const pem = pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const kid = randomBytes(8).toString('base64url');
  const doc = {
    _id: `${slot}-${generation}`,
    use,
    crv,
    generation,
    kid,
    x,
    private_key: seal(pem),
    state: 'active' as const,
    created_at: new Date(),
    retired_at: null,
  };
  return y ? { ...doc, y } : doc;
}

const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;

/** Creates the first key of a slot unless a replica already has: an upsert on the fixed `_id` `<slot>-1`. */
async function ensureFirstKey(slot: Slot): Promise<void> {
  try {
    await HubKeyModel.updateOne({ _id: `${slot}-1` }, { $setOnInsert: newKeyDoc(slot, 1) }, { upsert: true });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error; // two concurrent upserts: the other one inserted it
  }
}

/** At boot, after loadKeyring(): afterwards signing and decrypting are synchronous from the cache. */
export async function loadSigningKeys(): Promise<void> {
  await Promise.all([ensureFirstKey('sig'), ensureFirstKey('enc'), ensureFirstKey('enc-p256')]);
  await refreshSigningKeys();
}

/** Reloads from the database, so a rotation made by another replica is picked up (called on a schedule). */
export async function refreshSigningKeys(): Promise<void> {
  const docs = await HubKeyModel.find().sort({ generation: -1 }).lean();
  for (const slot of Object.keys(SLOTS) as Slot[]) {
    const { use, crv } = SLOTS[slot];
    const known = new Map(cache[slot].map((k) => [k.kid, k]));
    const mine = docs.filter((d) => slotOf(d.use, d.crv as Curve | undefined) === slot);
    cache[slot] = mine.map((doc, i) => {
      // a crash between inserting a successor and retiring this one leaves it 'active': the successor wins
      const retiredAt = i === 0 ? null : (doc.retired_at ?? mine[i - 1]?.created_at ?? null);
      const cached = known.get(doc.kid);
      if (cached) return { ...cached, retiredAt };
      const privateKey = createPrivateKey(unseal(doc.private_key));
      const publicKey = createPublicKey(privateKey);
      if (publicKey.export({ format: 'jwk' }).x !== doc.x)
        throw new Error(`hub key ${doc.kid}: public and private halves differ`);
      const y = doc.y ?? undefined;
      return {
        kid: doc.kid,
        use,
        crv,
        generation: doc.generation,
        x: doc.x,
        ...(y ? { y } : {}),
        privateKey,
        publicKey,
        retiredAt,
      };
    });
  }
}

function keysOf(slot: Slot): HubKey[] {
  if (cache[slot].length === 0) throw new Error('the hub keys are not loaded (loadSigningKeys not called?)');
  return cache[slot];
}

/** The key the hub signs with now. */
export const activeKey = (): HubKey => keysOf('sig')[0] as HubKey;

/** The hub's encryption keys on one curve, newest first: a JWE may have been made with a key retired since. */
export const encryptionKeys = (crv: EncryptionCurve = 'X25519'): readonly HubKey[] =>
  keysOf(crv === 'P-256' ? 'enc-p256' : 'enc');

/** A new generation becomes active and the previous one retired (still published for the grace period). */
async function rotate(slot: Slot): Promise<HubKey> {
  await refreshSigningKeys();
  const current = keysOf(slot)[0] as HubKey;
  const fresh = newKeyDoc(slot, current.generation + 1);
  const { use, crv } = SLOTS[slot];
  // keys made before P-256 have no crv: the X25519 slot is "enc and not P-256"
  const sameSlot = slot === 'sig' ? {} : slot === 'enc' ? { crv: { $ne: 'P-256' as const } } : { crv };
  try {
    await HubKeyModel.create(fresh);
    await HubKeyModel.updateMany(
      { use, ...sameSlot, generation: { $lt: fresh.generation }, state: 'active' },
      { state: 'retired', retired_at: fresh.created_at },
    );
  } catch (error) {
    if (!isDuplicateKey(error)) throw error; // another replica rotated at the same moment: keep its key
  }
  await refreshSigningKeys();
  return keysOf(slot)[0] as HubKey;
}

export const rotateSigningKey = () => rotate('sig');
/** Rotates both encryption curves; answers the new X25519 key. */
export const rotateEncryptionKey = async () => (await Promise.all([rotate('enc'), rotate('enc-p256')]))[0];

/** The public JWKS: active keys, and keys retired less than graceDays ago so in-flight messages still verify. */
export function jwks(graceDays: number, now = new Date()): { keys: PublicJwk[] } {
  const since = now.getTime() - graceDays * 86_400_000;
  const published = [...keysOf('sig'), ...keysOf('enc'), ...keysOf('enc-p256')].filter(
    (k) => k.retiredAt === null || k.retiredAt.getTime() > since,
  );
  return {
    keys: published.map((k) => ({
      kty: k.crv === 'P-256' ? 'EC' : 'OKP',
      crv: k.crv,
      x: k.x,
      ...(k.y ? { y: k.y } : {}),
      kid: k.kid,
      use: k.use,
      alg: ALG[k.use],
    })),
  };
}
