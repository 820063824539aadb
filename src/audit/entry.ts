// One audit entry as it is stored: its fields cleaned (so the stored bytes hash as they were hashed) and chained
// to the writer's previous entry by seq, prev and hash.
import { Types } from 'mongoose';
import { log } from '../log';
import { chainHash, type AuditInput, type ChainedFields } from './model';

const MAX_CHARS = 2000;
/** Any surrogate code unit, paired or not: a cheap first test (no `u` flag) before the exact replacement. */
const ANY_SURROGATE = /[\uD800-\uDFFF]/;
const FIELDS = [
  'action',
  'from',
  'to',
  'module',
  'object_id',
  'request_id',
  'correlation_id',
  'signature_digest',
  'signature',
  'outcome',
  'platform_id',
] as const;

export type Stored = ChainedFields & { _id: Types.ObjectId; hash: string };
/** An entry as recorded: what happened, and when (ms). */
export type Recorded = { input: AuditInput; at: number };
type Head = { seq: number; hash: string; at: number };

/**
 * BSON holds UTF-8 only, so a lone surrogate would be stored as U+FFFD and the hash would no longer match:
 * replace it before hashing. Long values are cut so one caller cannot bloat the log.
 */
function clean(field: (typeof FIELDS)[number], value: string): string {
  let v = value.length > MAX_CHARS ? value.slice(0, MAX_CHARS) : value;
  if (ANY_SURROGATE.test(v)) v = v.replace(/\p{Cs}/gu, '\uFFFD'); // the exact (slower) test only where one may be
  if (field === 'from' || field === 'to') return v.toUpperCase();
  // A JWS with its payload attached could carry personal data: keep the detached form (header..signature).
  if (field === 'signature') return v.replace(/^([^.]*)\.[^.]+\.([^.]*)$/, '$1..$2');
  return v;
}

/** The entry that follows `last` in writer `id`'s chain; `recordedAt` is when it happened (ms). */
function chainEntry(id: string, last: Head, input: AuditInput, recordedAt: number): Stored {
  // `at` never goes back within a chain (a clock step back would otherwise read as a reordered entry).
  const at = Math.max(recordedAt, last.at);
  const entry: Record<string, unknown> = {
    _id: new Types.ObjectId(),
    writer: id,
    seq: last.seq + 1,
    at: new Date(at),
    prev: last.hash,
  };
  for (const f of FIELDS) {
    const value = input[f];
    // An empty optional field (a request without X-Request-ID) is left out rather than stored as ''.
    if (typeof value === 'string' && (value !== '' || f === 'action' || f === 'outcome')) entry[f] = clean(f, value);
  }
  entry.hash = chainHash(entry);
  return entry as unknown as Stored;
}

/** Chains `recorded` in order after `last` onto `out`; an entry that cannot be chained is logged and left out. */
export function chainAll(id: string, last: Head, recorded: Recorded[], out: Stored[]): Head {
  let head = last;
  for (const { input, at } of recorded) {
    try {
      const entry = chainEntry(id, head, input, at);
      head = { seq: entry.seq, hash: entry.hash, at: entry.at.getTime() };
      out.push(entry);
    } catch (error) {
      log.error('audit entry could not be chained', {
        error: (error as Error).message,
        action: input.action,
        writer: id,
      });
    }
  }
  return head;
}
