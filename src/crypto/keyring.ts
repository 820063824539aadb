// Data keys for secrets at rest: random AES-256 keys stored wrapped by HUB_MASTER_KEY, unwrapped once at boot.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import mongoose, { Schema } from 'mongoose';
import { config } from '../config';

const DataKeyModel = mongoose.model(
  'DataKey',
  new Schema(
    { _id: String, wrapped: String, master_kid: String, created_at: Date },
    { versionKey: false, collection: 'data_keys' },
  ),
);

/** Which master key wrapped a data key: lets the master key rotate by re-wrapping, not re-encrypting. */
export const masterKid = (key: Buffer) => 'mk-' + createHash('sha256').update(key).digest('hex').slice(0, 12);

function wrap(key: Buffer, master: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', master, iv);
  const ct = Buffer.concat([cipher.update(key), cipher.final()]);
  return [iv, ct, cipher.getAuthTag()].map((b) => b.toString('base64url')).join('.');
}

function unwrap(wrapped: string, master: Buffer): Buffer {
  const [iv, ct, tag] = wrapped.split('.').map((p) => Buffer.from(p, 'base64url'));
  if (!iv || !ct || !tag) throw new Error('malformed wrapped data key');
  const decipher = createDecipheriv('aes-256-gcm', master, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ct), decipher.final()]);
}

const keys = new Map<string, Buffer>();

/** Loads a data key by id, creating it atomically if no replica has yet (upsert on a fixed id). */
async function ensureKey(id: string): Promise<Buffer> {
  const fresh = {
    wrapped: wrap(randomBytes(32), config.masterKey),
    master_kid: masterKid(config.masterKey),
    created_at: new Date(),
  };
  let doc;
  try {
    doc = await DataKeyModel.findOneAndUpdate(
      { _id: id },
      { $setOnInsert: fresh },
      { upsert: true, returnDocument: 'after' },
    ).lean();
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error;
    doc = await DataKeyModel.findById(id).lean();
  }
  if (!doc?.wrapped) throw new Error(`data key ${id} could not be loaded`);
  if (doc.master_kid !== masterKid(config.masterKey)) {
    throw new Error(`data key ${id} is wrapped by master key ${doc.master_kid}, not by HUB_MASTER_KEY`);
  }
  const key = unwrap(doc.wrapped, config.masterKey);
  keys.set(id, key);
  return key;
}

export const SEAL_KEY_ID = 'seal-1';
export const INDEX_KEY_ID = 'index-1';
/** Keys the audit chain (HMAC): without HUB_MASTER_KEY a database writer cannot recompute it. */
export const AUDIT_KEY_ID = 'audit-1';

/** Called once at boot, before any request: afterwards sealing, indexing and audit chaining are synchronous. */
export async function loadKeyring(): Promise<void> {
  await ensureKey(SEAL_KEY_ID);
  await ensureKey(INDEX_KEY_ID);
  await ensureKey(AUDIT_KEY_ID);
}

export function dataKey(id: string): Buffer {
  const key = keys.get(id);
  if (!key) throw new Error(`data key ${id} is not loaded (loadKeyring not called?)`);
  return key;
}
