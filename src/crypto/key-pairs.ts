// The hub's key pairs as the database keeps them: one document per slot (sig; enc on X25519; enc on P-256) and
// generation, the private half sealed, made without a race between replicas.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import mongoose, { Schema } from 'mongoose';
import { seal } from './seal';

export type KeyUse = 'sig' | 'enc';
export type Curve = 'Ed25519' | 'X25519' | 'P-256';
export type EncryptionCurve = Exclude<Curve, 'Ed25519'>;
/** Each slot rotates on its own: `<slot>-<generation>` is the `_id` (the X25519 slot keeps its older name `enc`). */
export type Slot = 'sig' | 'enc' | 'enc-p256';
export const SLOTS = {
  sig: { use: 'sig', crv: 'Ed25519' },
  enc: { use: 'enc', crv: 'X25519' },
  'enc-p256': { use: 'enc', crv: 'P-256' },
} as const;
export const slotOf = (use: KeyUse, crv: Curve | undefined): Slot =>
  use === 'sig' ? 'sig' : crv === 'P-256' ? 'enc-p256' : 'enc';

/**
 * One document per key generation, `_id` `<use>-<generation>`: the unique `_id` alone makes creating the
 * first key and rotating atomic across replicas, without relying on a secondary index being built yet.
 */
export const HubKeyModel = mongoose.model(
  'HubKey',
  new Schema(
    {
      _id: String,
      use: { type: String, enum: ['sig', 'enc'], required: true },
      generation: { type: Number, required: true },
      kid: { type: String, required: true },
      // absent on keys made before P-256: the use's first curve
      crv: { type: String, enum: ['Ed25519', 'X25519', 'P-256'] },
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

const newPair = (crv: Curve) =>
  crv === 'Ed25519'
    ? generateKeyPairSync('ed25519')
    : crv === 'X25519'
      ? generateKeyPairSync('x25519')
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });

export function newKeyDoc(slot: Slot, generation: number) {
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

export const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;

/** Creates the first key of a slot unless a replica already has: an upsert on the fixed `_id` `<slot>-1`. */
export async function ensureFirstKey(slot: Slot): Promise<void> {
  try {
    await HubKeyModel.updateOne({ _id: `${slot}-1` }, { $setOnInsert: newKeyDoc(slot, 1) }, { upsert: true });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error; // two concurrent upserts: the other one inserted it
  }
}
