// The hub's own key pairs (Ed25519 to sign; X25519 and P-256 to receive JWE, so a partner with either curve can
// encrypt): loaded from the database (key-pairs.ts) into memory, rotated, published.
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import {
  ensureFirstKey,
  HubKeyModel,
  isDuplicateKey,
  newKeyDoc,
  slotOf,
  SLOTS,
  type Curve,
  type EncryptionCurve,
  type KeyUse,
  type Slot,
} from './key-pairs';
import { unseal } from './seal';

export type { EncryptionCurve, KeyUse } from './key-pairs';

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
