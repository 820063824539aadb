// The audit log's two collections (entries and per-writer chain heads) and the hash that chains entries.
import { createHmac } from 'node:crypto';
import mongoose, { Schema, type Types } from 'mongoose';
import { AUDIT_KEY_ID, dataKey } from '../crypto/keyring';

/**
 * What a caller records. No personal data: object ids of locations, sessions, CDRs, tariffs and commands
 * are fine (they name charging infrastructure and transactions, not people); token uids, contract ids,
 * visual numbers and auth references are personal data and must never be passed, in any field (for the
 * tokens module leave object_id out). The log is append-only: nothing here can be erased later.
 */
export interface AuditInput {
  /** e.g. 'forward', 'relay', 'push', 'admin.platform.create' */
  action: string;
  /** party keys, `country_code*party_id`, e.g. 'NL*CPA' */
  from?: string;
  to?: string;
  module?: string;
  object_id?: string;
  request_id?: string;
  correlation_id?: string;
  /** hex SHA-256 of a JWS */
  signature_digest?: string;
  /** a verified JWS a partner sent (detached payload), kept to settle disputes */
  signature?: string;
  /** 'ok', 'refused', 'failed: …', an HTTP or OCPI status */
  outcome: string;
  platform_id?: string;
}

/** The chained fields: everything in a stored entry but `_id` and `hash`. */
export interface ChainedFields extends AuditInput {
  writer: string;
  seq: number;
  at: Date;
  prev: string;
}

export interface AuditEntry extends ChainedFields {
  _id: Types.ObjectId;
  hash: string;
}

export interface AuditHead {
  _id: string;
  seq: number;
  hash: string;
  at: Date;
  /** HMAC of the head under the audit key: a head cannot be set to a (seq, hash) the writer never stored. */
  mac?: string;
}

/** The `prev` of a writer's first entry. */
export const GENESIS = '0'.repeat(64);

/** Every field the hash covers, in RFC 8785 order (UTF-16 code units, as the default sort compares). */
export const CHAINED_KEYS: readonly string[] = [
  ...['writer', 'seq', 'at', 'prev', 'action', 'from', 'to', 'module', 'object_id', 'request_id', 'correlation_id'],
  ...['signature_digest', 'signature', 'outcome', 'platform_id'],
].sort();

/**
 * HMAC-SHA256 (hex) under the audit data key (wrapped by HUB_MASTER_KEY) over the RFC 8785 canonical JSON of
 * the chained fields (`at` as its ISO string): whoever holds the key recomputes it with any JCS library, and a
 * database writer without it cannot forge an entry or re-chain after one. Written out by hand because this
 * runs on every recordAudit: for these flat strings (well-formed, see clean() in log.ts) and integers it is
 * byte for byte what JCS gives, at a third of the cost. Fields outside CHAINED_KEYS are not covered: verify reports
 * them.
 */
export function chainHash(entry: Record<string, unknown>): string {
  let json = '';
  for (const key of CHAINED_KEYS) {
    const value = entry[key];
    if (value === undefined) continue;
    json += `${json ? ',' : '{'}"${key}":${value instanceof Date ? `"${value.toISOString()}"` : JSON.stringify(value)}`;
  }
  return createHmac('sha256', dataKey(AUDIT_KEY_ID))
    .update(`${json || '{'}}`)
    .digest('hex');
}

/** The MAC of a writer's head: its writer id, seq and hash, under the audit key. */
export const headMac = (writer: string, seq: number, hash: string): string =>
  createHmac('sha256', dataKey(AUDIT_KEY_ID)).update(`head\0${writer}\0${seq}\0${hash}`).digest('hex');

const str = { type: String };
const AuditSchema = new Schema<AuditEntry>(
  {
    writer: { type: String, required: true },
    seq: { type: Number, required: true },
    at: { type: Date, required: true },
    prev: { type: String, required: true },
    hash: { type: String, required: true },
    action: { type: String, required: true },
    from: str,
    to: str,
    module: str,
    object_id: str,
    request_id: str,
    correlation_id: str,
    signature_digest: str,
    signature: str,
    outcome: { type: String, required: true },
    platform_id: str,
  },
  { versionKey: false, collection: 'audit' },
);

// Verification walks each chain in seq order; the unique index also stops a second entry taking a seq.
AuditSchema.index({ writer: 1, seq: 1 }, { unique: true });
// The admin listing: newest first, `_id` breaking ties of `at`, each filter with the same order behind it.
AuditSchema.index({ at: -1, _id: -1 });
AuditSchema.index({ from: 1, at: -1, _id: -1 });
AuditSchema.index({ to: 1, at: -1, _id: -1 });
AuditSchema.index({ object_id: 1, at: -1, _id: -1 });
AuditSchema.index({ correlation_id: 1, at: -1, _id: -1 });
AuditSchema.index({ request_id: 1 });

export const AuditModel = mongoose.model<AuditEntry>('Audit', AuditSchema);

export const AuditHeadModel = mongoose.model<AuditHead>(
  'AuditHead',
  new Schema<AuditHead>(
    { _id: String, seq: Number, hash: String, at: Date, mac: String },
    { versionKey: false, collection: 'audit_heads' },
  ),
);
