// Enqueue: the deliveries of one accepted request, written before the request is answered. Concurrent requests'
// rows share one insert (group commit): a request waits for the insert in flight, then goes with everything that
// gathered meanwhile, and is answered when that insert is journaled (nothing acknowledged is lost).
import type { Types } from 'mongoose';
import { seal } from '../crypto/seal';
import { cancelAhead, claimAhead, handOver, type Row } from './handover';
import { OutboxModel } from './model';
import { noteEnqueued } from './pending';
import { wake } from './worker';

export interface Delivery {
  platform_id: Types.ObjectId;
  module: string;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  headers: Record<string, string>;
  object_key: string;
  seq: number;
  scope?: string;
}

/** At most this many rows in one insert; more wait for the next. */
const MAX_ROWS = 1000;

interface Waiting {
  rows: Row[];
  /** Each sealed body's plain text, for the hand-over (it sends without opening them again). */
  texts: Map<string, string>;
  done: (error?: unknown) => void;
}
let queue: Waiting[] = [];
let writing = false;

/**
 * Each distinct body is serialized and sealed once: a broadcast's rows carry the same ciphertext (and the claim
 * opens it once for all of them). Sealed at rest: payloads carry personal data, and a tokens URL the token uid
 * (other URLs name only the party and its object ids, so they stay plain: a seal and an open less per delivery).
 * Coalescing happens when the rows are claimed (claim.ts), not here.
 */
function rowsOf(deliveries: Delivery[], texts: Map<string, string>): Row[] {
  const now = new Date();
  const sealed = new Map<unknown, string>();
  const bodyOf = (body: unknown) => {
    let out = sealed.get(body);
    if (out === undefined) {
      const text = JSON.stringify(body);
      sealed.set(body, (out = seal(text, { deflate: true })));
      texts.set(out, text);
    }
    return out;
  };
  return deliveries.map((d) => ({
    platform_id: d.platform_id,
    module: d.module,
    method: d.method,
    url: d.module === 'tokens' ? seal(d.url) : d.url, // only a tokens URL names a driver's token (its uid)
    headers: d.headers,
    object_key: d.object_key,
    seq: d.seq,
    ...(d.scope === undefined ? {} : { scope: d.scope }),
    state: 'pending',
    attempts: 0,
    next_at: now,
    created_at: now,
    ...(d.body === undefined ? {} : { body: bodyOf(d.body) }),
  }));
}

async function write(): Promise<void> {
  writing = true;
  while (queue.length > 0) {
    let count = 0;
    const batch = queue.filter((w) => (count += w.rows.length) <= MAX_ROWS || w === queue[0]);
    queue = queue.slice(batch.length);
    const rows = batch.flatMap((w) => w.rows);
    const ahead = claimAhead(rows, new Map(batch.flatMap((w) => [...w.texts])));
    try {
      // ordered, journaled (the connection's write concern); raw driver call: the rows are built complete above
      await OutboxModel.collection.insertMany(rows, { ordered: true });
      noteEnqueued(rows.map((r) => r.platform_id));
      batch.forEach((w) => w.done());
      if (ahead) void handOver(ahead);
      wake();
    } catch (error) {
      cancelAhead(ahead);
      batch.forEach((w) => w.done(error));
    }
  }
  writing = false;
}

export function enqueue(deliveries: Delivery[]): Promise<void> {
  if (deliveries.length === 0) return Promise.resolve();
  const texts = new Map<string, string>();
  const rows = rowsOf(deliveries, texts);
  return new Promise<void>((resolve, reject) => {
    queue.push({ rows, texts, done: (error) => (error === undefined ? resolve() : reject(error as Error)) });
    if (!writing) void write();
  });
}
